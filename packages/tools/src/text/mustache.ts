import { isPlainObject } from '@weft/engine';
import { z } from 'zod';

/**
 * Mustache-style templates over JSON data: `{{ path }}`, `{{{ raw }}}`, sections `{{#list}}…{{/list}}`,
 * inverted sections `{{^x}}…{{/x}}`, comments `{{! … }}`, `{{.}}` and the loop variables `{{@index}}`,
 * `{{@number}}`, `{{@first}}`, `{{@last}}`. Names are looked up, never evaluated: there is no code in a
 * template, so a template cannot run anything, reach a prototype or call a function.
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; raw: boolean }
  | { kind: 'section'; name: string; inverted: boolean; children: Node[] };

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset + 1})`);
    this.name = 'TemplateSyntaxError';
  }
}

export interface RenderOptions {
  /** Applied to every `{{ }}` value (not to `{{{ }}}`): HTML escaping, URL encoding … */
  escape?: (text: string) => string;
  /** Longest output, in characters (default 10 MB). */
  maxLength?: number;
  /** Looked up when the view has no such name (tools pass `{ state, input }` here). */
  fallback?: unknown;
}

export interface RenderResult {
  text: string;
  /** Names that had no value (rendered as empty text). */
  missing: string[];
}

export const MAX_TEMPLATE_LENGTH = 100_000;
const NAME = /^(\.|@?[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)$/;
const cache = new Map<string, Node[]>();

/** Parses a template (cached by its text); throws `TemplateSyntaxError`. */
export function compileTemplate(source: string): Node[] {
  const hit = cache.get(source);
  if (hit) return hit;
  if (source.length > MAX_TEMPLATE_LENGTH) {
    throw new TemplateSyntaxError(`template is longer than ${MAX_TEMPLATE_LENGTH} characters`, 0);
  }
  const nodes = parse(source);
  if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
  cache.set(source, nodes);
  return nodes;
}

function parse(source: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; children: Node[]; offset: number }> = [];
  let children = root;
  let cursor = 0;
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) children.push({ kind: 'text', text: source.slice(textStart, end) });
  };
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open < 0) break;
    const triple = source.startsWith('{{{', open);
    const close = source.indexOf(triple ? '}}}' : '}}', open + (triple ? 3 : 2));
    if (close < 0) throw new TemplateSyntaxError('unclosed tag', open);
    const end = close + (triple ? 3 : 2);
    const body = source.slice(open + (triple ? 3 : 2), close).trim();
    const sigil = triple ? '&' : body[0];
    const isBlockTag = sigil === '#' || sigil === '^' || sigil === '/' || sigil === '!';
    // A block tag alone on its line takes the line with it, so templates can be laid out readably.
    let textEnd = open;
    let next = end;
    if (isBlockTag) {
      const lineStart = source.lastIndexOf('\n', open - 1) + 1;
      const newline = source.indexOf('\n', end);
      const lineEnd = newline < 0 ? source.length : newline;
      if (/^[ \t]*$/.test(source.slice(lineStart, open)) && /^[ \t\r]*$/.test(source.slice(end, lineEnd))) {
        textEnd = Math.max(lineStart, textStart);
        next = newline < 0 ? source.length : newline + 1;
      }
    }
    pushText(textEnd);
    cursor = next;
    textStart = next;
    if (sigil === '!') continue;
    const name =
      sigil === '#' || sigil === '^' || sigil === '/' || sigil === '&'
        ? body.slice(triple ? 0 : 1).trim()
        : body;
    if (sigil === '>' || sigil === '=' || sigil === '<') {
      throw new TemplateSyntaxError(`'{{${sigil}' tags (partials, delimiters) are not supported`, open);
    }
    if (!NAME.test(name)) throw new TemplateSyntaxError(`'${name}' is not a name such as user.name`, open);
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', children: [] };
      children.push(section);
      stack.push({ name, children, offset: open });
      children = section.children;
    } else if (sigil === '/') {
      const top = stack.pop();
      if (!top) throw new TemplateSyntaxError(`'{{/${name}}}' closes no section`, open);
      if (top.name !== name) {
        throw new TemplateSyntaxError(`'{{/${name}}}' closes '{{#${top.name}}}'`, open);
      }
      children = top.children;
    } else {
      children.push({ kind: 'var', name, raw: sigil === '&' });
    }
  }
  textStart = Math.min(textStart, source.length);
  if (textStart < source.length) children.push({ kind: 'text', text: source.slice(textStart) });
  const unclosed = stack.pop();
  if (unclosed) throw new TemplateSyntaxError(`'{{#${unclosed.name}}}' is never closed`, unclosed.offset);
  return root;
}

interface Frame {
  value: unknown;
  loop?: { index: number; length: number };
}

/**
 * Renders a template against a view. Lookups walk the section stack outwards, as in Mustache.
 *
 * @example
 * renderTemplate('Hi {{user.name}}{{#tags}}, {{.}}{{/tags}}', { user: { name: 'Ada' }, tags: ['a'] }).text
 * // 'Hi Ada, a'
 */
export function renderTemplate(source: string, view: unknown, options: RenderOptions = {}): RenderResult {
  const nodes = compileTemplate(source);
  const maxLength = options.maxLength ?? 10_000_000;
  const missing = new Set<string>();
  const out: string[] = [];
  let length = 0;
  const write = (text: string) => {
    length += text.length;
    if (length > maxLength) throw new RangeError(`the rendered text is longer than ${maxLength} characters`);
    out.push(text);
  };
  const walk = (list: Node[], stack: Frame[]) => {
    for (const node of list) {
      if (node.kind === 'text') write(node.text);
      else if (node.kind === 'var') {
        const value = lookup(stack, node.name);
        if (value === undefined) missing.add(node.name);
        const text = formatValue(value);
        write(node.raw || !options.escape ? text : options.escape(text));
      } else {
        const value = lookup(stack, node.name);
        const empty = Array.isArray(value) ? value.length === 0 : !value;
        if (node.inverted) {
          if (empty) walk(node.children, stack);
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => {
            walk(node.children, [...stack, { value: item, loop: { index, length: value.length } }]);
          });
        } else if (!empty) {
          walk(node.children, [...stack, { value }]);
        }
      }
    }
  };
  walk(
    nodes,
    options.fallback === undefined ? [{ value: view }] : [{ value: options.fallback }, { value: view }],
  );
  return { text: out.join(''), missing: [...missing] };
}

/** The value a `{{name}}` tag would insert, before formatting (`undefined` when there is none). */
export function resolveName(name: string, view: unknown, fallback?: unknown): unknown {
  return lookup(fallback === undefined ? [{ value: view }] : [{ value: fallback }, { value: view }], name);
}

function lookup(stack: Frame[], name: string): unknown {
  if (name === '.') return stack[stack.length - 1]?.value;
  if (name.startsWith('@')) {
    const loop = [...stack].reverse().find((frame) => frame.loop)?.loop;
    if (!loop) return undefined;
    if (name === '@index') return loop.index;
    if (name === '@number') return loop.index + 1;
    if (name === '@first') return loop.index === 0;
    if (name === '@last') return loop.index === loop.length - 1;
    return undefined;
  }
  const [head, ...rest] = name.split('.') as [string, ...string[]];
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i]!.value;
    if (isPlainObject(frame) && Object.hasOwn(frame, head)) {
      let current: unknown = frame[head];
      for (const part of rest) {
        if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
        else if (isPlainObject(current) && Object.hasOwn(current, part)) current = current[part];
        else return undefined;
      }
      return current;
    }
  }
  return undefined;
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A config field holding a template: its syntax is checked when the graph is validated. */
export function templateString(description: string) {
  return z
    .string()
    .max(MAX_TEMPLATE_LENGTH)
    .superRefine((source, ctx) => {
      try {
        compileTemplate(source);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `template: ${(err as Error).message}` });
      }
    })
    .meta({ format: 'template' })
    .describe(description);
}
