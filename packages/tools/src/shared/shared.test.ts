import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.ts';
import { setOwn } from './set-own.ts';
import { readPath } from './state-path.ts';

describe('shared helpers', () => {
  it('setOwn keeps __proto__ as an ordinary key', () => {
    const target: Record<string, unknown> = {};
    setOwn(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('readPath follows own keys and list indexes only', () => {
    const state = { a: { b: [{ c: 1 }] } };
    expect(readPath(state, 'a.b.0.c')).toBe(1);
    expect(readPath(state, 'a.b.x')).toBeUndefined();
    expect(readPath(state, 'a.constructor')).toBeUndefined();
    expect(readPath(state, 'a.b.length')).toBeUndefined();
  });

  it('retryDelay honours Retry-After in seconds or as a date, and backs off otherwise', () => {
    expect(retryDelay(0, 100, '2')).toBe(2000);
    expect(retryDelay(0, 100, new Date(10_000).toUTCString(), 30_000, 7_000)).toBe(3000);
    expect(retryDelay(0, 100, '120')).toBeUndefined();
    expect(retryDelay(3, 100, undefined)).toBe(800);
    expect(retryDelay(20, 100, null)).toBe(30_000);
  });
});
