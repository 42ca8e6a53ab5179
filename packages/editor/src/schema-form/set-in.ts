import { isPlainObject } from '@weft/engine';

/**
 * `target` with the value at `path` replaced, copying only along the path; `undefined` removes an
 * object key (so a cleared field leaves no `"key": null` behind).
 *
 * @example
 * setIn({ a: { b: 1 } }, ['a', 'c'], 2) // { a: { b: 1, c: 2 } }
 */
export function setIn(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(target) ? target.slice() : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const obj: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  const next = setIn(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj;
}
