import { startOpenAiStub } from '@weft/tools/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';
import { scriptedModel } from './support/scripted-model.ts';

const { graph, input } = loadExample('llm-agent');
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('example: llm-agent (against the OpenAI-compatible stub)', () => {
  it('drafts, critiques, revises once and stops at the target score', async () => {
    const stub = await startOpenAiStub({ reply: scriptedModel([5, 9]) });
    close = stub.close;
    const { result, events } = await runExample(graph, input, {
      services: { llm: { baseUrl: stub.baseUrl, model: 'stub-model' } },
    });
    expect(result.status).toBe('completed');
    expect(result.state).toMatchObject({ round: 2, scores: [5, 9], critique: { score: 9 } });
    expect(String(result.state.text)).toContain('for example');
    expect(String(result.state.final)).toMatch(/\(score 9\/10 after 2 critique\(s\)\)$/);
    expect(result.state.usage).toMatchObject({ model: 'stub-model', totalTokens: expect.any(Number) });
    expect(completions(events)).toMatchObject({ draft: 1, critique: 2, revise: 1, done: 1 });
    expect(events.filter((e) => e.type === 'node.stream' && e.nodeId === 'draft').length).toBeGreaterThan(3);
    const revise = stub.requests.find((r) => r.messages.at(-1)?.content.startsWith('Revise'));
    expect(revise?.messages.at(-1)?.content).toContain('Feedback: Add a concrete example of a crash.');
    expect(stub.requests.filter((r) => r.body.response_format !== undefined)).toHaveLength(2);
  });

  it('stops after the revision limit when the score stays low', async () => {
    const stub = await startOpenAiStub({ reply: scriptedModel([3]) });
    close = stub.close;
    const { result, events } = await runExample(graph, input, {
      services: { llm: { baseUrl: stub.baseUrl, model: 'stub-model' } },
    });
    expect(result.state).toMatchObject({ round: 3, scores: [3, 3, 3] });
    expect(completions(events)).toMatchObject({ critique: 3, revise: 2 });
  });

  it('fails clearly without a configured endpoint', async () => {
    const { result } = await runExample(graph, input);
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'LLM_NOT_CONFIGURED', nodeId: 'draft' },
    });
  });
});
