import type { GraphDocument, JsonObject, JsonValue, PendingInterrupt, Problem, RunEvent } from '@weft/engine';

/** Run statuses of the server (DESIGN §3.12). */
export type RunStatus = 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

export const FINISHED_STATUSES: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

export interface RunError {
  code: string;
  message: string;
  nodeId?: string;
}

/** A run object as the server returns it (CONTRACTS: run object). */
export interface RunRecord {
  id: string;
  graphId: string;
  graphVersion: number | null;
  status: RunStatus;
  input: JsonValue;
  state: JsonObject | null;
  error: RunError | null;
  pending: PendingInterrupt[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One row of `GET /api/graphs`. */
export interface GraphSummary {
  id: string;
  name: string;
  description?: string | null;
  version: number;
  valid: boolean;
  createdAt: string;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
}

/** `GET /api/graphs/:id` and `GET /api/graphs/:id/versions/:version`. */
export interface StoredGraph {
  graph: GraphDocument;
  version: number;
  valid: boolean;
  errors: Problem[];
  createdAt: string;
  updatedAt: string;
}

export interface GraphVersionSummary {
  version: number;
  name: string;
  valid: boolean;
  createdAt: string;
}

/** Server → browser WebSocket messages. */
export type ServerMessage =
  | { type: 'event'; event: RunEvent }
  | { type: 'subscribed'; runId: string }
  | { type: 'error'; code: string; message: string };
