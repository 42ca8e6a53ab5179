import { isPlainObject, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { ToolsError } from './tools-error.ts';

/** A dotted path into the state: `text`, `doc.body`, `rows.0.name`. */
export const STATE_PATH_PATTERN = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

/** A config field naming where a tool reads from. */
export function statePath(description: string, fallback: string) {
  return z
    .string()
    .regex(STATE_PATH_PATTERN, 'a state key or dotted path such as `text` or `doc.body`')
    .default(fallback)
    .describe(description);
}

/** A config field naming the state key a tool writes to. */
export function stateKey(description: string, fallback: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_$-]{1,64}$/, 'a state key: letters, digits, _ $ and -')
    .default(fallback)
    .describe(description);
}

/** Reads a dotted path; `undefined` when any step is missing. Own properties only. */
export function readPath(root: unknown, path: string): JsonValue | undefined {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return undefined;
      current = current[Number(part)];
    } else if (isPlainObject(current) && Object.hasOwn(current, part)) {
      current = current[part];
    } else {
      return undefined;
    }
  }
  return current as JsonValue | undefined;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value === 'object' ? 'object' : typeof value}`;
}

/** The string at `path`, or an `INVALID_INPUT` error that says what was there instead. */
export function readString(state: unknown, path: string, toolId: string): string {
  const value = readPath(state, path);
  if (typeof value === 'string') return value;
  throw new ToolsError(
    'INVALID_INPUT',
    `${toolId} reads text from state.${path}, which is ${describeValue(value)}; set \`field\` to a key holding a string`,
  );
}

/** The list at `path`, or an `INVALID_INPUT` error. */
export function readList(state: unknown, path: string, toolId: string): JsonValue[] {
  const value = readPath(state, path);
  if (Array.isArray(value)) return value;
  throw new ToolsError(
    'INVALID_INPUT',
    `${toolId} reads a list from state.${path}, which is ${describeValue(value)}; set \`field\` to a key holding a list`,
  );
}

/** The value at `path`, or an `INVALID_INPUT` error when it is missing. */
export function readValue(state: unknown, path: string, toolId: string): JsonValue {
  const value = readPath(state, path);
  if (value !== undefined) return value;
  throw new ToolsError('INVALID_INPUT', `${toolId} reads state.${path}, which is missing`);
}
