/// <reference lib="webworker" />
// The WebSocket of one run, off the main thread: it parses every message and posts batches of events.
import { openRunStream } from './run-stream.ts';
import type { WorkerReply, WorkerRequest } from './run-stream-messages.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const CHUNK = 250;
let stream: { close(): void } | null = null;
const reply = (message: WorkerReply) => scope.postMessage(message);

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const request = e.data;
  if (request.type === 'subscribe') {
    stream?.close();
    stream = openRunStream({
      ...request,
      // Small posts: the page deserialises each in one task, so none of them takes a frame's time.
      onEvents: (events) => {
        for (let i = 0; i < events.length; i += CHUNK)
          reply({ type: 'events', events: events.slice(i, i + CHUNK) });
      },
      onState: (state) => reply({ type: 'state', state }),
      onError: (message) => reply({ type: 'error', message }),
    });
  } else {
    stream?.close();
    stream = null;
  }
};
