import type { Checkpoint, GraphDocument } from '@weft/engine';
import { ServerError } from '../errors.ts';
import type {
  AppliedWrites,
  RunRecord,
  RunRepository,
  RunWriteBatch,
  SqlExecutor,
  StoredEvent,
} from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';
import type { RunJob } from './run-queue.ts';
import { isFinished } from './run-record.ts';

/** A run whose writes go through the batcher: its live record and the lease its writes are fenced by. */
export interface TrackedRun {
  readonly record: RunRecord;
  /** null for a new run handed to a shared queue: whoever takes its job claims it. */
  leaseOwner: string | null;
  leaseVersion: number;
  /** The document of a run of an unsaved graph (written with the run row). */
  document: GraphDocument | null;
}

interface Entry {
  run: TrackedRun;
  insert: boolean;
  checkpoint: Checkpoint | undefined;
}

class PendingBatch {
  readonly entries = new Map<string, Entry>();
  readonly events: StoredEvent[] = [];
  readonly jobs: RunJob[] = [];
  readonly done: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Whoever waits sees the failure; an unobserved batch must not crash the process.
    this.done.catch(() => {});
  }

  entry(run: TrackedRun): Entry {
    let entry = this.entries.get(run.record.id);
    if (!entry) {
      entry = { run, insert: false, checkpoint: undefined };
      this.entries.set(run.record.id, entry);
    }
    return entry;
  }
}

export interface BatcherHooks {
  /** Runs whose lease moved on: none of their writes in that batch were applied. */
  onFenced?(runIds: string[]): void;
  onCommit?(stats: { runs: number; events: number; ms: number }): void;
  /** A commit failed: none of its writes were applied, and the runs it held are written no more. */
  onError?(error: unknown, runIds: string[]): void;
  now?(): number;
  /**
   * More statements in each commit's transaction (shared queue, cross-process bus): the jobs of the
   * batch's new runs and what the commit applied.
   */
  inTransaction?(tx: SqlExecutor, applied: AppliedWrites, jobs: readonly RunJob[]): Promise<void>;
}

/**
 * Group commit: every event, checkpoint and run-row change is buffered and written in the next
 * transaction, which carries the writes of every run that had any since the last one. A node's events
 * and the checkpoint taken after it are buffered in the same synchronous step, so they always land in
 * the same transaction. One transaction is in flight at a time; whatever arrives meanwhile makes the
 * next one. Committed events are then published on the bus, in seq order.
 */
export class WriteBatcher {
  private pending = new PendingBatch();
  private inFlight: PendingBatch | undefined;
  private scheduled = false;
  private closed = false;
  /** Runs one of whose commits failed: writing more of them would leave a gap, so they are dropped. */
  private readonly broken = new Map<string, Promise<void>>();

  constructor(
    private readonly store: RunRepository,
    private readonly bus: EventBus,
    private readonly hooks: BatcherHooks = {},
  ) {}

  /** A new run row; with a shared queue, the job that starts it is written in the same transaction. */
  insert(run: TrackedRun, job?: RunJob): Promise<void> {
    if (this.closed) return Promise.resolve();
    const broken = this.broken.get(run.record.id);
    if (broken) return broken;
    this.pending.entry(run).insert = true;
    if (job) this.pending.jobs.push(job);
    return this.scheduleAndWait();
  }

  /** The run's row changed (its status, say) without an event. */
  touch(run: TrackedRun): Promise<void> {
    if (this.closed) return Promise.resolve();
    const broken = this.broken.get(run.record.id);
    if (broken) return broken;
    this.pending.entry(run);
    return this.scheduleAndWait();
  }

  /** One event of the run; its record must already reflect it. */
  event(run: TrackedRun, event: StoredEvent): void {
    if (this.closed || this.broken.has(run.record.id)) return;
    this.pending.entry(run);
    this.pending.events.push(event);
    this.schedule();
  }

  /** The run's latest checkpoint; replaces an earlier one of the same batch. */
  checkpoint(run: TrackedRun, checkpoint: Checkpoint): Promise<void> {
    if (this.closed) return Promise.resolve();
    const broken = this.broken.get(run.record.id);
    if (broken) return broken;
    this.pending.entry(run).checkpoint = checkpoint;
    return this.scheduleAndWait();
  }

  /** True when a commit holding writes of the run failed (its later writes were dropped). */
  isBroken(runId: string): boolean {
    return this.broken.has(runId);
  }

  /** Lets a run be written again (it was taken over afresh, with a new lease, from what is stored). */
  reset(runId: string): void {
    this.broken.delete(runId);
  }

  /** Resolves once everything handed over so far is committed. */
  durable(): Promise<void> {
    if (this.pending.entries.size > 0) return this.pending.done;
    return this.inFlight?.done ?? Promise.resolve();
  }

  /** Writes what is buffered, then ignores every later write (shutdown: runs still going are abandoned). */
  async close(): Promise<void> {
    while (this.pending.entries.size > 0 || this.inFlight) {
      this.flush();
      await this.durable().catch(() => {});
    }
    this.closed = true;
  }

  private scheduleAndWait(): Promise<void> {
    this.schedule();
    return this.pending.done;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight || this.pending.entries.size === 0) return;
    const batch = this.pending;
    this.pending = new PendingBatch();
    this.inFlight = batch;
    const started = performance.now();
    const write = this.toWrite(batch);
    this.store.commit(write).then(
      ({ fenced }) => {
        this.inFlight = undefined;
        const skip = fenced.length > 0 ? new Set(fenced) : undefined;
        this.bus.publish(skip ? batch.events.filter((e) => !skip.has(e.runId)) : batch.events);
        batch.resolve();
        if (fenced.length > 0) this.hooks.onFenced?.(fenced);
        this.hooks.onCommit?.({
          runs: batch.entries.size,
          events: batch.events.length,
          ms: performance.now() - started,
        });
        this.flush();
      },
      (cause: unknown) => {
        this.inFlight = undefined;
        const error = new ServerError(
          'DATABASE_UNAVAILABLE',
          `writing runs to the database failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        );
        const ids = [...batch.entries.keys()];
        for (const id of ids) {
          this.broken.set(id, batch.done);
          // Writes of these runs already waiting for the next commit would follow a gap: drop them.
          this.pending.entries.delete(id);
        }
        const lost = new Set(ids);
        const kept = this.pending.events.filter((e) => !lost.has(e.runId));
        this.pending.events.length = 0;
        this.pending.events.push(...kept);
        const keptJobs = this.pending.jobs.filter((j) => !lost.has(j.runId));
        this.pending.jobs.length = 0;
        this.pending.jobs.push(...keptJobs);
        batch.reject(error);
        this.hooks.onError?.(cause, ids);
        this.flush();
      },
    );
  }

  /** Snapshots the batch synchronously: runs keep changing while the transaction is being written. */
  private toWrite(batch: PendingBatch): RunWriteBatch {
    const write: RunWriteBatch = {
      inserts: [],
      updates: [],
      events: batch.events,
      checkpoints: [],
      dropCheckpoints: [],
      now: this.hooks.now?.() ?? Date.now(),
    };
    const extra = this.hooks.inTransaction;
    if (extra) write.inTransaction = (tx, applied) => extra(tx, applied, batch.jobs);
    for (const { run, insert, checkpoint } of batch.entries.values()) {
      const record = { ...run.record };
      if (insert) {
        write.inserts.push({
          record,
          document: run.document,
          leaseOwner: run.leaseOwner,
          leaseVersion: run.leaseVersion,
        });
      } else {
        write.updates.push({ record, leaseVersion: run.leaseVersion });
      }
      if (isFinished(record.status)) {
        if (!insert) write.dropCheckpoints.push(record.id);
      } else if (checkpoint) {
        write.checkpoints.push({ runId: record.id, checkpoint, json: JSON.stringify(checkpoint) });
      }
    }
    return write;
  }
}
