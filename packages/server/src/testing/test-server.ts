import WebSocket from 'ws';
import { type CreateServerOptions, createServer, type WeftServer } from '../main.ts';
import { silentLogger } from '../observability/logger.ts';

export interface RunningTestServer {
  server: WeftServer;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1, a free port and an in-memory database (for socket-level tests). */
export async function startTestServer(options: CreateServerOptions = {}): Promise<RunningTestServer> {
  const server = await createServer({
    database: ':memory:',
    port: 0,
    examplesDir: null,
    logger: silentLogger(),
    shutdownGraceMs: 0,
    ...options,
  });
  const { url } = await server.listen();
  return { server, url, wsUrl: `${url.replace('http', 'ws')}/api/ws`, close: () => server.close() };
}

/** A WebSocket client that records every message it gets. */
export class TestClient {
  readonly messages: Array<Record<string, unknown>> = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}) {
    this.socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The `event` messages received so far (their `event` field). */
  events(runId?: string): Array<{ seq: number; type: string; runId: string }> {
    return this.messages
      .filter((m) => m.type === 'event')
      .map((m) => m.event as { seq: number; type: string; runId: string })
      .filter((e) => runId === undefined || e.runId === runId);
  }

  /** Resolves once a message matches. */
  async waitFor(
    match: (message: Record<string, unknown>) => boolean,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching message; got ${JSON.stringify(this.messages.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Asserts seqs are exactly after+1 … last, each once, in order. */
export function expectGapless(seqs: number[], after: number, last: number): void {
  const expected = Array.from({ length: last - after }, (_, i) => after + 1 + i);
  if (seqs.length !== expected.length || seqs.some((s, i) => s !== expected[i])) {
    const firstBad = seqs.findIndex((s, i) => s !== expected[i]);
    throw new Error(
      `expected seqs ${after + 1}…${last} (${expected.length}), got ${seqs.length} events; first difference at index ${firstBad}: ${seqs[firstBad]} ≠ ${expected[firstBad]}`,
    );
  }
}
