import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.ts';
import { runQueueConformanceCases } from '../runs/run-queue.conformance.ts';
import type { RunJob, RunQueue } from '../runs/run-queue.ts';
import { openStore } from '../storage/open-store.ts';
import type { Store } from '../storage/store.ts';
import { eventually } from '../testing/test-app.ts';
import { dropSchemas, randomSchema, TEST_POSTGRES_URL } from '../testing/test-stores.ts';
import { createPgBossRunQueue, ensureQueue, startPgBoss } from './pg-boss-run-queue.ts';
import { clusterChannels, PostgresListener } from './postgres-listener.ts';

const schema = randomSchema();
const bossSchema = `${schema}_pgboss`;
const logger = silentLogger();
let store: Store;
let boss: PgBoss;
let listener: PostgresListener;
let queues = 0;

beforeAll(async () => {
  store = await openStore({ database: TEST_POSTGRES_URL, schema, dropSchemaOnClose: true });
  boss = await startPgBoss({ sql: store.sql, schema: bossSchema, queue: 'runs', logger });
  listener = new PostgresListener({ url: TEST_POSTGRES_URL, logger });
  await listener.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await listener.close();
  await store.close();
  await dropSchemas(bossSchema);
});

/** A fresh pg-boss queue (each has its own name) and a queue object on it, as one process would hold. */
async function freshQueue(concurrency: number, name = `runs-${++queues}`): Promise<RunQueue> {
  await ensureQueue(boss, name);
  return createPgBossRunQueue({
    boss,
    name,
    store,
    concurrency,
    wakeups: { listener, channel: clusterChannels(schema).jobs },
    logger,
  });
}

describe('pg-boss RunQueue', () => {
  for (const c of runQueueConformanceCases(async (concurrency) => ({
    queue: await freshQueue(concurrency),
    transaction: (work) => store.transaction((tx) => work(tx.sql)),
  }))) {
    it(c.name, c.run);
  }

  it('never hands out a job whose transaction rolled back', async () => {
    const queue = await freshQueue(4);
    const seen: string[] = [];
    queue.process(async (job) => {
      seen.push(job.runId);
    });
    await expect(
      store.transaction(async (tx) => {
        await queue.enqueue([{ kind: 'start', runId: 'rolled-back' }], tx.sql);
        throw new Error('the run row could not be written');
      }),
    ).rejects.toThrow();
    await store.transaction((tx) => queue.enqueue([{ kind: 'start', runId: 'committed' }], tx.sql));
    await eventually(() => (seen.includes('committed') ? true : undefined));
    expect(await queue.depth()).toBe(0);
    await queue.close();
    expect(seen).toEqual(['committed']);
  });

  it('takes jobs with their claim in one transaction: a failed claim leaves them queued, a refused job is dropped', async () => {
    const queue = await freshQueue(4);
    const seen: string[] = [];
    let attempts = 0;
    queue.process(
      async (job) => {
        seen.push(job.runId);
      },
      async (jobs) => {
        attempts++;
        if (attempts === 1) throw new Error('the process died while claiming');
        return jobs.filter((job) => job.runId !== 'stale');
      },
    );
    queue.push({ kind: 'start', runId: 'stale' });
    queue.push({ kind: 'start', runId: 'fresh' });
    await eventually(() => (seen.includes('fresh') ? true : undefined));
    await eventually(async () => ((await queue.depth()) === 0 ? true : undefined));
    await queue.close();
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(['fresh']);
  });

  it('shares one queue between processes: each job runs exactly once', async () => {
    const seen: Array<{ worker: number; runId: string }> = [];
    // Started together, as processes are: they race to create the queue, and all find it made.
    const workers = await Promise.all([1, 2, 3].map(() => freshQueue(3, 'shared')));
    for (const [worker, queue] of workers.entries()) {
      queue.process(async (job) => {
        seen.push({ worker, runId: job.runId });
        await new Promise((resolve) => setImmediate(resolve));
      });
    }
    const jobs: RunJob[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'start', runId: `r${i}` }));
    for (let i = 0; i < jobs.length; i += 10)
      await store.transaction((tx) => workers[0]!.enqueue(jobs.slice(i, i + 10), tx.sql));
    await eventually(() => (seen.length >= 60 ? true : undefined));
    await Promise.all(workers.map((queue) => queue.close()));
    expect(seen.map((s) => s.runId).sort()).toEqual(jobs.map((j) => j.runId).sort());
    expect(new Set(seen.map((s) => s.worker)).size).toBeGreaterThan(1);
  });
});
