import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, event, newRun, record } from '../testing/run-fixtures.ts';
import { eventually } from '../testing/test-app.ts';
import { storeFactories } from '../testing/test-stores.ts';
import type { AppliedWrites, Store } from './store.ts';

/** Leases lapse on the database's clock: poll for what follows. */
const until = <T>(check: () => Promise<T | undefined>) => eventually(check, 5000, 5);

describe.each(storeFactories)('run leases and transactions on $dialect', (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
    await store.runs.commit(
      batch({
        inserts: [
          newRun('queued'),
          newRun('running', { status: 'running', lastSeq: 3 }),
          newRun('waiting', { status: 'waiting', lastSeq: 4 }),
          newRun('done', { status: 'completed', lastSeq: 5 }),
        ],
      }),
    );
  });
  afterEach(async () => {
    await store.close();
  });

  it('claims a run: bumps its lease version and returns the row as it is after the claim', async () => {
    const lease = await store.leases.claim('running', 'w1');
    expect(lease).toEqual({ record: record('running', { status: 'running', lastSeq: 3 }), leaseVersion: 2 });
    expect(await store.leases.claim('missing', 'w1')).toBeUndefined();
    // Conditional on the version a job was queued with, and on the status.
    expect(await store.leases.claim('running', 'w2', { leaseVersion: 1 })).toBeUndefined();
    expect((await store.leases.claim('running', 'w2', { leaseVersion: 2 }))?.leaseVersion).toBe(3);
    expect(
      await store.leases.claim('done', 'w2', { statuses: ['queued', 'running', 'waiting'] }),
    ).toBeUndefined();
    const resumed = await store.leases.claim('waiting', 'api', { statuses: ['waiting'], status: 'queued' });
    expect(resumed?.record.status).toBe('queued');
    expect(
      await store.leases.claim('waiting', 'api', { statuses: ['waiting'], status: 'queued' }),
    ).toBeUndefined();
  });

  it('claims the runs of queued jobs only at their versions and statuses', async () => {
    const leases = await store.leases.claimAll(
      [
        { runId: 'queued', leaseVersion: 1 },
        { runId: 'running', leaseVersion: 7 },
        { runId: 'waiting', leaseVersion: 1 },
        { runId: 'done', leaseVersion: 1 },
      ],
      'w1',
      { statuses: ['queued', 'running'], leaseMs: 60_000 },
    );
    expect(leases.map((l) => [l.record.id, l.leaseVersion])).toEqual([['queued', 2]]);
    expect(await store.leases.claimAll([], 'w1', { statuses: ['queued'] })).toEqual([]);
  });

  it('renews only the leases the owner still holds, and takes back lapsed ones once', async () => {
    await store.leases.claim('queued', 'w1', { leaseMs: 60_000 });
    await store.leases.claim('running', 'w1', { leaseMs: 1 });
    await store.leases.claim('waiting', 'w1', { leaseMs: 1 });
    const held = [
      { runId: 'queued', leaseVersion: 2 },
      { runId: 'running', leaseVersion: 1 },
    ];
    expect(await store.leases.renew('w1', held, 60_000)).toEqual(['queued']);
    expect(await store.leases.renew('w2', held, 60_000)).toEqual([]);
    // `running` lapses (1 ms); the waiting run's lease lapses too but nobody executes a waiting run.
    const lapsed = await until(async () => {
      const taken = await store.leases.reclaimLapsed(10);
      return taken.length > 0 ? taken : undefined;
    });
    expect(lapsed).toEqual([{ runId: 'running', leaseVersion: 3 }]);
    expect(await store.leases.reclaimLapsed(10)).toEqual([]);
    // Back with the queue: no owner, no expiry, so it never lapses again before a worker claims it.
    expect(await store.leases.renew('w1', [{ runId: 'running', leaseVersion: 3 }], 1)).toEqual([]);
  });

  it('lets every lease of an owner lapse at once when it shuts down', async () => {
    await store.leases.claim('queued', 'w1', { leaseMs: 60_000 });
    await store.leases.claim('running', 'w1', { leaseMs: 60_000 });
    await store.leases.claim('waiting', 'w2', { leaseMs: 60_000 });
    expect(await store.leases.reclaimLapsed(10)).toEqual([]);
    expect(await store.leases.release('w1')).toBe(2);
    const taken = await store.leases.reclaimLapsed(10);
    expect(taken.map((t) => t.runId).sort()).toEqual(['queued', 'running']);
  });

  it('tells whether another process holds an unfinished run under a live lease', async () => {
    await store.leases.claim('running', 'w1', { leaseMs: 60_000 });
    await store.leases.claim('waiting', 'w1', { leaseMs: 60_000 });
    await store.leases.claim('queued', 'api');
    expect(await store.leases.heldElsewhere('running', 'api')).toBe(true);
    // Not by the asker itself, not a waiting run, not a lease that never lapses (no worker holds it).
    expect(await store.leases.heldElsewhere('running', 'w1')).toBe(false);
    expect(await store.leases.heldElsewhere('waiting', 'api')).toBe(false);
    expect(await store.leases.heldElsewhere('queued', 'w1')).toBe(false);
    expect(await store.leases.heldElsewhere('missing', 'api')).toBe(false);
    // Nor once the lease lapsed.
    await store.leases.claim('running', 'w2', { leaseMs: 1 });
    await until(async () => ((await store.leases.heldElsewhere('running', 'api')) ? undefined : true));
  });

  it('rolls a transaction back when its work throws', async () => {
    await expect(
      store.transaction(async (tx) => {
        expect((await tx.leases.claim('queued', 'w1'))?.leaseVersion).toBe(2);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await store.leases.claim('queued', 'w1'))?.leaseVersion).toBe(2);
    expect(await store.transaction(async (tx) => (await tx.sql.executeSql('select 1 as one')).rows)).toEqual([
      { one: 1 },
    ]);
  });

  it('runs the commit hook inside the commit, after the run writes, with what was applied', async () => {
    await store.leases.claim('running', 'other');
    let applied: AppliedWrites | undefined;
    await store.runs.commit(
      batch({
        updates: [
          { record: record('running', { status: 'running', lastSeq: 4 }), leaseVersion: 1 },
          { record: record('queued', { status: 'running', lastSeq: 1 }), leaseVersion: 1 },
        ],
        events: [event('running', 4), event('queued', 1)],
        inTransaction: async (tx, what) => {
          applied = what;
          const placeholder = store.dialect === 'postgres' ? '$1' : '?';
          const { rows } = await tx.executeSql(`select status from runs where id = ${placeholder}`, [
            'queued',
          ]);
          expect(rows).toEqual([{ status: 'running' }]);
        },
      }),
    );
    expect([...applied!.fenced]).toEqual(['running']);
    expect(applied!.events.map((e) => e.runId)).toEqual(['queued']);
    // A hook that throws takes the whole commit with it.
    await expect(
      store.runs.commit(
        batch({
          events: [event('queued', 2)],
          updates: [{ record: record('queued', { status: 'running', lastSeq: 2 }), leaseVersion: 1 }],
          inTransaction: async () => {
            throw new Error('queue down');
          },
        }),
      ),
    ).rejects.toThrow('queue down');
    expect((await store.runs.get('queued'))?.lastSeq).toBe(1);
    expect(await store.runs.events('queued', 0, 10)).toHaveLength(1);
  });

  it('reads the events of several runs at once, each in its range', async () => {
    await store.runs.commit(
      batch({
        events: [1, 2, 3, 4].flatMap((seq) => [event('queued', seq), event('running', seq)]),
        updates: [
          { record: record('queued', { lastSeq: 4 }), leaseVersion: 1 },
          { record: record('running', { status: 'running', lastSeq: 4 }), leaseVersion: 1 },
        ],
      }),
    );
    const events = await store.runs.eventsOf([
      { runId: 'queued', after: 2 },
      { runId: 'running', after: 0, upTo: 2 },
      { runId: 'done', after: 0 },
    ]);
    expect(events.map((e) => `${e.runId}:${e.seq}`)).toEqual([
      'queued:3',
      'queued:4',
      'running:1',
      'running:2',
    ]);
    expect(JSON.parse(events[0]!.json)).toMatchObject({ runId: 'queued', seq: 3, type: 'node.started' });
  });
});
