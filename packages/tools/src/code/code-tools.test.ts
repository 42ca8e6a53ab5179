import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { codeAutofix } from './autofix.ts';
import { codeComplexity } from './complexity.ts';
import { codeFunctions } from './functions.ts';
import { codeIssues } from './issues.ts';
import { codeScore, countCodeLines, grade, qualityScore } from './score.ts';
import { codeSuggest } from './suggest.ts';

const SOURCE = `import { readFileSync } from 'node:fs';

export function classify(n: number): string {
  if (n < 0) return 'negative';
  else if (n === 0) return 'zero';
  else if (n < 10 && n % 2 == 0) return 'small even';
  return n > 100 ? 'large' : 'medium';
}

export const load = async (path: any) => {
  var unused = 1;
  try {
    return JSON.parse(path);
  } catch (e) {}
};

class Store {
  get size() { return 0; }
  save(a: number, b: number, c: number, d: number, e: number) {
    console.log('saving', a + b + c + d + e);
    debugger;
    for (const x of [a, b]) {
      while (x > 0) {
        if (x > 1) {
          if (x > 2) {
            return x;
          }
        }
      }
    }
  }
}
// TODO: remove
`;

describe('code.functions', () => {
  it('lists every function with location, kind, params and modifiers', async () => {
    const { patch } = await runTool(codeFunctions, { state: { source: SOURCE } });
    expect(patch!.functions).toEqual([
      {
        name: 'classify',
        kind: 'function',
        line: 3,
        endLine: 8,
        lines: 6,
        params: 1,
        async: false,
        exported: true,
      },
      {
        name: 'load',
        kind: 'arrow',
        line: 10,
        endLine: 15,
        lines: 6,
        params: 1,
        async: true,
        exported: true,
      },
      {
        name: 'Store.size',
        kind: 'getter',
        line: 18,
        endLine: 18,
        lines: 1,
        params: 0,
        async: false,
        exported: false,
      },
      {
        name: 'Store.save',
        kind: 'method',
        line: 19,
        endLine: 31,
        lines: 13,
        params: 5,
        async: false,
        exported: false,
      },
    ]);
  });

  it('reads JavaScript and warns about syntax errors', async () => {
    const { patch, logs } = await runTool(codeFunctions, {
      config: { language: 'javascript', field: 'code' },
      state: { code: 'function f(a) { return a +; }\nconst g = function () {};' },
    });
    expect((patch!.functions as Array<{ name: string }>).map((f) => f.name)).toEqual(['f', 'g']);
    expect(logs[0]?.level).toBe('warn');
  });
});

describe('code.complexity', () => {
  it('counts decision points per function, not counting nested functions', async () => {
    const { patch } = await runTool(codeComplexity, { state: { source: SOURCE } });
    const complexity = patch?.complexity as {
      functions: Array<{ name: string; complexity: number; nesting: number }>;
      max: number;
    };
    const byName = Object.fromEntries(complexity.functions.map((f) => [f.name, f]));
    // classify: 1 + if + else-if + else-if + && + ?: = 6
    expect(byName.classify).toMatchObject({ complexity: 6, nesting: 1, rating: 'moderate' });
    expect(byName.load).toMatchObject({ complexity: 2, nesting: 1 });
    expect(byName['Store.save']).toMatchObject({ complexity: 5, nesting: 4 });
    expect(complexity.max).toBe(6);
  });

  it('does not count a callback’s branches in its enclosing function', async () => {
    const source = 'function outer() { return [1].map((x) => (x > 1 ? 1 : x && 2)); }';
    const { patch } = await runTool(codeComplexity, { state: { source } });
    const [outer, inner] = (patch!.complexity as { functions: Array<{ complexity: number }> }).functions;
    expect(outer?.complexity).toBe(1);
    expect(inner?.complexity).toBe(3);
  });
});

describe('code.issues', () => {
  it('finds every kind of issue with severity and line', async () => {
    const { patch } = await runTool(codeIssues, { state: { source: SOURCE } });
    const issues = patch?.issues as Array<{
      rule: string;
      severity: string;
      line: number;
      function: string | null;
    }>;
    const found = issues.map((i) => `${i.rule}:${i.line}:${i.severity}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'unused-variable:1:medium',
        'loose-equality:6:medium',
        'explicit-any:10:medium',
        'unused-variable:11:medium',
        'var-declaration:11:low',
        'empty-catch:14:high',
        'unused-variable:17:medium',
        'too-many-params:19:low',
        'deep-nesting:19:medium',
        'console-call:20:low',
        'debugger:21:high',
        'todo-comment:33:low',
      ]),
    );
    expect(issues.find((i) => i.rule === 'debugger')?.function).toBe('Store.save');
    expect(issues.find((i) => i.rule === 'todo-comment')?.function).toBeNull();
  });

  it('honours thresholds and the rule list', async () => {
    const { patch } = await runTool(codeIssues, {
      config: { maxLines: 5, maxComplexity: 2, rules: ['long-function', 'complexity'] },
      state: { source: SOURCE },
    });
    const rules = (patch!.issues as Array<{ rule: string; message: string }>).map((i) => i.rule);
    expect(new Set(rules)).toEqual(new Set(['long-function', 'complexity']));
    expect(rules.filter((r) => r === 'long-function')).toHaveLength(3);
  });

  it('treats a catch with a comment as handled, and x == null as fine', async () => {
    const source =
      'export function f(x?: number) { try { g(); } catch { /* optional */ } return x == null; }\ndeclare function g(): void;';
    const { patch } = await runTool(codeIssues, { state: { source } });
    expect(patch!.issues).toEqual([]);
  });
});

describe('code.suggest', () => {
  it('groups issues into suggestions, most severe first', async () => {
    const { patch: found } = await runTool(codeIssues, { state: { source: SOURCE } });
    const { patch } = await runTool(codeSuggest, { state: { ...found } });
    const suggestions = patch?.suggestions as Array<{
      rule: string;
      priority: string;
      occurrences: number;
      suggestion: string;
    }>;
    expect(suggestions[0]?.priority).toBe('high');
    expect(suggestions.map((s) => s.rule)).toContain('unused-variable');
    const unused = suggestions.find((s) => s.rule === 'unused-variable');
    expect(unused).toMatchObject({ occurrences: 3, priority: 'medium' });
    expect(unused?.suggestion).toMatch(/3 occurrences in load\.\)$/);
  });

  it('refuses something that is not a list of issues', async () => {
    await expect(runTool(codeSuggest, { state: { issues: [{ nope: 1 }] } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('code.score', () => {
  it('is 1 without issues and falls with weighted issue density', () => {
    expect(qualityScore([], 10)).toBe(1);
    expect(qualityScore(['high'], 50)).toBe(0.607);
    expect(qualityScore(['high'], 100)).toBe(0.779);
    expect(qualityScore(['low', 'low'], 50)).toBeGreaterThan(qualityScore(['medium'], 50));
    expect(grade(0.95)).toBe('A');
    expect(grade(0.5)).toBe('F');
    expect(countCodeLines('a\n\n// c\n/* x\n y */\nb')).toBe(2);
  });

  it('scores the issues in the state', async () => {
    const { patch: found } = await runTool(codeIssues, { state: { source: SOURCE } });
    const { patch } = await runTool(codeScore, { state: { source: SOURCE, ...found } });
    expect(patch!.score).toBeGreaterThan(0);
    expect(patch!.score).toBeLessThan(0.5);
    expect(patch!.grade).toBe('F');
  });
});

describe('code.autofix', () => {
  it('removes console and debugger statements and fixes safe var and ==', async () => {
    const source = [
      'function f(a: number) {',
      '  var total = a;',
      '  console.log(total);',
      '  debugger;',
      "  if (typeof a == 'number' && a == b) return total;",
      '  if (a) console.warn(a);',
      '  return 0;',
      '}',
      'declare const b: number;',
    ].join('\n');
    const { patch } = await runTool(codeAutofix, { state: { source } });
    expect(patch!.source).toBe(
      [
        'function f(a: number) {',
        '  let total = a;',
        "  if (typeof a === 'number' && a == b) return total;",
        '  if (a) console.warn(a);',
        '  return 0;',
        '}',
        'declare const b: number;',
      ].join('\n'),
    );
    expect(patch!.fixes).toEqual([
      { rule: 'var-declaration', line: 2 },
      { rule: 'console-call', line: 3 },
      { rule: 'debugger', line: 4 },
      { rule: 'loose-equality', line: 5 },
    ]);
  });

  it('leaves var alone when let would change behaviour', async () => {
    const source = 'function f(x) {\n  use(y);\n  var y = 1;\n  var x = 2;\n  return x + y;\n}';
    const { patch } = await runTool(codeAutofix, { config: { language: 'javascript' }, state: { source } });
    expect(patch).toEqual({ source, fixes: [] });
  });
});
