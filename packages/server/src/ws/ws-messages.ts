import { z } from 'zod';
import type { StoredEvent } from '../storage/store.ts';

/** What a client sends (a tagged union on `type`). */
export const clientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    runId: z.string().min(1).max(64),
    after: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('unsubscribe'), runId: z.string().min(1).max(64) }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** What the server sends. */
export type ServerMessage =
  | { type: 'subscribed'; runId: string }
  | { type: 'error'; code: string; message: string; runId?: string };

/** Close codes of `/api/ws` (4000–4999 are the application's). */
export const CLOSE_SLOW_CONSUMER = 4008;
export const CLOSE_SHUTTING_DOWN = 1001;

const frames = new WeakMap<StoredEvent, Buffer>();

/**
 * `{"type":"event","event":…}` as bytes, built once per event however many sockets receive it: the
 * stored JSON is spliced in verbatim.
 */
export function eventFrame(event: StoredEvent): Buffer {
  let frame = frames.get(event);
  if (!frame) {
    frame = Buffer.from(`{"type":"event","event":${event.json}}`);
    frames.set(event, frame);
  }
  return frame;
}

/** Run-ending events: nothing follows them, so a subscription can let go of the bus. */
export function isFinalEvent(type: string): boolean {
  return type === 'run.completed' || type === 'run.failed' || type === 'run.cancelled';
}
