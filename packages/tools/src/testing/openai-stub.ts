import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that speaks the OpenAI chat completions protocol (plain JSON and SSE streaming),
 * for tests of `llm.chat` and of graphs that use it: no network, no key. Listens on 127.0.0.1, port 0.
 *
 * @example
 * const stub = await startOpenAiStub({ reply: ({ messages }) => `echo: ${messages.at(-1)?.content}` });
 * const services = { llm: { baseUrl: stub.baseUrl, model: 'stub-model' } };
 * // … run the graph …
 * await stub.close();
 */
export interface StubChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream: boolean;
  /** The whole request body as sent. */
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** A scripted failure answered instead of a reply (used in order, one per request). */
export interface StubFailure {
  status: number;
  retryAfter?: string;
  message?: string;
}

export interface OpenAiStubOptions {
  /** The assistant's answer; default: echoes the last user message. */
  reply?: (request: StubChatRequest) => string;
  /** Answered to the first requests, in order, before any reply. */
  failures?: StubFailure[];
  /** Pause between streamed chunks (default 0). */
  chunkDelayMs?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Report token usage (default true). */
  usage?: boolean;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
}

export interface OpenAiStub {
  /** e.g. `http://127.0.0.1:43121/v1`: what `services.llm.baseUrl` takes. */
  readonly baseUrl: string;
  /** Every chat request received, failures included. */
  readonly requests: StubChatRequest[];
  /** How many streaming responses the client abandoned before the end. */
  readonly abandoned: number;
  close(): Promise<void>;
}

export async function startOpenAiStub(options: OpenAiStubOptions = {}): Promise<OpenAiStub> {
  const requests: StubChatRequest[] = [];
  const failures = [...(options.failures ?? [])];
  let abandoned = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, 500, { error: { message: err.message } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/v1/models') {
      send(res, 200, { object: 'list', data: [{ id: 'stub-model', object: 'model', owned_by: 'weft' }] });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
      return;
    }
    const body = JSON.parse(await readAll(req)) as Record<string, unknown>;
    const request: StubChatRequest = {
      model: String(body.model),
      messages: (body.messages ?? []) as StubChatRequest['messages'],
      stream: body.stream === true,
      body,
      headers: req.headers,
    };
    requests.push(request);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      send(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      return;
    }
    const failure = failures.shift();
    if (failure) {
      send(
        res,
        failure.status,
        { error: { message: failure.message ?? `scripted ${failure.status}` } },
        failure.retryAfter,
      );
      return;
    }
    const content = options.reply ? options.reply(request) : lastUserMessage(request);
    const promptTokens = request.messages.reduce((n, m) => n + countTokens(m.content), 0);
    const pieces = content.match(/\S+\s*|\s+/g) ?? [];
    const usage =
      options.usage === false
        ? undefined
        : {
            prompt_tokens: promptTokens,
            completion_tokens: pieces.length,
            total_tokens: promptTokens + pieces.length,
          };
    const id = `chatcmpl-stub-${requests.length}`;
    if (!request.stream) {
      send(res, 200, {
        id,
        object: 'chat.completion',
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        ...(usage ? { usage } : {}),
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        abandoned++;
      }
    });
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null,
      extra: Record<string, unknown> = {},
    ) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', model: request.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const piece of pieces) {
      if (options.chunkDelayMs) await new Promise((r) => setTimeout(r, options.chunkDelayMs));
      if (closed) return;
      res.write(chunk({ content: piece }, null));
    }
    res.write(chunk({}, 'stop'));
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (usage && wantsUsage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', model: request.model, choices: [], usage })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get abandoned() {
      return abandoned;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function lastUserMessage(request: StubChatRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return last ? `You said: ${last.content}` : 'Hello.';
}

function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function send(res: ServerResponse, status: number, body: unknown, retryAfter?: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
  });
  res.end(JSON.stringify(body));
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
