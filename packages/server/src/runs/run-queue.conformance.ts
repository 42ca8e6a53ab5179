import type { SqlExecutor } from '../storage/store.ts';
import type { RunJob, RunQueue } from './run-queue.ts';

/** One case of the queue conformance suite; throws when the queue misbehaves. */
export interface QueueConformanceCase {
  name: string;
  run(): Promise<void>;
}

/** A fresh, empty queue, and how to run work in a transaction of the database it lives in (if any). */
export interface QueueUnderTest {
  queue: RunQueue;
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

const start = (runId: string): RunJob => ({ kind: 'start', runId });

/** JSON with object keys sorted: a queue in the database may hand data back with its keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Waits until `condition` holds (a queue in a database hands jobs out asynchronously). */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A worker whose jobs each wait for the test to release them. */
function heldWorker() {
  const started: string[] = [];
  const finished: string[] = [];
  const releases = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  return {
    started,
    finished,
    get peak() {
      return peak;
    },
    release(runId: string) {
      releases.get(runId)?.();
    },
    async work(job: RunJob) {
      started.push(job.runId);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.set(job.runId, resolve));
      running--;
      finished.push(job.runId);
    },
  };
}

/**
 * The cases every `RunQueue` must pass, independent of the test framework. They wait for states, never
 * for time: a queue in a database hands jobs out a little later than one in memory, not differently.
 */
export function runQueueConformanceCases(
  make: (concurrency: number) => Promise<QueueUnderTest>,
): QueueConformanceCase[] {
  return [
    {
      name: 'hands out every job once, oldest first',
      async run() {
        const { queue } = await make(1);
        const seen: string[] = [];
        queue.process(async (job) => {
          seen.push(job.runId);
        });
        for (const id of ['a', 'b', 'c', 'd']) queue.push(start(id));
        await until(() => seen.length >= 4, 'four jobs ran');
        await queue.close();
        check(seen.join() === 'a,b,c,d', `expected a,b,c,d, got ${seen.join()}`);
      },
    },
    {
      name: 'never runs more than its concurrency at once, and reports depth and active',
      async run() {
        const { queue } = await make(2);
        const worker = heldWorker();
        queue.process((job) => worker.work(job));
        for (let i = 0; i < 5; i++) queue.push(start(`r${i}`));
        await until(async () => queue.active === 2 && (await queue.depth()) === 3, 'two run and three wait');
        for (let i = 0; i < 5; i++) {
          const next = worker.started[i];
          check(next !== undefined, `job ${i + 1} should have started`);
          worker.release(next!);
          await until(
            () => worker.finished.length === i + 1 && worker.started.length === Math.min(5, i + 3),
            `job ${i + 1} finished and the next one started`,
          );
        }
        check(worker.peak === 2, `at most 2 jobs may run at once; saw ${worker.peak}`);
        await until(async () => queue.active === 0 && (await queue.depth()) === 0, 'the queue is empty');
        await queue.close();
      },
    },
    {
      name: 'holds jobs pushed before a worker is set',
      async run() {
        const { queue } = await make(4);
        queue.push(start('early'));
        await until(async () => (await queue.depth()) === 1, 'the job waits');
        check(queue.active === 0, 'nothing may run without a worker');
        const seen: string[] = [];
        queue.process(async (job) => {
          seen.push(job.runId);
        });
        await until(() => seen.length === 1, 'the early job ran');
        await queue.close();
        check(seen.join() === 'early', `expected early, got ${seen.join()}`);
      },
    },
    {
      name: 'removes a job that has not started, and only such a job',
      async run() {
        const { queue } = await make(1);
        const worker = heldWorker();
        queue.process((job) => worker.work(job));
        for (const id of ['a', 'b', 'c']) queue.push(start(id));
        await until(async () => worker.started.length === 1 && (await queue.depth()) === 2, 'a runs');
        check(await queue.remove('b'), 'b was queued and should be removed');
        check(!(await queue.remove('a')), 'a is running and cannot be removed');
        check(!(await queue.remove('zzz')), 'an unknown job cannot be removed');
        worker.release('a');
        await until(() => worker.started.length === 2, 'the next job started');
        worker.release('c');
        await until(() => worker.finished.length === 2, 'c finished');
        await queue.close();
        check(worker.started.join() === 'a,c', `expected a,c, got ${worker.started.join()}`);
      },
    },
    {
      name: 'keeps going when a job fails, and close waits for running jobs',
      async run() {
        const { queue } = await make(1);
        const worker = heldWorker();
        queue.process(async (job) => {
          if (job.runId === 'bad') throw new Error('boom');
          await worker.work(job);
        });
        queue.push(start('bad'));
        queue.push(start('good'));
        await until(() => worker.started.includes('good'), 'the job after the failing one started');
        const closed = queue.close();
        let done = false;
        closed.then(() => {
          done = true;
        });
        // close() is pending for as long as the job runs: it resolves only after the release.
        worker.release('good');
        await closed;
        check(done && worker.finished.join() === 'good', 'close() must wait for the running job');
      },
    },
    {
      name: 'hands out jobs enqueued in a transaction, with their data',
      async run() {
        const { queue, transaction } = await make(2);
        const seen: RunJob[] = [];
        queue.process(async (job) => {
          seen.push(job);
        });
        await transaction((tx) =>
          queue.enqueue(
            [
              { kind: 'resume', runId: 'r1', nodeId: 'approve', value: { ok: [1, 'two'] }, leaseVersion: 3 },
              { kind: 'recover', runId: 'r2', leaseVersion: 7 },
            ],
            tx,
          ),
        );
        await until(() => seen.length === 2, 'both jobs ran');
        await queue.close();
        const byRun = Object.fromEntries(seen.map((job) => [job.runId, job]));
        check(
          canonical(byRun.r1) ===
            canonical({
              kind: 'resume',
              runId: 'r1',
              nodeId: 'approve',
              value: { ok: [1, 'two'] },
              leaseVersion: 3,
            }),
          `the resume job came back as ${JSON.stringify(byRun.r1)}`,
        );
        check(
          canonical(byRun.r2) === canonical({ kind: 'recover', runId: 'r2', leaseVersion: 7 }),
          `the recover job came back as ${JSON.stringify(byRun.r2)}`,
        );
      },
    },
  ];
}
