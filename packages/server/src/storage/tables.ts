import type { Generated } from 'kysely';

/**
 * The database schema as Kysely sees it. The same tables exist in SQLite and PostgreSQL; times are
 * milliseconds since the epoch (integer / bigint), JSON is stored as text in both dialects so documents
 * and events keep their key order and are forwarded verbatim, and booleans are 0/1 integers.
 */
export interface Database {
  graphs: GraphsTable;
  graph_versions: GraphVersionsTable;
  runs: RunsTable;
  run_events: RunEventsTable;
  checkpoints: CheckpointsTable;
  meta: MetaTable;
}

export interface GraphsTable {
  id: string;
  name: string;
  description: string | null;
  latest_version: number;
  created_at: number;
  updated_at: number;
}

/** Every save of a graph is one immutable row here. */
export interface GraphVersionsTable {
  graph_id: string;
  version: number;
  name: string;
  document: string;
  valid: number;
  errors: string;
  created_at: number;
}

export interface RunsTable {
  /** A UUIDv7: ordering by id is ordering by creation time. */
  id: string;
  graph_id: string;
  /** null for a run of an unsaved document, whose `document` is then stored on the run itself. */
  graph_version: number | null;
  document: string | null;
  status: string;
  input: string;
  state: string | null;
  error: string | null;
  pending: string | null;
  /** The seq of the last stored event. */
  last_seq: Generated<number>;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** Who executes the run, and the fencing token every write of the run is conditional on. */
  lease_owner: string | null;
  lease_version: Generated<number>;
  lease_expires_at: number | null;
}

export interface RunEventsTable {
  run_id: string;
  seq: number;
  type: string;
  node_id: string | null;
  ts: number;
  /** The event as JSON without its envelope (run id, seq, ts: the columns above); see event-envelope.ts. */
  data: string;
}

/** The latest checkpoint of each unfinished run (finished runs need none). */
export interface CheckpointsTable {
  run_id: string;
  seq: number;
  data: string;
  updated_at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}
