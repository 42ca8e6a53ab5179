import type { RunEvent } from '@weft/engine';
import type { ServerMessage } from './api-types.ts';

const FINAL_EVENTS = new Set(['run.completed', 'run.failed', 'run.cancelled']);

export type StreamState = 'connecting' | 'live' | 'closed';

export interface StreamOptions {
  /** ws:// or wss:// URL of /api/ws. */
  url: string;
  /** http(s):// origin of the API, for catching up in bulk. */
  origin: string;
  token: string | null;
  runId: string;
  after: number;
  /** New events in seq order, handed over in batches. */
  onEvents(events: RunEvent[]): void;
  onState(state: StreamState): void;
  onError(message: string): void;
}

export interface StreamTuning {
  /** How often buffered events are handed over. */
  flushEveryMs: number;
  /** More events than this within `burstWindowMs` switches to catching up over REST. */
  burstEvents: number;
  burstWindowMs: number;
  /** While catching up: the pause between two `GET /events` pages, and the page size. */
  pollEveryMs: number;
  pageSize: number;
}

export const DEFAULT_TUNING: StreamTuning = {
  flushEveryMs: 16,
  burstEvents: 400,
  burstWindowMs: 250,
  pollEveryMs: 100,
  pageSize: 1000,
};

/**
 * Follows one run: live over the WebSocket (`subscribe` after the last seq seen, reconnecting with
 * backoff), and — when a run produces events faster than anyone can watch (hundreds per frame) — it
 * unsubscribes and catches up with `GET /api/runs/:id/events?after=` pages instead, then goes back to
 * the socket once the burst is over. Either way events arrive gapless, in order, without duplicates, and
 * the stream stops by itself when the run ends (a waiting run stays followed: its resume continues here).
 * Runs in a worker (run-stream.worker.ts), so the page's main thread only sees batches.
 */
export function openRunStream(
  options: StreamOptions,
  tuning: StreamTuning = DEFAULT_TUNING,
): { close(): void } {
  let lastSeq = options.after;
  let socket: WebSocket | null = null;
  let mode: 'socket' | 'catch-up' = 'socket';
  let closed = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let buffer: RunEvent[] = [];
  let windowStart = 0;
  let windowCount = 0;

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    options.onEvents(batch);
  };

  /** Takes an event if it is the next one; returns true when the run has ended. */
  const accept = (event: RunEvent): boolean => {
    if (event.runId !== options.runId || event.seq <= lastSeq) return false;
    lastSeq = event.seq;
    buffer.push(event);
    return FINAL_EVENTS.has(event.type);
  };

  const connect = () => {
    if (closed) return;
    mode = 'socket';
    options.onState('connecting');
    // Browsers cannot set headers on a WebSocket: the token travels as a subprotocol (CONTRACTS.md).
    const ws = options.token
      ? new WebSocket(options.url, ['weft', `bearer.${options.token}`])
      : new WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      ws.send(JSON.stringify({ type: 'subscribe', runId: options.runId, after: lastSeq }));
    };
    ws.onmessage = (message) => {
      if (socket !== ws) return;
      let data: ServerMessage;
      try {
        data = JSON.parse(String(message.data)) as ServerMessage;
      } catch {
        return;
      }
      if (data.type === 'subscribed') options.onState('live');
      else if (data.type === 'error') options.onError(`${data.code}: ${data.message}`);
      else if (data.type === 'event') {
        if (accept(data.event)) return stop();
        flushTimer ??= setTimeout(flush, tuning.flushEveryMs);
        const now = Date.now();
        if (now - windowStart > tuning.burstWindowMs) {
          windowStart = now;
          windowCount = 0;
        }
        if (++windowCount > tuning.burstEvents) catchUp(ws);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      options.onState('connecting');
      attempts++;
      timer = setTimeout(connect, Math.min(5_000, 200 * 2 ** Math.min(attempts, 5)));
    };
  };

  /** Leaves the socket for REST pages until a page comes back short: the burst is over. */
  const catchUp = (ws: WebSocket) => {
    mode = 'catch-up';
    socket = null;
    ws.send(JSON.stringify({ type: 'unsubscribe', runId: options.runId }));
    ws.close();
    flush();
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    const poll = async () => {
      if (closed || mode !== 'catch-up') return;
      try {
        const url = `${options.origin}/api/runs/${encodeURIComponent(options.runId)}/events?after=${lastSeq}&limit=${tuning.pageSize}`;
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`GET events answered ${response.status}`);
        const { events } = (await response.json()) as { events: RunEvent[] };
        let ended = false;
        for (const event of events) ended = accept(event) || ended;
        flush();
        if (ended) return stop();
        if (events.length < tuning.burstEvents / 4) return connect();
        timer = setTimeout(poll, tuning.pollEveryMs);
      } catch (err) {
        options.onError((err as Error).message);
        timer = setTimeout(connect, 500);
      }
    };
    void poll();
  };

  const stop = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    flush();
    const ws = socket;
    socket = null;
    ws?.close();
    options.onState('closed');
  };

  connect();
  return { close: stop };
}
