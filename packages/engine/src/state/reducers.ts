import type { ReducerName } from '../graph/schema.ts';
import { isPlainObject, type JsonObject, type JsonValue, setOwn } from '../json.ts';
import { canonicalJson } from './frozen-json.ts';

export class ReducerError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReducerError';
  }
}

type Reducer = (current: JsonValue | undefined, value: JsonValue, key: string) => JsonValue;

const asList = (value: JsonValue | undefined): readonly JsonValue[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

function numbers(
  name: string,
  key: string,
  current: JsonValue | undefined,
  value: JsonValue,
): [number | undefined, number] {
  if (typeof value !== 'number')
    throw new ReducerError(
      key,
      `state key '${key}' uses the ${name} reducer and needs a number, got ${kindOf(value)}`,
    );
  if (current !== undefined && current !== null && typeof current !== 'number') {
    throw new ReducerError(key, `state key '${key}' uses the ${name} reducer but holds ${kindOf(current)}`);
  }
  return [current ?? undefined, value];
}

/** The seven reducers of DESIGN §3.7. Inputs are frozen JSON; outputs are new frozen values. */
export const REDUCER_FUNCTIONS: Record<ReducerName, Reducer> = {
  replace: (_current, value) => value,
  append: (current, value) =>
    Object.freeze([...asList(current), ...(Array.isArray(value) ? value : [value])]) as JsonValue,
  merge: (current, value, key) => {
    if (!isPlainObject(value))
      throw new ReducerError(
        key,
        `state key '${key}' uses the merge reducer and needs an object, got ${kindOf(value)}`,
      );
    const base = isPlainObject(current) ? current : {};
    return Object.freeze({ ...base, ...value });
  },
  sum: (current, value, key) => {
    const [c, v] = numbers('sum', key, current, value);
    return (c ?? 0) + v;
  },
  min: (current, value, key) => {
    const [c, v] = numbers('min', key, current, value);
    return c === undefined ? v : Math.min(c, v);
  },
  max: (current, value, key) => {
    const [c, v] = numbers('max', key, current, value);
    return c === undefined ? v : Math.max(c, v);
  },
  union: (current, value) => {
    const out = [...asList(current)];
    const seen = new Set(out.map(canonicalJson));
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = canonicalJson(item);
      if (!seen.has(text)) {
        seen.add(text);
        out.push(item);
      }
    }
    return Object.freeze(out) as JsonValue;
  },
};

/**
 * Merges a frozen patch into a frozen state, key by key through each key's reducer (DESIGN §3.7),
 * and returns the new frozen state. Throws `ReducerError` when a value does not suit its reducer.
 */
export function applyPatch(
  state: JsonObject,
  patch: JsonObject,
  reducers: ReadonlyMap<string, ReducerName>,
): JsonObject {
  const next: JsonObject = { ...state };
  for (const key of Object.keys(patch)) {
    const reducer = reducers.get(key);
    const value = patch[key]!;
    const current = Object.hasOwn(state, key) ? state[key] : undefined;
    setOwn(
      next,
      key,
      reducer === undefined || reducer === 'replace'
        ? value
        : REDUCER_FUNCTIONS[reducer](current, value, key),
    );
  }
  return Object.freeze(next);
}

function kindOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
