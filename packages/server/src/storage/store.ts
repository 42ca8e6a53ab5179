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
  readonly leases: LeaseRepository;
  readonly meta: MetaRepository;
  /** Raw SQL outside any transaction (pg-boss runs on it, sharing the store's connections). */
  readonly sql: SqlExecutor;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
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
  /**
   * The waiting run's questions. Once an answer is accepted and until it is executed (`run.resumed`)
   * the answered one carries it, so that a process dying in between does not lose it.
   */
  pending: Array<PendingInterrupt & { answer?: JsonValue }>;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The seq of the last stored event. */
  lastSeq: number;
}

/**
 * A new run: the record plus, for an unsaved document, the document itself and its first lease (no
 * owner when the run goes to a shared queue: whoever takes the job claims it).
 */
export interface NewRun {
  record: RunRecord;
  document: GraphDocument | null;
  leaseOwner: string | null;
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
  /**
   * More statements for the same transaction, after the run writes: the jobs of a shared queue and the
   * notifications of a cross-process event bus, so they commit (or roll back) with what they announce.
   */
  inTransaction?: TransactionHook;
}

/** Runs SQL on a connection or inside a transaction; the shape pg-boss takes as its `db` option. */
export interface SqlExecutor {
  // biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary SQL, typed by whoever wrote the SQL (pg-boss's own type)
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** What a group commit applied: the events written (fenced runs' left out) and the runs fenced. */
export interface AppliedWrites {
  events: readonly StoredEvent[];
  fenced: ReadonlySet<string>;
}

export type TransactionHook = (tx: SqlExecutor, applied: AppliedWrites) => Promise<void>;

/** One open transaction: raw SQL for components that bring their own (pg-boss) and the run leases. */
export interface StoreTransaction {
  readonly sql: SqlExecutor;
  readonly leases: LeaseRepository;
}

/** A run as claimed: the row as it is after the claim, and the lease version its writes are fenced by. */
export interface Lease {
  record: RunRecord;
  leaseVersion: number;
}

export interface ClaimOptions {
  /** Only while the lease is still at this version (a queued job's claim); otherwise whoever holds it. */
  leaseVersion?: number;
  /** Only while the run has one of these statuses. */
  statuses?: readonly RunStatus[];
  /** Sets the run's status in the same statement (a resume: `waiting` → `queued`). */
  status?: RunStatus;
  /** The lease lapses this long from now unless renewed (workers); without it, it never lapses. */
  leaseMs?: number;
}

/**
 * Who executes a run. Every write of a run is fenced by its lease version (`RunWriteBatch.updates`);
 * claiming bumps the version, so whoever held the run before cannot write any more. A worker's lease
 * lapses unless renewed by its heartbeat; lapsed runs are taken back and queued again.
 */
export interface LeaseRepository {
  /** Takes the run for `owner` (bumping its lease version); undefined when the conditions do not hold. */
  claim(runId: string, owner: string, options?: ClaimOptions): Promise<Lease | undefined>;
  /** Claims the runs of queued jobs, each only while its lease is still the job's version. */
  claimAll(
    jobs: ReadonlyArray<{ runId: string; leaseVersion: number }>,
    owner: string,
    options: { statuses: readonly RunStatus[]; leaseMs?: number },
  ): Promise<Lease[]>;
  /** Extends the leases `owner` still holds at these versions; returns the run ids extended. */
  renew(
    owner: string,
    held: ReadonlyArray<{ runId: string; leaseVersion: number }>,
    leaseMs: number,
  ): Promise<string[]>;
  /**
   * Takes back up to `limit` queued or running runs whose lease lapsed: bumps each one's version and
   * clears its owner, so the caller can queue it again in the same transaction. Rows another
   * transaction holds are skipped.
   */
  reclaimLapsed(limit: number): Promise<Array<{ runId: string; leaseVersion: number }>>;
  /** Lets every lease `owner` holds lapse now (a clean shutdown: others take its runs at once). */
  release(owner: string): Promise<number>;
  /** Whether a process other than `owner` holds the unfinished run under a lease that has not lapsed. */
  heldElsewhere(runId: string, owner: string): Promise<boolean>;
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
  /** The stored events of several runs, each after its `after` (and up to `upTo`), by run then seq. */
  eventsOf(ranges: ReadonlyArray<{ runId: string; after: number; upTo?: number }>): Promise<StoredEvent[]>;
  /** The document of a run of an unsaved graph. */
  document(runId: string): Promise<GraphDocument | undefined>;
  checkpoint(runId: string): Promise<Checkpoint | undefined>;
  /** Runs that were `queued` or `running` (what a restarted server must pick up again). */
  unfinished(): Promise<RunRecord[]>;
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
