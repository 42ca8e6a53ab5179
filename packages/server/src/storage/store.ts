import type {
  Checkpoint,
  GraphDocument,
  JsonObject,
  JsonValue,
  NodeError,
  PendingInterrupt,
  Problem,
  RunStatus,
} from '@weft/engine';

/**
 * The storage of the server, as one interface with one implementation per dialect family (Kysely over
 * SQLite or PostgreSQL). The repository test suite (`store.int.test.ts`) runs against every
 * implementation.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** A description safe for logs. */
  readonly describe: string;
  readonly graphs: GraphRepository;
  readonly runs: RunRepository;
  readonly meta: MetaRepository;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One stored version of a graph, with the graph's own times. */
export interface GraphRecord {
  id: string;
  version: number;
  document: GraphDocument;
  valid: boolean;
  errors: Problem[];
  /** When the graph was created. */
  createdAt: number;
  /** When this version was saved. */
  updatedAt: number;
}

export interface GraphSummary {
  id: string;
  name: string;
  description: string | null;
  version: number;
  valid: boolean;
  createdAt: number;
  updatedAt: number;
  lastRun: { id: string; status: RunStatus; createdAt: number } | null;
}

export interface GraphVersionSummary {
  version: number;
  name: string;
  valid: boolean;
  createdAt: number;
}

/** What a save writes: the document (already checked against the `weft.graph/1` shape) and its verdict. */
export interface GraphVersionInput {
  document: GraphDocument;
  valid: boolean;
  errors: Problem[];
  now: number;
}

export interface GraphRepository {
  /** Every graph, most recently updated first. */
  list(): Promise<GraphSummary[]>;
  get(id: string): Promise<GraphRecord | undefined>;
  /** The latest version number and when it was saved: a cheap check before using a cached version. */
  head(id: string): Promise<{ version: number; updatedAt: number } | undefined>;
  getVersion(id: string, version: number): Promise<GraphRecord | undefined>;
  /** Newest first; undefined when the graph does not exist. */
  versions(id: string): Promise<GraphVersionSummary[] | undefined>;
  /** Creates version 1; `exists` when the id is taken. */
  create(input: GraphVersionInput): Promise<{ version: number } | 'exists'>;
  /** Adds the next version; `not-found` when the graph does not exist. */
  save(input: GraphVersionInput): Promise<{ version: number } | 'not-found'>;
  /** Deletes the graph and its versions (runs stay); false when it did not exist. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

/** A run as stored (times in ms since the epoch). */
export interface RunRecord {
  id: string;
  graphId: string;
  graphVersion: number | null;
  status: RunStatus;
  input: JsonValue;
  state: JsonObject | null;
  error: NodeError | null;
  pending: PendingInterrupt[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The seq of the last stored event. */
  lastSeq: number;
}

/** A new run: the record plus, for an unsaved document, the document itself and its first lease. */
export interface NewRun {
  record: RunRecord;
  document: GraphDocument | null;
  leaseOwner: string;
  leaseVersion: number;
}

/** An event as stored: its envelope fields plus the whole event serialised once, reused for fan-out. */
export interface StoredEvent {
  runId: string;
  seq: number;
  type: string;
  nodeId: string | null;
  ts: number;
  json: string;
}

/**
 * Everything one group commit writes, in one transaction. Updates are fenced: a run whose
 * `leaseVersion` no longer matches the stored one has none of its writes applied (it is listed in
 * `fenced`), so a stale executor cannot write after another one took the run over.
 */
export interface RunWriteBatch {
  inserts: NewRun[];
  updates: Array<{ record: RunRecord; leaseVersion: number }>;
  events: StoredEvent[];
  checkpoints: Array<{ runId: string; checkpoint: Checkpoint; json: string }>;
  /** Runs whose checkpoint is no longer needed (they ended). */
  dropCheckpoints: string[];
  now: number;
}

export interface RunQuery {
  graphId?: string;
  status?: RunStatus;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface RetentionPolicy {
  /** Finished runs created before this time (ms since the epoch) are deleted (run ids are UUIDv7s). */
  createdBefore?: number;
  /** Keep at most this many finished runs per graph (the newest). */
  keepPerGraph?: number;
}

export interface RunRepository {
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first, `limit` at most; `nextCursor` is null on the last page. */
  list(query: RunQuery): Promise<{ runs: RunRecord[]; nextCursor: string | null }>;
  /** Stored events with seq > after, in seq order. */
  events(runId: string, after: number, limit: number): Promise<StoredEvent[]>;
  /** The document of a run of an unsaved graph. */
  document(runId: string): Promise<GraphDocument | undefined>;
  checkpoint(runId: string): Promise<Checkpoint | undefined>;
  /** Runs that were `queued` or `running` (what a restarted server must pick up again). */
  unfinished(): Promise<RunRecord[]>;
  /** Takes the run over for `owner`: bumps its lease version and returns it (undefined: no such run). */
  claim(runId: string, owner: string): Promise<number | undefined>;
  commit(batch: RunWriteBatch): Promise<{ fenced: string[] }>;
  /** Deletes finished runs (and their events) outside the policy; returns how many. */
  prune(policy: RetentionPolicy): Promise<number>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** Statuses after which a run never changes again. */
export const FINISHED_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];
