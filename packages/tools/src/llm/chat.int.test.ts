import { afterEach, describe, expect, it } from 'vitest';
import { type OpenAiStub, startOpenAiStub } from '../testing/openai-stub.ts';
import { runTool } from '../testing/run-tool.ts';
import { llmChat } from './chat.ts';
import type { ChatProvider } from './chat-provider.ts';

let stub: OpenAiStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const settings = (s: OpenAiStub, extra: object = {}) => ({
  llm: { baseUrl: s.baseUrl, model: 'stub-model', ...extra },
});

describe('llm.chat against the OpenAI-compatible stub', () => {
  it('streams tokens as node.stream chunks and writes the reply and the usage', async () => {
    stub = await startOpenAiStub({ reply: () => 'Bright ideas shine.' });
    const { patch, chunks } = await runTool(llmChat, {
      config: {
        system: 'You write about {{topic}}.',
        prompt: 'Write one line on {{topic}}.',
        history: 'chat',
        into: 'line',
      },
      state: { topic: 'light', chat: [{ role: 'assistant', content: 'Ready.' }] },
      services: settings(stub),
    });
    expect(chunks).toEqual([
      { kind: 'token', text: 'Bright ' },
      { kind: 'token', text: 'ideas ' },
      { kind: 'token', text: 'shine.' },
    ]);
    expect(patch).toEqual({
      line: 'Bright ideas shine.',
      usage: { promptTokens: 10, completionTokens: 3, totalTokens: 13, model: 'stub-model' },
    });
    const [request] = stub.requests;
    expect(request?.messages).toEqual([
      { role: 'system', content: 'You write about light.' },
      { role: 'assistant', content: 'Ready.' },
      { role: 'user', content: 'Write one line on light.' },
    ]);
    expect(request?.body).toMatchObject({
      model: 'stub-model',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('works without streaming, with the node’s own model and sampling settings', async () => {
    stub = await startOpenAiStub();
    const { patch, chunks } = await runTool(llmChat, {
      config: { prompt: 'Hi', stream: false, model: 'other', temperature: 0.2, maxTokens: 50 },
      services: settings(stub),
    });
    expect(patch).toMatchObject({ reply: 'You said: Hi', usage: { model: 'other' } });
    expect(chunks).toEqual([{ kind: 'token', text: 'You said: Hi' }]);
    expect(stub.requests[0]?.body).toMatchObject({
      model: 'other',
      stream: false,
      temperature: 0.2,
      max_tokens: 50,
    });
  });

  it('sends the API key and explains a 401', async () => {
    stub = await startOpenAiStub({ apiKey: 'sk-test' });
    await expect(
      runTool(llmChat, { config: { prompt: 'x' }, services: settings(stub, { apiKey: 'wrong' }) }),
    ).rejects.toMatchObject({
      code: 'LLM_HTTP',
      retryable: false,
      message: expect.stringContaining('WEFT_LLM_API_KEY'),
    });
    const ok = await runTool(llmChat, {
      config: { prompt: 'x' },
      services: settings(stub, { apiKey: 'sk-test' }),
    });
    expect(ok.patch?.reply).toBe('You said: x');
  });

  it('retries 429 and 5xx, honouring Retry-After', async () => {
    stub = await startOpenAiStub({ failures: [{ status: 429, retryAfter: '0' }, { status: 503 }] });
    const { patch, logs } = await runTool(llmChat, {
      config: { prompt: 'again', retryDelayMs: 1 },
      services: settings(stub),
    });
    expect(patch?.reply).toBe('You said: again');
    expect(stub.requests).toHaveLength(3);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringMatching(/429.*retrying in 0 ms/),
      expect.stringMatching(/503.*retrying in 2 ms/),
    ]);
  });

  it('gives up when the endpoint asks for a longer wait than a node should take', async () => {
    stub = await startOpenAiStub({ failures: [{ status: 429, retryAfter: '3600' }] });
    await expect(
      runTool(llmChat, { config: { prompt: 'x' }, services: settings(stub) }),
    ).rejects.toMatchObject({
      code: 'LLM_RATE_LIMITED',
      retryable: true,
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('parses a JSON reply when format is json', async () => {
    stub = await startOpenAiStub({ reply: () => '```json\n{"score": 8, "notes": ["ok"]}\n```' });
    const { patch } = await runTool(llmChat, {
      config: { prompt: 'Rate it', format: 'json', into: 'review' },
      services: settings(stub),
    });
    expect(patch?.review).toEqual({ score: 8, notes: ['ok'] });
    expect(stub.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
  });

  it('stops streaming when the run is cancelled', async () => {
    stub = await startOpenAiStub({ reply: () => 'word '.repeat(200), chunkDelayMs: 20 });
    const controller = new AbortController();
    const started = Date.now();
    const running = runTool(llmChat, {
      config: { prompt: 'long' },
      services: settings(stub),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 100);
    await expect(running).rejects.toThrow('cancelled by test');
    expect(Date.now() - started).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 50));
    expect(stub.abandoned).toBe(1);
  });

  it('times out an attempt that takes too long', async () => {
    stub = await startOpenAiStub({ reply: () => 'slow '.repeat(50), chunkDelayMs: 20 });
    await expect(
      runTool(llmChat, { config: { prompt: 'x', timeoutMs: 60, retries: 0 }, services: settings(stub) }),
    ).rejects.toMatchObject({
      code: 'LLM_TIMEOUT',
    });
  });

  it('tells what to configure when there is no endpoint or model', async () => {
    await expect(runTool(llmChat, { config: { prompt: 'x' } })).rejects.toMatchObject({
      code: 'LLM_NOT_CONFIGURED',
      message: expect.stringContaining('WEFT_LLM_BASE_URL'),
    });
    await expect(
      runTool(llmChat, { config: { prompt: 'x' }, services: { llm: { baseUrl: 'http://127.0.0.1:9/v1' } } }),
    ).rejects.toMatchObject({
      code: 'LLM_NOT_CONFIGURED',
      message: expect.stringContaining('WEFT_LLM_MODEL'),
    });
  });

  it('reports an unreachable endpoint as a retryable network error', async () => {
    await expect(
      runTool(llmChat, {
        config: { prompt: 'x', retries: 0 },
        services: { llm: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } },
      }),
    ).rejects.toMatchObject({ code: 'LLM_NETWORK', retryable: true });
  });

  it('uses a provider handed in by the host', async () => {
    const provider: ChatProvider = {
      async complete(request, { onDelta }) {
        onDelta?.('ok');
        return {
          content: `ok from ${request.model}`,
          model: request.model,
          finishReason: 'stop',
          usage: null,
        };
      },
    };
    const { patch } = await runTool(llmChat, {
      config: { prompt: 'x' },
      services: { llm: { baseUrl: '', model: 'mine', provider } },
    });
    expect(patch).toEqual({ reply: 'ok from mine', usage: null });
  });
});
