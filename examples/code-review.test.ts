import { describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';

const { graph, input } = loadExample('code-review');
const sample = input as { source: string; threshold: number };

describe('example: code-review', () => {
  it('reviews, fixes and reviews again until the score reaches the threshold', async () => {
    const { result, events } = await runExample(graph, input);
    expect(result.status).toBe('completed');
    const state = result.state as {
      score: number;
      iteration: number;
      history: Array<{ score: number; issues: number }>;
      applied: Array<{ rule: string }>;
      source: string;
      report: string;
    };
    expect(state.iteration).toBe(2);
    expect(state.history[0]!.score).toBeLessThan(sample.threshold);
    expect(state.score).toBeGreaterThanOrEqual(sample.threshold);
    expect(state.history[1]!.issues).toBeLessThan(state.history[0]!.issues);
    expect(state.applied.map((f) => f.rule).sort()).toEqual([
      'console-call',
      'console-call',
      'debugger',
      'loose-equality',
      'var-declaration',
    ]);
    expect(state.source).not.toMatch(/console\.|debugger|var |[^=]==\s*'string'/);
    expect(state.source).toContain("typeof order.coupon === 'string'");
    expect(state.report).toMatch(
      /^# Code review\n\nScore \*\*0\.\d+\*\* \(grade [A-F]\) after 2 iteration\(s\)/,
    );
    expect(completions(events)).toMatchObject({ functions: 2, score: 2, autofix: 1, report: 1 });
  });

  it('stops when nothing is left to fix, below a threshold it cannot reach', async () => {
    const { result, events } = await runExample(graph, { ...sample, threshold: 0.99 });
    expect(result.status).toBe('completed');
    expect(result.state.iteration).toBe(2);
    expect(completions(events)).toMatchObject({ autofix: 2, 'note-fixes': 1, report: 1 });
    expect(events.some((e) => e.type === 'edge.fired' && e.edgeId === 'nothing-to-fix')).toBe(true);
  });

  it('stops at the iteration cap', async () => {
    const { result, events } = await runExample(graph, { ...sample, threshold: 0.99, maxIterations: 1 });
    expect(result.state.iteration).toBe(1);
    expect(completions(events).autofix).toBeUndefined();
    expect(String(result.state.report)).toContain('after 1 iteration(s)');
  });
});
