import type { JsonValue } from '@weft/engine';
import type { SqlExecutor, StoreTransaction } from '../storage/store.ts';

/**
 * What a worker is asked to do with a run. `leaseVersion` (shared queues) is the run's lease version
 * when the job was queued: whoever takes the job claims the run only while its lease is still that one,
 * so a job that went stale (the run was cancelled, or taken over and queued again) does nothing.
 */
export type RunJob =
  | { kind: 'start'; runId: string; leaseVersion?: number }
  | { kind: 'resume'; runId: string; nodeId: string; value: JsonValue; leaseVersion?: number }
  /** Continue a run whose executor is gone (a restart, a dead worker), from its last checkpoint. */
  | { kind: 'recover'; runId: string; leaseVersion?: number };

export type RunWorker = (job: RunJob) => Promise<void>;

/**
 * Decides, inside the transaction that takes jobs off a shared queue, which of them this process
 * executes (it claims their runs in that transaction): a job is then either still queued or taken by
 * exactly one process, whatever dies when.
 */
export type JobClaim = (jobs: RunJob[], tx: StoreTransaction) => Promise<RunJob[]>;

/**
 * Where runs wait for an execution slot. The concurrency limit lives here: at most `concurrency` jobs
 * are handed to this process's worker at once, oldest first.
 *
 * One server uses the in-process queue below. `createPgBossRunQueue` (src/cluster) keeps the jobs in
 * PostgreSQL through pg-boss, so that several worker processes share them. `run-queue.conformance.ts`
 * holds the cases every implementation passes.
 */
export interface RunQueue {
  /** True for a queue in the database shared by several processes; false for one in memory. */
  readonly shared: boolean;
  /**
   * Sets the function that executes jobs; jobs pushed before it is set wait. A shared queue runs
   * `claim` in the transaction that takes the jobs (the in-process queue has no use for it).
   */
  process(worker: RunWorker, claim?: JobClaim): void;
  /** Hands a job over (a shared queue sends it on its own; the order of pushes is kept). */
  push(job: RunJob): void;
  /**
   * Writes jobs inside the caller's transaction, so they exist exactly when what that transaction
   * writes with them does (a run row, a claim). The in-process queue takes them at once.
   */
  enqueue(jobs: readonly RunJob[], tx: SqlExecutor): Promise<void>;
  /** Takes a job this queue was handed and nobody has started off the queue; false otherwise. */
  remove(runId: string): Promise<boolean>;
  /** Jobs waiting for a slot (for a shared queue: of every process). */
  depth(): Promise<number>;
  /** Jobs this process is executing. */
  readonly active: number;
  /** Stops handing out jobs; resolves once the running ones have finished. */
  close(): Promise<void>;
}

/**
 * A FIFO in memory with a concurrency limit.
 *
 * @example
 * const queue = createInProcessRunQueue({ concurrency: 100 });
 * queue.process(async (job) => execute(job));
 * queue.push({ kind: 'start', runId });
 */
export function createInProcessRunQueue(options: { concurrency: number }): RunQueue {
  const waiting: RunJob[] = [];
  let head = 0;
  let active = 0;
  let worker: RunWorker | undefined;
  let closed = false;
  let idle: (() => void) | undefined;

  const pump = () => {
    while (worker && !closed && active < options.concurrency && head < waiting.length) {
      const job = waiting[head++]!;
      active++;
      const finished = () => {
        active--;
        if (closed && active === 0) idle?.();
        else pump();
      };
      let result: Promise<void>;
      try {
        result = worker(job);
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(finished, finished);
    }
    if (head > 1024 && head * 2 > waiting.length) {
      waiting.splice(0, head);
      head = 0;
    }
  };

  const push = (job: RunJob) => {
    if (closed) throw new Error('the run queue is closed');
    waiting.push(job);
    pump();
  };

  return {
    shared: false,
    process(fn) {
      worker = fn;
      pump();
    },
    push,
    async enqueue(jobs) {
      for (const job of jobs) push(job);
    },
    async remove(runId) {
      for (let i = head; i < waiting.length; i++) {
        if (waiting[i]!.runId === runId) {
          waiting.splice(i, 1);
          return true;
        }
      }
      return false;
    },
    async depth() {
      return waiting.length - head;
    },
    get active() {
      return active;
    },
    close() {
      closed = true;
      if (active === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idle = resolve;
      });
    },
  };
}
