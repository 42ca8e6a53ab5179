import type { JsonValue } from '@weft/engine';

/** What a worker is asked to do with a run. */
export type RunJob =
  | { kind: 'start'; runId: string }
  | { kind: 'resume'; runId: string; nodeId: string; value: JsonValue }
  /** Continue a run a previous process left `running`, from its last checkpoint. */
  | { kind: 'recover'; runId: string };

export type RunWorker = (job: RunJob) => Promise<void>;

/**
 * Where runs wait for an execution slot. The server-wide concurrency limit lives here: at most
 * `concurrency` jobs are handed to the worker at once, in the order they were pushed.
 *
 * One server uses the in-process queue below; a pg-boss queue can implement the same interface so that
 * several worker processes share the runs of one PostgreSQL database. `run-queue.conformance.ts` holds
 * the cases every implementation must pass.
 */
export interface RunQueue {
  /** Sets the function that executes jobs; jobs pushed before it is set wait. */
  process(worker: RunWorker): void;
  push(job: RunJob): void;
  /** Takes a job that has not started yet off the queue (cancel of a queued run); false if it is not queued. */
  remove(runId: string): boolean;
  /** Jobs waiting for a slot. */
  readonly depth: number;
  /** Jobs being executed. */
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

  return {
    process(fn) {
      worker = fn;
      pump();
    },
    push(job) {
      if (closed) throw new Error('the run queue is closed');
      waiting.push(job);
      pump();
    },
    remove(runId) {
      for (let i = head; i < waiting.length; i++) {
        if (waiting[i]!.runId === runId) {
          waiting.splice(i, 1);
          return true;
        }
      }
      return false;
    },
    get depth() {
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
