import type { LlmSettings } from '../services.ts';
import {
  type ChatCallOptions,
  type ChatProvider,
  ChatProviderError,
  type ChatRequest,
  type ChatResponse,
  type ChatUsage,
} from './chat-provider.ts';
import { readSseData } from './sse.ts';

interface CompletionChunk {
  model?: string;
  choices?: Array<{
    delta?: { content?: string | null };
    message?: { content?: string | null };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  error?: { message?: string };
}

/**
 * A `ChatProvider` for any OpenAI-compatible `/chat/completions` endpoint, on the platform's `fetch`.
 *
 * @example
 * const provider = createOpenAiCompatibleProvider({ baseUrl: 'http://127.0.0.1:11434/v1' });
 * const reply = await provider.complete({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false }, { signal });
 */
export function createOpenAiCompatibleProvider(
  settings: Pick<LlmSettings, 'baseUrl' | 'apiKey'>,
): ChatProvider {
  const endpoint = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async complete(request, options) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: request.stream ? 'text/event-stream' : 'application/json',
            ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
          },
          body: JSON.stringify(toWire(request)),
          signal: options.signal,
        });
      } catch (err) {
        if (options.signal.aborted) throw options.signal.reason;
        throw new ChatProviderError(
          'LLM_NETWORK',
          `cannot reach ${endpoint}: ${describe(err)}`,
          undefined,
          undefined,
          {
            retryable: true,
            cause: err,
          },
        );
      }
      if (!response.ok) throw await httpError(response, endpoint);
      const type = response.headers.get('content-type') ?? '';
      return request.stream && type.includes('event-stream') && response.body
        ? readStream(response.body, request, options)
        : readJson(await response.text(), request, options);
    },
  };
}

function toWire(request: ChatRequest): Record<string, unknown> {
  return {
    model: request.model,
    messages: request.messages,
    stream: request.stream,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.json ? { response_format: { type: 'json_object' } } : {}),
  };
}

async function httpError(response: Response, endpoint: string): Promise<ChatProviderError> {
  const text = (await response.text().catch(() => '')).slice(0, 500);
  let detail = text;
  try {
    detail = (JSON.parse(text) as CompletionChunk).error?.message ?? text;
  } catch {}
  const status = response.status;
  const retryable = status === 429 || status >= 500;
  const code = status === 429 ? 'LLM_RATE_LIMITED' : 'LLM_HTTP';
  const hint = status === 401 || status === 403 ? ' (check the API key: WEFT_LLM_API_KEY)' : '';
  return new ChatProviderError(
    code,
    `${endpoint} answered ${status}: ${detail}${hint}`,
    status,
    response.headers.get('retry-after') ?? undefined,
    {
      retryable,
    },
  );
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  request: ChatRequest,
  options: ChatCallOptions,
): Promise<ChatResponse> {
  let content = '';
  let model = request.model;
  let finishReason: string | null = null;
  let usage: ChatUsage | null = null;
  try {
    for await (const data of readSseData(body)) {
      if (data.trim() === '[DONE]') break;
      const chunk = parseChunk(data);
      if (chunk.error) throw protocolError(`the stream reported an error: ${chunk.error.message ?? data}`);
      if (chunk.model) model = chunk.model;
      usage = toUsage(chunk.usage) ?? usage;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        content += delta;
        options.onDelta?.(delta);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
  } catch (err) {
    if (options.signal.aborted) throw options.signal.reason;
    if (err instanceof ChatProviderError) throw err;
    throw new ChatProviderError(
      'LLM_NETWORK',
      `the stream broke off: ${describe(err)}`,
      undefined,
      undefined,
      { retryable: true, cause: err },
    );
  }
  return { content, model, finishReason, usage };
}

function readJson(text: string, request: ChatRequest, options: ChatCallOptions): ChatResponse {
  const body = parseChunk(text);
  if (body.error) throw protocolError(`the endpoint reported an error: ${body.error.message ?? text}`);
  const choice = body.choices?.[0];
  const content = choice?.message?.content ?? choice?.delta?.content;
  if (typeof content !== 'string') throw protocolError('the reply has no choices[0].message.content');
  if (content) options.onDelta?.(content);
  return {
    content,
    model: body.model ?? request.model,
    finishReason: choice?.finish_reason ?? null,
    usage: toUsage(body.usage),
  };
}

function parseChunk(data: string): CompletionChunk {
  try {
    return JSON.parse(data) as CompletionChunk;
  } catch {
    throw protocolError(`not JSON: ${data.slice(0, 200)}`);
  }
}

function toUsage(raw: CompletionChunk['usage']): ChatUsage | null {
  if (!raw || typeof raw.prompt_tokens !== 'number') return null;
  const completion = raw.completion_tokens ?? 0;
  return {
    promptTokens: raw.prompt_tokens,
    completionTokens: completion,
    totalTokens: raw.total_tokens ?? raw.prompt_tokens + completion,
  };
}

function protocolError(message: string): ChatProviderError {
  return new ChatProviderError('LLM_PROTOCOL', message, undefined, undefined, { retryable: false });
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { message?: string } }).cause?.message;
  return cause ? `${(err as Error).message} (${cause})` : String((err as Error).message ?? err);
}
