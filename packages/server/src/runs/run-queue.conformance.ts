import type { RunJob, RunQueue } from './run-queue.ts';

/** One case of the queue conformance suite; throws when the queue misbehaves. */
export interface QueueConformanceCase {
  name: string;
  run(): Promise<void>;
}

const start = (runId: string): RunJob => ({ kind: 'start', runId });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * The cases every `RunQueue` must pass, independent of the test framework. `make(concurrency)` returns a
 * fresh, empty queue.
 */
export function runQueueConformanceCases(
  make: (concurrency: number) => RunQueue | Promise<RunQueue>,
): QueueConformanceCase[] {
  return [
    {
      name: 'hands out every job once, oldest first',
      async run() {
        const queue = await make(1);
        const seen: string[] = [];
        queue.process(async (job) => {
          seen.push(job.runId);
        });
        for (const id of ['a', 'b', 'c', 'd']) queue.push(start(id));
        await tick();
        check(seen.join() === 'a,b,c,d', `expected a,b,c,d, got ${seen.join()}`);
        await queue.close();
      },
    },
    {
      name: 'never runs more than its concurrency at once, and reports depth and active',
      async run() {
        const queue = await make(2);
        let running = 0;
        let peak = 0;
        const gates: Array<() => void> = [];
        queue.process(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise<void>((resolve) => gates.push(resolve));
          running--;
        });
        for (let i = 0; i < 5; i++) queue.push(start(`r${i}`));
        await tick();
        check(queue.active === 2, `active should be 2, is ${queue.active}`);
        check(queue.depth === 3, `depth should be 3, is ${queue.depth}`);
        while (gates.length > 0) {
          gates.shift()!();
          await tick();
        }
        await tick();
        check(peak === 2, `at most 2 jobs may run at once; saw ${peak}`);
        check(queue.depth === 0 && queue.active === 0, 'the queue should be empty');
        await queue.close();
      },
    },
    {
      name: 'holds jobs pushed before a worker is set',
      async run() {
        const queue = await make(4);
        queue.push(start('early'));
        check(queue.depth === 1, 'the job should wait');
        const seen: string[] = [];
        queue.process(async (job) => {
          seen.push(job.runId);
        });
        await tick();
        check(seen.join() === 'early', 'the early job should run once a worker is set');
        await queue.close();
      },
    },
    {
      name: 'removes a job that has not started, and only such a job',
      async run() {
        const queue = await make(1);
        const seen: string[] = [];
        let release!: () => void;
        queue.process(async (job) => {
          seen.push(job.runId);
          if (job.runId === 'a') await new Promise<void>((resolve) => (release = resolve));
        });
        queue.push(start('a'));
        queue.push(start('b'));
        queue.push(start('c'));
        await tick();
        check(queue.remove('b'), 'b was queued and should be removed');
        check(!queue.remove('a'), 'a is running and cannot be removed');
        check(!queue.remove('zzz'), 'an unknown job cannot be removed');
        release();
        await tick();
        check(seen.join() === 'a,c', `expected a,c, got ${seen.join()}`);
        await queue.close();
      },
    },
    {
      name: 'keeps going when a job fails, and close waits for running jobs',
      async run() {
        const queue = await make(1);
        const seen: string[] = [];
        let finished = false;
        queue.process(async (job) => {
          seen.push(job.runId);
          if (job.runId === 'bad') throw new Error('boom');
          await tick();
          finished = true;
        });
        queue.push(start('bad'));
        queue.push(start('good'));
        await new Promise((resolve) => setTimeout(resolve, 1));
        await queue.close();
        check(seen.join() === 'bad,good', `expected bad,good, got ${seen.join()}`);
        check(finished, 'close() must wait for the running job');
      },
    },
  ];
}
