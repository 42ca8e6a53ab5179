import type { JsonValue, RunEvent, ToolDescriptor } from '@weft/engine';
import WebSocket from 'ws';

/** A run as the REST API returns it. */
export interface RunJson {
  id: string;
  graphId: string;
  graphVersion: number | null;
  status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
  input: JsonValue;
  state: Record<string, JsonValue> | null;
  error: { code: string; message: string; nodeId?: string } | null;
  pending: Array<{ nodeId: string; visit: number; payload: JsonValue }>;
  lastSeq: number;
}

/** An error answer of the server, or a server that cannot be reached. */
export class ServerRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STOPPING = new Set(['run.completed', 'run.failed', 'run.cancelled', 'run.waiting']);

/** The CLI's client of a Weft server: REST for commands, the WebSocket for live events. */
export class ServerClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token?: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ServerRequestError(
        'UNREACHABLE',
        `cannot reach the Weft server at ${this.base} (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}); start one with 'weft serve' or pass --server`,
      );
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = json?.error ?? { code: `HTTP_${response.status}`, message: response.statusText };
      throw new ServerRequestError(error.code, error.message, error.details);
    }
    return json as T;
  }

  tools(): Promise<{ tools: ToolDescriptor[] }> {
    return this.request('GET', '/api/tools');
  }

  getRun(runId: string): Promise<{ run: RunJson }> {
    return this.request('GET', `/api/runs/${encodeURIComponent(runId)}`);
  }

  /**
   * Follows a run's events from `after` until it completes, fails, is cancelled or waits. Reconnects
   * with the last seq it got when the connection drops.
   */
  async follow(runId: string, after: number, onEvent: (event: RunEvent) => void): Promise<void> {
    let last = after;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.followOnce(runId, last, (event) => {
        last = event.seq;
        onEvent(event);
      });
      if (outcome === 'done') return;
      if (attempt >= 5)
        throw new ServerRequestError(
          'DISCONNECTED',
          `lost the connection to ${this.base} while following run ${runId}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
    }
  }

  private followOnce(
    runId: string,
    after: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<'done' | 'dropped'> {
    const url = `${this.base.replace(/^http/, 'ws')}/api/ws`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, ['weft'], {
        headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
      });
      let settled = false;
      const finish = (outcome: 'done' | 'dropped') => {
        if (settled) return;
        settled = true;
        socket.close();
        resolve(outcome);
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', runId, after })));
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'error') {
          settled = true;
          socket.close();
          reject(new ServerRequestError(message.code, message.message));
          return;
        }
        if (message.type !== 'event') return;
        onEvent(message.event as RunEvent);
        if (STOPPING.has(message.event.type)) finish('done');
      });
      socket.on('unexpected-response', (_request, response) => {
        settled = true;
        reject(
          new ServerRequestError(
            `HTTP_${response.statusCode}`,
            `the server refused the WebSocket (${response.statusCode})`,
          ),
        );
      });
      socket.on('error', () => finish('dropped'));
      socket.on('close', () => finish('dropped'));
    });
  }
}
