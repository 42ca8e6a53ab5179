import { describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';

const { graph, input } = loadExample('content-pipeline');

describe('example: content-pipeline', () => {
  it('summarises a positive text, with keywords extracted in parallel', async () => {
    const { result, events } = await runExample(graph, input);
    expect(result.status).toBe('completed');
    expect(result.state.sentiment).toBe('positive');
    expect(String(result.state.summary).split('. ').length).toBe(2);
    expect(result.state.review).toBeUndefined();
    expect(result.state.keywords).toContain('new reading lamp');
    expect(String(result.state.digest)).toMatch(/^Sentiment: positive \(0\.\d+\), 84 words\.\nSummary: /);
    expect(events.some((e) => e.type === 'node.skipped' && e.nodeId === 'flag')).toBe(true);
    expect(completions(events)).toEqual({ intake: 1, sentiment: 1, keywords: 1, summarize: 1, digest: 1 });
  });

  it('flags a negative text for review instead', async () => {
    const text =
      'The update is terrible. The app crashes constantly and support ignored my complaint. I regret buying it.';
    const { result, events } = await runExample(graph, { text });
    expect(result.state).toMatchObject({ sentiment: 'negative', review: { status: 'needs-review' } });
    expect(result.state.summary).toBeUndefined();
    expect(String(result.state.digest)).toContain('Needs review: sentiment is negative');
    expect(events.some((e) => e.type === 'node.skipped' && e.nodeId === 'summarize')).toBe(true);
  });
});
