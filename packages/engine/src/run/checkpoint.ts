import type { PendingInterrupt } from '../events.ts';
import type { JsonObject, JsonValue } from '../json.ts';

/**
 * Everything needed to continue a run in a fresh process (DESIGN §3.11). Plain JSON, keyed by node and
 * edge ids, so it can be stored as text and read by people.
 */
export interface Checkpoint {
  version: 1;
  runId: string;
  graphId: string;
  /** The seq of the last event emitted before this checkpoint. */
  seq: number;
  /** Node activations so far (bounded by `limits.maxSteps`). */
  steps: number;
  input: JsonValue;
  state: JsonObject;
  /** Visit counts of every node that has been activated. */
  visits: Record<string, number>;
  /** Joins part-way settled: node id → incoming edge id → how it settled. */
  joins: Record<string, Record<string, 'fired' | 'dead'>>;
  /** Edges that fired again before their target consumed the previous firing. */
  backlog: Record<string, number>;
  /** Settled joins waiting for their node (or its loop) to be free: run or skip, in order. */
  held: Record<string, Array<'run' | 'skip'>>;
  /** Loops in progress, by header node id. */
  loops: Record<string, { pendingIteration: boolean; deferredDead: string[]; firedDuringLoop: string[] }>;
  /** Nodes activated but not finished: they run again on resume, with the same visit and idempotency key. */
  frontier: Array<{
    nodeId: string;
    visit: number;
    /** The answers to its interrupts so far, in order (see `ToolContext.interrupt`). */
    answers?: JsonValue[];
    /** Written by earlier versions: a single answer. Read as `answers: [resume]`. */
    resume?: JsonValue;
  }>;
  /** Nodes suspended by `interrupt`, waiting for a resume value, with the answers they already had. */
  pending: Array<PendingInterrupt & { answers?: readonly JsonValue[] }>;
}
