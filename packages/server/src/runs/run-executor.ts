import type { CompiledGraph } from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';
import type { RunObserver } from '../observability/metrics.ts';
import type { Lease, RunRecord, StoreTransaction } from '../storage/store.ts';
import type { GraphCatalog } from './graph-catalog.ts';
import { type ExecutionContext, emitEvent, executeRun } from './run-execution.ts';
import type { RunJob } from './run-queue.ts';
import { continuation, isFinished } from './run-record.ts';
import type { TrackedRun, WriteBatcher } from './write-batcher.ts';

/** A run this process holds: accepted and waiting for a slot, or executing. */
export interface ActiveRun {
  tracked: TrackedRun;
  graph: CompiledGraph;
  controller: AbortController;
  executing: boolean;
  /** Its lease went to another process: what it still does is fenced off, and not reported. */
  lost: boolean;
  done: Promise<RunRecord>;
  settle(record: RunRecord): void;
  fail(error: Error): void;
}

export interface RunExecutorOptions {
  execution: ExecutionContext;
  batcher: WriteBatcher;
  catalog: GraphCatalog;
  observer: RunObserver;
  logger: Logger;
  owner: string;
  /** Shared queues: the lease a worker's claim takes (renewed by the heartbeat). */
  leaseMs?: number;
}

/** Statuses a queued job may find its run in and still claim it. */
const CLAIMABLE = ['queued', 'running'] as const;

/**
 * The runs this process holds and executes: tracking them from acceptance (or claim) to the moment
 * they stop, executing jobs of the in-process queue, and — for a shared queue — claiming the runs of
 * the jobs it takes and executing them from what the claim read.
 */
export class RunExecutor {
  readonly active = new Map<string, ActiveRun>();
  /** Leases claimed in the transaction that took their jobs, until the jobs execute. */
  private readonly claimed = new Map<string, Lease>();

  constructor(private readonly options: RunExecutorOptions) {}

  track(tracked: TrackedRun, graph: CompiledGraph): ActiveRun {
    let settle!: (record: RunRecord) => void;
    let fail!: (error: Error) => void;
    const done = new Promise<RunRecord>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // Nobody may be waiting for this run (a 202 answer); its failure is logged where it happens.
    done.catch(() => {});
    const run: ActiveRun = {
      tracked,
      graph,
      controller: new AbortController(),
      executing: false,
      lost: false,
      done,
      settle,
      fail,
    };
    this.active.set(tracked.record.id, run);
    return run;
  }

  release(run: ActiveRun, persisted = true): void {
    const record = { ...run.tracked.record };
    if (this.active.get(record.id) === run) this.active.delete(record.id);
    if (!persisted) {
      run.fail(
        new ServerError(
          'DATABASE_UNAVAILABLE',
          `run '${record.id}' could not be stored; it resumes at the next start`,
        ),
      );
      return;
    }
    this.options.logger.debug(
      { runId: record.id, status: record.status, lastSeq: record.lastSeq },
      'run stopped',
    );
    if (!run.lost && (isFinished(record.status) || record.status === 'waiting'))
      this.options.observer.runEnded(record.status as 'completed' | 'failed' | 'cancelled' | 'waiting');
    run.settle(record);
  }

  /** A job of the in-process queue: the run was tracked when it was accepted or recovered. */
  async execute(job: RunJob): Promise<void> {
    const run = this.active.get(job.runId);
    if (!run || run.executing) return;
    run.executing = true;
    const persisted = await executeRun(
      this.options.execution,
      { ...run, signal: run.controller.signal },
      job,
    );
    this.release(run, persisted);
  }

  /**
   * The claim of a shared queue, in the transaction that takes the jobs: each job's run is claimed
   * only while its lease is still the job's version and it is queued or running.
   */
  async claim(jobs: RunJob[], tx: StoreTransaction): Promise<RunJob[]> {
    // Left over only from a transaction that rolled back: its jobs are still queued.
    this.claimed.clear();
    const leases = await tx.leases.claimAll(
      jobs.map((job) => ({ runId: job.runId, leaseVersion: job.leaseVersion ?? 0 })),
      this.options.owner,
      { statuses: CLAIMABLE, ...(this.options.leaseMs ? { leaseMs: this.options.leaseMs } : {}) },
    );
    const accepted: RunJob[] = [];
    for (const lease of leases) {
      const job = jobs.find(
        (j) => j.runId === lease.record.id && (j.leaseVersion ?? 0) + 1 === lease.leaseVersion,
      );
      if (!job) continue;
      this.claimed.set(job.runId, lease);
      accepted.push(job);
    }
    return accepted;
  }

  /** A job of a shared queue whose run this process claimed: continue it from what the claim read. */
  async executeClaimed(job: RunJob): Promise<void> {
    const lease = this.claimed.get(job.runId);
    if (!lease) return;
    this.claimed.delete(job.runId);
    // This process executed the run before and lost it; that executor must be gone before this one starts.
    const previous = this.active.get(job.runId);
    if (previous) {
      this.stop([job.runId], 'the run was claimed again');
      await previous.done.catch(() => {});
    }
    const run = await this.adopt(lease);
    if (!run) return;
    const record = run.tracked.record;
    run.executing = true;
    const kind: RunJob = job.kind === 'resume' ? job : continuation(record);
    if (kind.kind === 'recover')
      this.options.logger.info({ runId: record.id, lastSeq: record.lastSeq }, 'continuing a run');
    const persisted = await executeRun(
      this.options.execution,
      { ...run, signal: run.controller.signal },
      kind,
    );
    this.release(run, persisted);
  }

  /**
   * Tracks a run this process just claimed, from the row the claim read. A run whose graph is gone
   * cannot go on: it ends `failed` with `GRAPH_NOT_FOUND` (and undefined is returned).
   */
  async adopt(lease: Lease): Promise<ActiveRun | undefined> {
    const { execution, batcher } = this.options;
    const tracked: TrackedRun = {
      record: lease.record,
      leaseOwner: this.options.owner,
      leaseVersion: lease.leaseVersion,
      document: null,
    };
    batcher.reset(lease.record.id);
    let graph: CompiledGraph;
    try {
      graph = await this.options.catalog.forRun(lease.record);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      emitEvent(execution, tracked, { type: 'run.failed', error: { code: 'GRAPH_NOT_FOUND', message } });
      await batcher.durable().catch(() => {});
      this.options.observer.runEnded('failed');
      return undefined;
    }
    return this.track(tracked, graph);
  }

  /** The runs this process executes, with the lease each one's writes are fenced by. */
  held(): Array<{ runId: string; leaseVersion: number }> {
    const held: Array<{ runId: string; leaseVersion: number }> = [];
    for (const run of this.active.values())
      if (run.executing && !run.lost)
        held.push({ runId: run.tracked.record.id, leaseVersion: run.tracked.leaseVersion });
    return held;
  }

  /** Stops the executors of runs whose lease this process lost (their writes are fenced already). */
  stop(runIds: readonly string[], why: string): void {
    for (const id of runIds) {
      const run = this.active.get(id);
      if (!run || run.lost) continue;
      run.lost = true;
      this.options.logger.warn(
        { runId: id, why },
        'another process took the run over; this one stops executing it',
      );
      run.controller.abort(new Error('lease lost'));
    }
  }
}
