import { isPlainObject, type JsonValue } from '@weft/engine';
import { renderWithState } from '../shared/template-view.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { resolveName } from '../text/mustache.ts';

const SINGLE_PLACEHOLDER = /^\s*\{\{\{?\s*([@.A-Za-z0-9_$-]+)\s*\}?\}\}\s*$/;

/**
 * Fills a JSON body: every string is a template, and a string that is exactly one placeholder
 * (`"{{items}}"`) is replaced by the value itself, so lists, numbers and objects keep their type.
 */
export function fillBody(value: JsonValue, state: JsonValue, input: JsonValue): JsonValue {
  if (typeof value === 'string') {
    const single = SINGLE_PLACEHOLDER.exec(value);
    if (single?.[1]) {
      const found = resolveName(single[1], state, { state, input });
      return found === undefined ? null : (found as JsonValue);
    }
    return renderWithState(value, state, input).text;
  }
  if (Array.isArray(value)) return value.map((item) => fillBody(item, state, input));
  if (isPlainObject(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: fillBody(item, state, input),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Encodes the filled body for the wire and says which content type it is. */
export function encodeBody(
  value: JsonValue,
  bodyType: 'json' | 'text' | 'form',
): { data: Buffer; contentType: string } {
  if (bodyType === 'json')
    return { data: Buffer.from(JSON.stringify(value)), contentType: 'application/json' };
  if (bodyType === 'text') {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return { data: Buffer.from(text), contentType: 'text/plain; charset=utf-8' };
  }
  if (!isPlainObject(value)) throw new ToolsError('INVALID_INPUT', 'a form body must be an object of fields');
  const form = new URLSearchParams();
  for (const [key, item] of Object.entries(value)) {
    form.append(key, typeof item === 'string' ? item : JSON.stringify(item));
  }
  return { data: Buffer.from(form.toString()), contentType: 'application/x-www-form-urlencoded' };
}
