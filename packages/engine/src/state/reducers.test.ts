import { describe, expect, it } from 'vitest';
import type { ReducerName } from '../graph/schema.ts';
import type { JsonObject } from '../json.ts';
import { canonicalJson, NotJsonError, toFrozenJson } from './frozen-json.ts';
import { applyPatch, ReducerError } from './reducers.ts';

const reducers = new Map<string, ReducerName>([
  ['list', 'append'],
  ['obj', 'merge'],
  ['total', 'sum'],
  ['lo', 'min'],
  ['hi', 'max'],
  ['set', 'union'],
]);

describe('applyPatch', () => {
  it('starts each reducer from an absent key', () => {
    const next = applyPatch(
      {},
      { list: 1, obj: { a: 1 }, total: 2, lo: 5, hi: 5, set: [1, 1, 2], plain: 'x' },
      reducers,
    );
    expect(next).toEqual({ list: [1], obj: { a: 1 }, total: 2, lo: 5, hi: 5, set: [1, 2], plain: 'x' });
  });

  it('returns a new frozen state and leaves the old one as it was', () => {
    const before = toFrozenJson({ list: [1], plain: 'a' }) as JsonObject;
    const after = applyPatch(before, { list: [2], plain: 'b' }, reducers);
    expect(before).toEqual({ list: [1], plain: 'a' });
    expect(after).toEqual({ list: [1, 2], plain: 'b' });
    expect(Object.isFrozen(after)).toBe(true);
    expect(Object.isFrozen(after.list)).toBe(true);
  });

  it('deduplicates union by JSON equality whatever the key order', () => {
    expect(applyPatch({ set: [{ a: 1, b: 2 }] }, { set: [{ b: 2, a: 1 }, { a: 2 }] }, reducers)).toEqual({
      set: [{ a: 1, b: 2 }, { a: 2 }],
    });
  });

  it('names the key and the reducer when a value does not fit', () => {
    expect(() => applyPatch({}, { total: 'ten' }, reducers)).toThrow(ReducerError);
    expect(() => applyPatch({}, { total: 'ten' }, reducers)).toThrow(
      /'total' uses the sum reducer and needs a number, got a string/,
    );
    expect(() => applyPatch({}, { obj: [1] }, reducers)).toThrow(
      /merge reducer and needs an object, got an array/,
    );
  });

  it('stores a `__proto__` key as data, never as a prototype', () => {
    const patch = toFrozenJson(JSON.parse('{"__proto__": {"polluted": true}}')) as JsonObject;
    const next = applyPatch({}, patch, reducers);
    expect(Object.keys(next)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((next as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('toFrozenJson', () => {
  it('copies and deep-freezes JSON, dropping undefined object keys like JSON.stringify', () => {
    const source = { a: [1, { b: 'c' }], gone: undefined };
    const copy = toFrozenJson(source) as JsonObject;
    expect(copy).toEqual({ a: [1, { b: 'c' }] });
    expect(copy).not.toBe(source);
    expect(Object.isFrozen((copy.a as JsonObject[])[1])).toBe(true);
  });

  it('rejects what JSON cannot hold, naming the path', () => {
    expect(() => toFrozenJson({ a: { b: [0, Number.POSITIVE_INFINITY] } }, 'patch')).toThrow(
      'patch.a.b[1] is Infinity',
    );
    expect(() => toFrozenJson({ d: new Date(0) }, 'patch')).toThrow(
      /patch\.d is a Date \(use toISOString\(\)\)/,
    );
    expect(() => toFrozenJson({ m: new Map() }, 'patch')).toThrow(NotJsonError);
    expect(() => toFrozenJson({ n: 1n }, 'patch')).toThrow(/BigInt/);
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
