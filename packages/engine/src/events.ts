import type { NodeError } from './errors.ts';
import type { JsonObject, JsonValue } from './json.ts';

/** A node suspended by `ctx.interrupt(payload)`, waiting for a resume value. */
export interface PendingInterrupt {
  nodeId: string;
  visit: number;
  payload: JsonValue;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The body of each event type, without the envelope (`runId`, `seq`, `ts`). */
export type RunEventBody =
  | { type: 'run.started'; graphId: string; input: JsonValue; state: JsonObject }
  | { type: 'run.resumed'; nodeId?: string; value?: JsonValue }
  | { type: 'run.waiting'; pending: PendingInterrupt[] }
  | { type: 'run.completed'; state: JsonObject }
  | { type: 'run.failed'; error: NodeError }
  | { type: 'run.cancelled'; reason: string }
  | { type: 'node.started'; nodeId: string; visit: number; attempt: number }
  | { type: 'node.completed'; nodeId: string; visit: number; patch: JsonObject; durationMs: number }
  | {
      type: 'node.failed';
      nodeId: string;
      visit: number;
      error: NodeError;
      attempt: number;
      willRetry: boolean;
    }
  | { type: 'node.retrying'; nodeId: string; visit: number; attempt: number; delayMs: number }
  | { type: 'node.skipped'; nodeId: string }
  | { type: 'node.log'; nodeId: string; visit: number; level: LogLevel; message: string }
  | { type: 'node.progress'; nodeId: string; visit: number; ratio: number; message?: string }
  | { type: 'node.stream'; nodeId: string; visit: number; chunk: JsonValue }
  | { type: 'edge.fired'; edgeId: string; nodeId: string }
  | { type: 'edge.dead'; edgeId: string; nodeId: string };

export interface RunEventEnvelope {
  runId: string;
  /** Gapless, starting at 1 for each run. */
  seq: number;
  /** Milliseconds since the epoch. */
  ts: number;
}

/** One event of a run (DESIGN §5): a tagged union on `type`. */
export type RunEvent = RunEventEnvelope & RunEventBody;
export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

export const RUN_EVENT_TYPES: readonly RunEventType[] = [
  'run.started',
  'run.resumed',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'node.started',
  'node.completed',
  'node.failed',
  'node.retrying',
  'node.skipped',
  'node.log',
  'node.progress',
  'node.stream',
  'edge.fired',
  'edge.dead',
];
