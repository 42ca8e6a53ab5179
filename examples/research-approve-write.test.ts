import { describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';

const { graph, input } = loadExample('research-approve-write');
type Result = { path: string; title: string };

describe('example: research-approve-write', () => {
  it('searches the bundled documents, drafts a brief and waits for the reviewer', async () => {
    const { result } = await runExample(graph, input);
    expect(result.status).toBe('waiting');
    expect(result.pending).toEqual([
      { nodeId: 'review', visit: 1, payload: { prompt: expect.stringContaining('Approve this brief?') } },
    ]);
    const results = result.state.results as Result[];
    expect(results[0]?.path).toBe('examples/research-docs/heat-pumps.md');
    expect(results.map((r) => r.path)).not.toContain('examples/research-docs/gardening.md');
    expect(String(result.state.brief)).toMatch(/^# Brief: heat pump costs and savings\n\nRound 1/);
    expect(String(result.state.brief)).toContain(
      'Running costs and savings depend on electricity and gas prices.',
    );
  });

  it('writes the final report when the reviewer approves', async () => {
    const run = await runExample(graph, input);
    const done = await run.resume('review', true);
    expect(done.status).toBe('completed');
    expect(done.state).toMatchObject({ approved: true, round: 1 });
    expect(String(done.state.report)).toMatch(
      /^# Report: heat pump costs and savings\n\nStatus: approved by the reviewer \(round 1\)/,
    );
    expect(String(done.state.report)).toContain('- examples/research-docs/heat-pumps.md (relevance');
  });

  it('loops back to research with the feedback when the reviewer rejects', async () => {
    const run = await runExample(graph, input);
    const again = await run.resume('review', { approved: false, feedback: 'insulation and draughts' });
    expect(again.status).toBe('waiting');
    expect(again.pending?.[0]).toMatchObject({ nodeId: 'review', visit: 2 });
    expect(again.state.round).toBe(2);
    expect((again.state.results as Result[])[0]?.path).toBe('examples/research-docs/insulation.md');
    expect(String(again.state.brief)).toContain('Reviewer feedback addressed: insulation and draughts');
    const done = await run.resume('review', true);
    expect(done.status).toBe('completed');
    expect(done.state).toMatchObject({
      approved: true,
      round: 2,
      feedbackHistory: ['insulation and draughts'],
    });
    expect(String(done.state.report)).toContain('Feedback taken into account: insulation and draughts.');
    expect(completions(run.events)).toMatchObject({ plan: 2, search: 2, review: 2, decide: 2, write: 1 });
  });

  it('accepts a plain false or text as a rejection, and gives up after the round limit', async () => {
    const run = await runExample(graph, { ...(input as object), maxRounds: 2 });
    const second = await run.resume('review', false);
    expect(second).toMatchObject({ status: 'waiting', state: { round: 2 } });
    const done = await run.resume('review', 'still missing tariffs');
    expect(done.status).toBe('completed');
    expect(done.state.approved).toBe(false);
    expect(String(done.state.report)).toContain('Status: not approved after 2 rounds');
  });
});
