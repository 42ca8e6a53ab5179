import { describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.ts';
import type { LeaseRepository, SqlExecutor, StoreTransaction } from '../storage/store.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import type { RunJob, RunQueue } from './run-queue.ts';

const tx: SqlExecutor = { executeSql: async () => ({ rows: [] }) };

/** Leases that renew only the runs listed in `still`, and have `lapsed` to take back. */
function fakes(options: {
  still: string[];
  lapsed?: Array<{ runId: string; leaseVersion: number }>;
  fail?: boolean;
}) {
  const renewals: Array<{ owner: string; held: unknown; leaseMs: number }> = [];
  const queued: Array<{ jobs: readonly RunJob[]; tx: SqlExecutor }> = [];
  const leases = {
    async renew(owner, held, leaseMs) {
      if (options.fail) throw new Error('connection refused');
      renewals.push({ owner, held, leaseMs });
      return held.map((h) => h.runId).filter((id) => options.still.includes(id));
    },
    async reclaimLapsed() {
      return options.lapsed ?? [];
    },
  } as Partial<LeaseRepository> as LeaseRepository;
  const store = {
    leases,
    transaction: <T>(work: (t: StoreTransaction) => Promise<T>) => work({ sql: tx, leases }),
  };
  const queue = {
    async enqueue(jobs: readonly RunJob[], sql: SqlExecutor) {
      queued.push({ jobs, tx: sql });
    },
  } as Partial<RunQueue> as RunQueue;
  return { store, queue, renewals, queued };
}

describe('LeaseKeeper (a worker heartbeat)', () => {
  it('renews the leases of the runs it executes and reports the ones another process took', async () => {
    const { store, queue, renewals } = fakes({ still: ['a'] });
    const lost: string[][] = [];
    const keeper = new LeaseKeeper({
      store,
      queue,
      owner: 'w1',
      leaseMs: 3000,
      held: () => [
        { runId: 'a', leaseVersion: 2 },
        { runId: 'b', leaseVersion: 5 },
      ],
      onLost: (ids) => lost.push(ids),
      logger: silentLogger(),
    });
    expect(keeper.heartbeatMs).toBe(1000);
    await keeper.beat();
    expect(renewals).toEqual([
      {
        owner: 'w1',
        held: [
          { runId: 'a', leaseVersion: 2 },
          { runId: 'b', leaseVersion: 5 },
        ],
        leaseMs: 3000,
      },
    ]);
    expect(lost).toEqual([['b']]);
  });

  it('queues lapsed runs again, with their new lease version, in the transaction that took them back', async () => {
    const { store, queue, queued } = fakes({ still: [], lapsed: [{ runId: 'r9', leaseVersion: 4 }] });
    const keeper = new LeaseKeeper({
      store,
      queue,
      owner: 'w1',
      leaseMs: 3000,
      held: () => [],
      onLost: () => {},
      logger: silentLogger(),
    });
    expect(await keeper.beat()).toBe(1);
    expect(queued).toEqual([{ jobs: [{ kind: 'recover', runId: 'r9', leaseVersion: 4 }], tx }]);
  });

  it('keeps beating when the database does not answer', async () => {
    const { store, queue } = fakes({ still: [], fail: true });
    const lost: string[][] = [];
    const keeper = new LeaseKeeper({
      store,
      queue,
      owner: 'w1',
      leaseMs: 300,
      held: () => [{ runId: 'a', leaseVersion: 1 }],
      onLost: (ids) => lost.push(ids),
      logger: silentLogger(),
    });
    expect(await keeper.beat()).toBe(0);
    // Not being able to renew is not losing: the writes stay fenced either way.
    expect(lost).toEqual([]);
    expect(keeper.heartbeatMs).toBe(100);
  });
});
