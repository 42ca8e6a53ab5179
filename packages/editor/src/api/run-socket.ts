import type { RunEvent } from '@weft/engine';
import { tokenStore } from './api-client.ts';
import { createFrameBatcher } from './frame-batcher.ts';
import { openRunStream, type StreamState } from './run-stream.ts';
import type { WorkerReply, WorkerRequest } from './run-stream-messages.ts';

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
  onConnection?(state: StreamState): void;
  onError?(message: string): void;
}

/**
 * Follows a run live. The socket lives in a worker (run-stream.worker.ts) that parses each message and
 * posts batches; here the batches are merged once per animation frame into one store update. Where
 * workers are unavailable the same stream runs on the page.
 */
export function subscribeToRun(options: SubscribeOptions): RunSubscription {
  const url = new URL('/api/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // At most this many events are folded in per frame; a larger burst is spread over the next frames.
  let closed = false;
  const batcher = createFrameBatcher<RunEvent>(
    (events) => {
      if (!closed) options.onEvents(events);
    },
    { maxPerFrame: 600 },
  );
  const request = {
    url: url.href,
    origin: window.location.origin,
    token: tokenStore.get(),
    runId: options.runId,
    after: options.after ?? 0,
  };
  // When the run ends the stream closes itself; what is still buffered keeps arriving frame by frame.
  const onState = (state: StreamState) => options.onConnection?.(state);
  const onError = (message: string) => options.onError?.(message);

  if (typeof Worker === 'undefined') {
    const stream = openRunStream({
      ...request,
      onEvents: (events) => batcher.push(...events),
      onState,
      onError,
    });
    return {
      close() {
        closed = true;
        stream.close();
      },
    };
  }
  const worker = new Worker(new URL('./run-stream.worker.ts', import.meta.url), {
    type: 'module',
    name: 'weft-run-stream',
  });
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    if (closed) return;
    const reply = e.data;
    if (reply.type === 'events') batcher.push(...reply.events);
    else if (reply.type === 'state') onState(reply.state);
    else onError(reply.message);
  };
  worker.postMessage({ type: 'subscribe', ...request } satisfies WorkerRequest);
  return {
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      // Give the worker a moment to close its socket cleanly, then end it.
      setTimeout(() => worker.terminate(), 1000);
    },
  };
}
