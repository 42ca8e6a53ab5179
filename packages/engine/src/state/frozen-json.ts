import { isPlainObject, type JsonValue, setOwn } from '../json.ts';

const MAX_DEPTH = 100;

export class NotJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotJsonError';
  }
}

/**
 * Copies a value into deeply frozen plain JSON, or throws a `NotJsonError` naming the first path that
 * JSON cannot hold (functions, class instances, NaN, BigInt, cycles …). Object keys whose value is
 * `undefined` are dropped, as `JSON.stringify` does.
 */
export function toFrozenJson(value: unknown, path = '$'): JsonValue {
  return copy(value, path, 0);
}

function copy(value: unknown, path: string, depth: number): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value))
        throw new NotJsonError(path, `${path} is ${value}; JSON has no such number`);
      return value;
    case 'object':
      break;
    case 'undefined':
      throw new NotJsonError(path, `${path} is undefined; use null for "no value"`);
    case 'bigint':
      throw new NotJsonError(path, `${path} is a BigInt; convert it with Number() or String()`);
    default:
      throw new NotJsonError(path, `${path} is a ${typeof value}; patches must be plain JSON`);
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH)
    throw new NotJsonError(path, `${path} is nested deeper than ${MAX_DEPTH} levels (or is circular)`);
  if (Array.isArray(value)) {
    const out = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = item === undefined ? null : copy(item, `${path}[${i}]`, depth + 1);
    }
    return Object.freeze(out) as JsonValue;
  }
  if (!isPlainObject(value)) {
    const name = (value as object).constructor?.name ?? 'object';
    const hint =
      value instanceof Date
        ? ' (use toISOString())'
        : value instanceof Map
          ? ' (use Object.fromEntries())'
          : '';
    throw new NotJsonError(path, `${path} is a ${name}${hint}; patches must be plain JSON`);
  }
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    setOwn(out, key, copy(item, `${path}.${key}`, depth + 1));
  }
  return Object.freeze(out);
}

/** JSON text with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}
