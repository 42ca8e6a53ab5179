import type { RunEvent } from '@weft/engine';
import type { StreamState } from './run-stream.ts';

/** Page → worker. */
export type WorkerRequest =
  | { type: 'subscribe'; url: string; origin: string; token: string | null; runId: string; after: number }
  | { type: 'close' };

/** Worker → page. */
export type WorkerReply =
  | { type: 'events'; events: RunEvent[] }
  | { type: 'state'; state: StreamState }
  | { type: 'error'; message: string };
