import { describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';

const { graph, input } = loadExample('roundtable');
const draft = (input as { draft: string }).draft;

describe('example: roundtable', () => {
  it('runs three critics in parallel, revises once and converges with no high-severity issue', async () => {
    const { result, events } = await runExample(graph, input);
    expect(result.status).toBe('completed');
    expect(result.state).toMatchObject({
      round: 2,
      highCount: 0,
      converged: true,
      stopReason: 'no high-severity issue is left',
      rounds: [
        { round: 1, issues: 4, high: 3, change: 1 },
        { round: 2, issues: 2, high: 0 },
      ],
    });
    const revised = String(result.state.draft);
    expect(revised.startsWith(draft.trim())).toBe(true);
    expect(revised).toContain('## Timeline');
    expect(revised).toContain('## Budget');
    expect(revised).toContain('## Mitigation');
    expect(completions(events)).toMatchObject({
      'open-round': 2,
      clarity: 2,
      completeness: 2,
      risk: 2,
      panel: 2,
      moderator: 1,
    });
    // The critics of one round run side by side: all three start before the panel does.
    const firstPanel = events.findIndex((e) => e.type === 'node.started' && e.nodeId === 'panel');
    const started = events
      .slice(0, firstPanel)
      .filter((e) => e.type === 'node.started')
      .map((e) => (e as { nodeId: string }).nodeId);
    expect(started).toEqual(expect.arrayContaining(['clarity-scan', 'completeness', 'risk-scan']));
  });

  it('stops when a revision changes less than 5%', async () => {
    const longSentence = `The platform ${'and its many shared components, '.repeat(12)}will need care.`;
    const full = `${draft}\n## Timeline\n\nSix months.\n\n## Budget\n\nTwo engineers.\n\n${longSentence}\n`;
    const { result } = await runExample(graph, { draft: full });
    expect(result.state).toMatchObject({
      converged: true,
      stopReason: 'the last revision changed less than 5%',
    });
    expect(result.state.highCount).toBeGreaterThan(0);
  });

  it('stops at the round limit', async () => {
    const { result } = await runExample(graph, { draft, maxRounds: 1 });
    expect(result.state).toMatchObject({
      round: 1,
      converged: false,
      stopReason: 'the round limit was reached',
    });
    expect(String(result.state.summary)).toContain('Stopped after round 1: the round limit was reached.');
  });
});
