import type { RunEvent } from '@weft/engine';
import { tokenStore } from './api-client.ts';
import type { ServerMessage } from './api-types.ts';
import { createFrameBatcher } from './frame-batcher.ts';

const FINAL_EVENTS = new Set(['run.completed', 'run.failed', 'run.cancelled']);

export interface RunSubscription {
  close(): void;
}

export interface SubscribeOptions {
  runId: string;
  /** Events at or below this seq are already known; the server replays the rest, then streams live. */
  after?: number;
  /** A batch of new events, at most once per animation frame. */
  onEvents(events: RunEvent[]): void;
  /** The connection state, for the run panel's indicator. */
  onConnection?(state: 'connecting' | 'live' | 'closed'): void;
  onError?(message: string): void;
}

/**
 * Follows one run over `GET /api/ws`: subscribes from `after`, batches events per frame, reconnects with
 * backoff (resubscribing after the last seq seen, so nothing is lost or doubled) and closes by itself once
 * the run has ended. A waiting run stays subscribed: its resume continues on the same stream.
 */
export function subscribeToRun(options: SubscribeOptions): RunSubscription {
  let lastSeq = options.after ?? 0;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const batcher = createFrameBatcher<RunEvent>((batch) => options.onEvents(batch));

  const connect = () => {
    if (closed) return;
    options.onConnection?.('connecting');
    const url = new URL('/api/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = tokenStore.get();
    // Browsers cannot set headers on a WebSocket: the token travels as a subprotocol (CONTRACTS.md).
    const ws = token ? new WebSocket(url, ['weft', `bearer.${token}`]) : new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      ws.send(JSON.stringify({ type: 'subscribe', runId: options.runId, after: lastSeq }));
    };
    ws.onmessage = (message) => {
      let data: ServerMessage;
      try {
        data = JSON.parse(String(message.data)) as ServerMessage;
      } catch {
        return;
      }
      if (data.type === 'subscribed') options.onConnection?.('live');
      else if (data.type === 'error') options.onError?.(`${data.code}: ${data.message}`);
      else if (data.type === 'event' && data.event.runId === options.runId && data.event.seq > lastSeq) {
        lastSeq = data.event.seq;
        batcher.push(data.event);
        if (FINAL_EVENTS.has(data.event.type)) {
          batcher.flushNow();
          stop();
        }
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      options.onConnection?.('connecting');
      attempts++;
      timer = setTimeout(connect, Math.min(5_000, 200 * 2 ** Math.min(attempts, 5)));
    };
  };

  const stop = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    batcher.flushNow();
    const ws = socket;
    socket = null;
    ws?.close();
    options.onConnection?.('closed');
  };

  connect();
  return { close: stop };
}
