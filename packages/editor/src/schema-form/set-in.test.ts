import { describe, expect, it } from 'vitest';
import { setIn } from './set-in.ts';

describe('setIn', () => {
  it('sets nested values, copying only along the path', () => {
    const other = { x: 1 };
    const target = { a: { b: 1 }, other };
    const next = setIn(target, ['a', 'c'], 2) as typeof target & { a: { c: number } };
    expect(next).toEqual({ a: { b: 1, c: 2 }, other });
    expect(next.other).toBe(other);
    expect(target.a).toEqual({ b: 1 });
  });

  it('removes keys set to undefined and writes array items', () => {
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(setIn({ list: ['x', 'y'] }, ['list', 1], 'z')).toEqual({ list: ['x', 'z'] });
    expect(setIn(undefined, ['a', 0], 'v')).toEqual({ a: ['v'] });
    expect(setIn({ a: 1 }, [], undefined)).toBeUndefined();
  });
});
