import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.ts';
import { openStore } from '../storage/open-store.ts';
import type { Store, StoredEvent } from '../storage/store.ts';
import { batch, event, newRun, record } from '../testing/run-fixtures.ts';
import { eventually } from '../testing/test-app.ts';
import { randomSchema, TEST_POSTGRES_URL } from '../testing/test-stores.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';
import { clusterChannels, PostgresListener } from './postgres-listener.ts';

type Bus = ReturnType<typeof createPostgresEventBus>;
const logger = silentLogger();
let schema: string;
let store: Store;
let opened: Array<{ bus: Bus; listener: PostgresListener }>;

/** One process's bus: its own listening connection, on the shared database. */
async function processBus(writer: string): Promise<Bus> {
  const listener = new PostgresListener({ url: TEST_POSTGRES_URL, logger, reconnectMs: 50 });
  await listener.start();
  const bus = createPostgresEventBus({
    listener,
    channel: clusterChannels(schema).events,
    runs: store.runs,
    writer,
    logger,
  });
  await bus.start();
  opened.push({ bus, listener });
  return bus;
}

/** What a process's group commit does: write the events, notify in the transaction, publish locally. */
async function commit(bus: Bus, runId: string, seqs: number[]): Promise<void> {
  const events = seqs.map((seq) => event(runId, seq));
  await store.runs.commit(
    batch({
      events,
      updates: [{ record: record(runId, { status: 'running', lastSeq: seqs.at(-1)! }), leaseVersion: 1 }],
      inTransaction: (tx, applied) => bus.notifyInTransaction!(applied.events, tx),
    }),
  );
  bus.publish(events);
}

const seqsOf = (events: StoredEvent[]) => events.map((e) => e.seq);

beforeEach(async () => {
  schema = randomSchema();
  store = await openStore({ database: TEST_POSTGRES_URL, schema, dropSchemaOnClose: true });
  await store.runs.commit(batch({ inserts: [newRun('r1'), newRun('r2')] }));
  opened = [];
});
afterEach(async () => {
  for (const { bus, listener } of opened) {
    bus.close();
    await listener.close();
  }
  await store.close();
});

describe('PostgreSQL event bus', () => {
  it('carries committed events to other processes in seq order, reading them from the events table', async () => {
    const a = await processBus('a');
    const b = await processBus('b');
    const seenByA: StoredEvent[] = [];
    const seenByB: StoredEvent[] = [];
    a.subscribe('r1', (e) => seenByA.push(e));
    b.subscribe('r1', (e) => seenByB.push(e));
    expect(b.watchedRuns).toBe(1);
    await commit(a, 'r1', [1, 2, 3]);
    await commit(a, 'r2', [1]);
    await commit(a, 'r1', [4, 5]);
    await eventually(() => (seenByB.length === 5 ? true : undefined));
    expect(seqsOf(seenByB)).toEqual([1, 2, 3, 4, 5]);
    expect(seqsOf(seenByA)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.parse(seenByB[0]!.json)).toMatchObject({ runId: 'r1', seq: 1, type: 'node.started' });
  });

  it('never delivers out of order when its own commit follows another process’s', async () => {
    const a = await processBus('a');
    const b = await processBus('b');
    const seen: number[] = [];
    b.subscribe('r1', (e) => seen.push(e.seq));
    b.publish([event('r1', 1)]);
    // Another process took the run over and wrote 2–3; then this one writes 4 (it holds it again).
    await commit(a, 'r1', [2, 3]);
    await commit(b, 'r1', [4]);
    await eventually(() => (seen.length === 4 ? true : undefined));
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('tells a process which runs other processes wrote, and not its own', async () => {
    const a = await processBus('a');
    const b = await processBus('b');
    const remote: string[][] = [];
    const own: string[][] = [];
    b.onRemoteCommit!((ids) => remote.push([...ids]));
    a.onRemoteCommit!((ids) => own.push([...ids]));
    await commit(a, 'r2', [1, 2]);
    await eventually(() => (remote.length === 1 ? true : undefined));
    expect(remote).toEqual([['r2']]);
    expect(own).toEqual([]);
  });

  it('reads what it missed while its listening connection was down', async () => {
    const a = await processBus('a');
    const b = await processBus('b');
    const seen: number[] = [];
    b.subscribe('r1', (e) => seen.push(e.seq));
    await commit(a, 'r1', [1]);
    await eventually(() => (seen.length === 1 ? true : undefined));
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      // Both listeners of this test's channel go; events committed meanwhile are announced to nobody.
      const { rowCount } = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'weft-listener' and query like $1`,
        [`%${schema}.weft_events%`],
      );
      expect(rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await commit(a, 'r1', [2, 3]);
    await eventually(() => (seen.length === 3 ? true : undefined));
    expect(seen).toEqual([1, 2, 3]);
  });
});
