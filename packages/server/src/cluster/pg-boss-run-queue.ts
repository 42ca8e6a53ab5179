import type PgBoss from 'pg-boss';
import type { Logger } from '../observability/logger.ts';
import type { JobClaim, RunJob, RunQueue, RunWorker } from '../runs/run-queue.ts';
import type { SqlExecutor, Store } from '../storage/store.ts';
import type { PostgresListener } from './postgres-listener.ts';

export interface PgBossRunQueueOptions {
  /** A started pg-boss whose queue `name` exists (`startPgBoss`). */
  boss: PgBoss;
  name: string;
  /** Where jobs are taken: one transaction fetches them, runs the claim and completes them. */
  store: Pick<Store, 'transaction'>;
  /** Jobs this process executes at once. */
  concurrency: number;
  /** Sent (`pg_notify`) with every job written, so idle workers fetch at once instead of at the next poll. */
  wakeups?: { listener: PostgresListener; channel: string };
  /** How often an idle worker looks for jobs when no wake-up arrives. */
  pollMs?: number;
  logger: Logger;
}

// pg-boss's typings miss two real call shapes: complete() of many ids with a connection, and the
// counts that complete() and cancel() resolve with.
type CompleteMany = (
  name: string,
  ids: string[],
  data: null,
  options: { db: SqlExecutor },
) => Promise<unknown>;
type CancelMany = (name: string, ids: string[]) => Promise<{ affected: number }>;

/**
 * A `RunQueue` on pg-boss, shared by every process of a deployment. Jobs are written with
 * `insert(…, { db })` inside the caller's transaction (the run row's group commit, a claim), so a job
 * exists exactly when its run does. A worker takes jobs in one transaction: pg-boss's `fetch` (SKIP
 * LOCKED) through that transaction, the `claim` of their runs, and pg-boss's `complete` — if the
 * process dies midway, PostgreSQL rolls it all back and the jobs are still queued. From then on the
 * run's lease, not the job, says who executes it (a heartbeat keeps it; `LeaseKeeper`).
 *
 * @example
 * const queue = createPgBossRunQueue({ boss, name: 'weft-runs', store, concurrency: 100, logger });
 * queue.process((job) => execute(job), (jobs, tx) => claim(jobs, tx));
 */
export function createPgBossRunQueue(options: PgBossRunQueueOptions): RunQueue {
  const { boss, name, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  let worker: RunWorker | undefined;
  let claim: JobClaim | undefined;
  let active = 0;
  let closed = false;
  let looping: Promise<void> | undefined;
  let signalled = false;
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  let sending: Promise<unknown> = Promise.resolve();
  /** Job ids of the jobs this queue pushed, by run (for `remove`). */
  const pushed = new Map<string, string[]>();
  let stopListening: (() => void) | undefined;

  const signal = () => {
    signalled = true;
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const pause = (ms: number | undefined) =>
    new Promise<void>((resolve) => {
      if (signalled || closed) return resolve();
      const timer = ms === undefined ? undefined : setTimeout(signal, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  if (options.wakeups) {
    options.wakeups.listener.listen(options.wakeups.channel, signal).then(
      (stop) => {
        if (closed) stop();
        else stopListening = stop;
      },
      (error: unknown) => logger.error({ err: error }, 'could not listen for queued jobs; polling only'),
    );
  }

  /** Fetches up to `free` jobs, claims their runs and completes them, all in one transaction. */
  const take = (free: number) =>
    options.store.transaction(async (tx) => {
      const fetched = await boss.fetch<RunJob>(name, { batchSize: free, includeMetadata: true, db: tx.sql });
      if (fetched.length === 0) return [];
      fetched.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
      const jobs = fetched.map((job) => job.data);
      const accepted = claim ? await claim(jobs, tx) : jobs;
      await (boss.complete as unknown as CompleteMany)(
        name,
        fetched.map((job) => job.id),
        null,
        { db: tx.sql },
      );
      return accepted;
    });

  const execute = (job: RunJob) => {
    active++;
    const finished = () => {
      active--;
      if (closed && active === 0) drained?.();
      signal();
    };
    let result: Promise<void>;
    try {
      result = worker!(job);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.catch((error: unknown) => logger.error({ err: error, runId: job.runId }, 'a run job failed'));
    result.then(finished, finished);
  };

  const loop = async () => {
    while (!closed) {
      const free = options.concurrency - active;
      if (free <= 0) {
        signalled = false;
        await pause(undefined);
        continue;
      }
      signalled = false;
      let jobs: RunJob[];
      try {
        jobs = await take(free);
      } catch (error) {
        logger.error({ err: error }, 'taking jobs off the queue failed; trying again');
        await pause(pollMs);
        continue;
      }
      // Jobs taken while closing still run: their runs are claimed, and close() waits for them.
      for (const job of jobs) execute(job);
      if (jobs.length === 0) await pause(pollMs);
    }
  };

  const send = (job: RunJob) => {
    sending = sending
      .then(async () => {
        const id = await boss.send(name, job);
        if (id) pushed.set(job.runId, [...(pushed.get(job.runId) ?? []), id]);
        signal();
      })
      .catch((error: unknown) => logger.error({ err: error, runId: job.runId }, 'queuing a run job failed'));
  };

  return {
    shared: true,
    process(fn, claimJobs) {
      worker = fn;
      claim = claimJobs;
      looping ??= loop();
    },
    push(job) {
      if (closed) throw new Error('the run queue is closed');
      send(job);
    },
    async enqueue(jobs, tx) {
      if (jobs.length === 0) return;
      await boss.insert(
        jobs.map((data) => ({ name, data })),
        { db: tx },
      );
      if (options.wakeups) await tx.executeSql('select pg_notify($1, $2)', [options.wakeups.channel, '']);
    },
    async remove(runId) {
      await sending;
      const ids = pushed.get(runId);
      if (!ids) return false;
      pushed.delete(runId);
      // Only jobs not yet taken change: a taken job was completed in the transaction that took it.
      const { affected } = await (boss.cancel as unknown as CancelMany)(name, ids);
      return affected > 0;
    },
    depth() {
      return boss.getQueueSize(name);
    },
    get active() {
      return active;
    },
    async close() {
      closed = true;
      stopListening?.();
      signal();
      await sending;
      await looping;
      if (active > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
  };
}

export interface StartPgBossOptions {
  /** Runs pg-boss on the store's own connections. */
  sql: SqlExecutor;
  /** pg-boss's schema (its tables, created on first start). */
  schema: string;
  queue: string;
  logger: Logger;
  /** How often one of the processes runs pg-boss's maintenance (archiving, expiry). */
  maintenanceIntervalSeconds?: number;
}

/** Starts pg-boss (installing or migrating its schema; safe from several processes at once) and creates the queue. */
export async function startPgBoss(options: StartPgBossOptions): Promise<PgBoss> {
  const { default: PgBossClass } = await import('pg-boss');
  const boss = new PgBossClass({
    db: options.sql,
    schema: options.schema,
    schedule: false,
    supervise: true,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Jobs only carry a run to a worker, which completes them at once: keep little of them.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 1,
  });
  boss.on('error', (error) => options.logger.error({ err: error }, 'pg-boss reported an error'));
  await boss.start();
  await ensureQueue(boss, options.queue);
  return boss;
}

/**
 * Creates the pg-boss queue unless it exists. Processes that start together may race to create its
 * partition (PostgreSQL then reports a deadlock or a duplicate): whoever loses finds it made.
 */
export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      // Unstarted jobs are kept 30 days (pg-boss's default, 14, could drop a long backlog).
      await boss.createQueue(name, { name, retentionMinutes: 60 * 24 * 30 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
