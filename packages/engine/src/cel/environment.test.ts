import { describe, expect, it } from 'vitest';
import { createCelEnvironment, MAX_EXPRESSION_LENGTH } from './environment.ts';
import { conditionScope } from './scopes.ts';

const env = createCelEnvironment({ state: 'map', input: 'dyn' });
const run = (source: string, scope: Record<string, unknown>) => {
  const compiled = env.compile(source);
  if (!compiled.ok) throw new Error(compiled.problem.message);
  return compiled.program.evaluate(scope);
};

describe('CEL with JSON numbers', () => {
  const cases: Array<[string, Record<string, unknown>, unknown]> = [
    ['state.n + 1', { state: { n: 2 } }, 3],
    ['1 + state.n', { state: { n: 2 } }, 3],
    ['state.n - 1', { state: { n: 2 } }, 1],
    ['state.n + 0.5', { state: { n: 2 } }, 2.5],
    ['state.score * 2 < 1.5', { state: { score: 0.5 } }, true],
    ['state.score * 2 < 1.5', { state: { score: 0.9 } }, false],
    ['size(state.items) + state.n', { state: { items: [1, 2, 3], n: 4 } }, 7],
    ['state.n % 2 == 1', { state: { n: 7 } }, true],
    ['state.total / state.count', { state: { total: 7, count: 2 } }, 3.5],
    ['state.n / 2', { state: { n: 7 } }, 3.5],
    ['state.n == 3', { state: { n: 3 } }, true],
    ['state.n > 2 && state.n <= 3.0', { state: { n: 3 } }, true],
    ['state.items.map(x, x * 2)', { state: { items: [1, 2.5] } }, [2, 5]],
    ['state.items[state.i]', { state: { items: ['a', 'b'], i: 1 } }, 'b'],
    ['-state.n', { state: { n: 3 } }, -3],
    ['[1, 2, 3]', {}, [1, 2, 3]],
    ['{"a": 1, "b": [true, null]}', {}, { a: 1, b: [true, null] }],
    ['size("héllo")', {}, 5],
    ['input.name + "!"', { input: { name: 'Ada' } }, 'Ada!'],
    ['has(state.missing) ? 1 : 2', { state: {} }, 2],
  ];
  it.each(cases)('%s', (source, scope, expected) => {
    expect(run(source, scope)).toEqual(expected);
  });

  it('returns plain JSON numbers, never BigInt', () => {
    const value = run('size(state.items) * 3', { state: { items: [1, 2] } });
    expect(value).toBe(6);
    expect(typeof value).toBe('number');
  });
});

describe('CEL safety', () => {
  it('cannot reach prototypes or constructors', () => {
    for (const source of [
      'state.constructor',
      'state.__proto__',
      'state["__proto__"]',
      'input.toString',
      'state.x.constructor',
    ]) {
      expect(() => run(source, { state: { x: {} }, input: {} })).toThrow(/No such key/);
    }
    expect(run('has(state.constructor)', { state: {} })).toBe(false);
    expect(run('"constructor" in state', { state: {} })).toBe(false);
  });

  it('caps expression length and nesting depth', () => {
    const long = env.compile(`state.x == '${'a'.repeat(MAX_EXPRESSION_LENGTH)}'`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problem.kind).toBe('too-long');
    const deep = env.compile(`${'('.repeat(100)}1${')'.repeat(100)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.problem.message).toMatch(/maxDepth/);
  });

  it('reports syntax and type problems with their position', () => {
    const syntax = env.compile('state.a +');
    expect(syntax).toMatchObject({ ok: false, problem: { kind: 'syntax', range: { start: 9 } } });
    const type = env.compile('state.a + nope');
    expect(type).toMatchObject({
      ok: false,
      problem: { kind: 'type', message: expect.stringContaining('nope') },
    });
  });

  it('raises at run time instead of answering false for a missing key', () => {
    expect(() => run('state.missing > 1', { state: {} })).toThrow(/missing/);
  });

  it('knows the condition scope: state, output, input, visit', () => {
    const compiled = conditionScope.compile('state.a == output.a && visit < 3 && input != null');
    expect(compiled.ok).toBe(true);
    if (compiled.ok)
      expect(compiled.program.evaluate({ state: { a: 1 }, output: { a: 1 }, input: 1, visit: 2n })).toBe(
        true,
      );
  });

  it('compiles each expression once', () => {
    const a = env.compile('state.cached + 1');
    const b = env.compile('state.cached + 1');
    expect(a).toBe(b);
  });
});
