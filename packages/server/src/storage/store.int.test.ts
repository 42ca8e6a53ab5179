import type { Checkpoint, GraphDocument } from '@weft/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, event, newRun, record } from '../testing/run-fixtures.ts';
import { storeFactories } from '../testing/test-stores.ts';
import { runIdFloor } from './run-id.ts';
import type { Store } from './store.ts';

const doc = (id: string, name = id): GraphDocument => ({
  format: 'weft.graph/1',
  id,
  name,
  nodes: [{ id: 'a', tool: 'core.pass' }],
  edges: [],
});

const checkpoint = (runId: string, seq: number): Checkpoint => ({
  version: 1,
  runId,
  graphId: 'g',
  seq,
  steps: seq,
  input: null,
  state: { n: seq },
  visits: {},
  joins: {},
  backlog: {},
  held: {},
  loops: {},
  frontier: [],
  pending: [],
});

const withCheckpoint = (runId: string, seq: number) => {
  const cp = checkpoint(runId, seq);
  return { runId, checkpoint: cp, json: JSON.stringify(cp) };
};

describe.each(storeFactories)('Store on $dialect', (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
  });

  describe('graphs', () => {
    it('creates version 1 and refuses a second graph with the same id', async () => {
      expect(await store.graphs.create({ document: doc('g'), valid: true, errors: [], now: 10 })).toEqual({
        version: 1,
      });
      expect(await store.graphs.create({ document: doc('g'), valid: true, errors: [], now: 11 })).toBe(
        'exists',
      );
      expect(await store.graphs.count()).toBe(1);
    });

    it('saves immutable versions and reads the latest or any one of them', async () => {
      await store.graphs.create({ document: doc('g', 'first'), valid: true, errors: [], now: 10 });
      const problem = { path: 'nodes', code: 'NO_ENTRY' as const, message: 'none' };
      expect(
        await store.graphs.save({ document: doc('g', 'second'), valid: false, errors: [problem], now: 20 }),
      ).toEqual({ version: 2 });
      const latest = await store.graphs.get('g');
      expect(latest).toMatchObject({
        id: 'g',
        version: 2,
        valid: false,
        errors: [problem],
        createdAt: 10,
        updatedAt: 20,
      });
      expect(latest?.document.name).toBe('second');
      const first = await store.graphs.getVersion('g', 1);
      expect(first).toMatchObject({ version: 1, valid: true, errors: [], createdAt: 10, updatedAt: 10 });
      expect(first?.document).toEqual(doc('g', 'first'));
      expect(await store.graphs.getVersion('g', 3)).toBeUndefined();
      expect(await store.graphs.head('g')).toEqual({ version: 2, updatedAt: 20 });
      expect(await store.graphs.head('nope')).toBeUndefined();
      expect(await store.graphs.versions('g')).toEqual([
        { version: 2, name: 'second', valid: false, createdAt: 20 },
        { version: 1, name: 'first', valid: true, createdAt: 10 },
      ]);
    });

    it('keeps the key order of a stored document', async () => {
      const document = { ...doc('g'), output: ['z', 'a'], description: 'last key' };
      await store.graphs.create({ document, valid: true, errors: [], now: 1 });
      expect(Object.keys((await store.graphs.get('g'))!.document)).toEqual(Object.keys(document));
    });

    it('hands out distinct versions to concurrent saves', async () => {
      await store.graphs.create({ document: doc('g'), valid: true, errors: [], now: 1 });
      const saved = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.graphs.save({ document: doc('g'), valid: true, errors: [], now: i }),
        ),
      );
      const versions = saved.map((s) => (s === 'not-found' ? 0 : s.version)).sort((a, b) => a - b);
      expect(versions).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('answers not-found and undefined for unknown graphs', async () => {
      expect(await store.graphs.save({ document: doc('nope'), valid: true, errors: [], now: 1 })).toBe(
        'not-found',
      );
      expect(await store.graphs.get('nope')).toBeUndefined();
      expect(await store.graphs.versions('nope')).toBeUndefined();
      expect(await store.graphs.delete('nope')).toBe(false);
    });

    it('lists graphs with their latest version and last run; deleting keeps the runs', async () => {
      await store.graphs.create({ document: doc('a'), valid: true, errors: [], now: 1 });
      await store.graphs.create({ document: doc('b'), valid: false, errors: [], now: 2 });
      await store.runs.commit(
        batch({
          inserts: [newRun('r1', { graphId: 'a' }), newRun('r2', { graphId: 'a', status: 'completed' })],
        }),
      );
      const list = await store.graphs.list();
      expect(list.map((g) => g.id)).toEqual(['b', 'a']);
      expect(list[1]).toMatchObject({
        id: 'a',
        version: 1,
        valid: true,
        lastRun: { id: 'r2', status: 'completed', createdAt: 1000 },
      });
      expect(list[0]).toMatchObject({ id: 'b', valid: false, lastRun: null });
      expect(await store.graphs.delete('a')).toBe(true);
      expect(await store.graphs.get('a')).toBeUndefined();
      expect(await store.graphs.getVersion('a', 1)).toBeUndefined();
      expect(await store.runs.get('r1')).toMatchObject({ id: 'r1', graphId: 'a' });
      expect(await store.graphs.create({ document: doc('a'), valid: true, errors: [], now: 3 })).toEqual({
        version: 1,
      });
    });
  });

  describe('runs', () => {
    it('writes a run, its events and its checkpoint in one commit', async () => {
      const events = [event('r1', 1, 'run.started'), event('r1', 2), event('r1', 3, 'node.completed')];
      const result = await store.runs.commit(
        batch({
          inserts: [newRun('r1', { status: 'running', lastSeq: 3, startedAt: 1001 })],
          events,
          checkpoints: [withCheckpoint('r1', 3)],
        }),
      );
      expect(result.fenced).toEqual([]);
      expect(await store.runs.get('r1')).toEqual(
        record('r1', { status: 'running', lastSeq: 3, startedAt: 1001 }),
      );
      expect(await store.runs.events('r1', 0, 100)).toEqual(events);
      expect(await store.runs.events('r1', 1, 1)).toEqual([events[1]]);
      expect(await store.runs.checkpoint('r1')).toEqual(checkpoint('r1', 3));
      expect(await store.runs.checkpoint('r2')).toBeUndefined();
    });

    it('stores the document of a run of an unsaved graph', async () => {
      await store.runs.commit(batch({ inserts: [newRun('r1', { graphVersion: null }, doc('draft'))] }));
      expect(await store.runs.document('r1')).toEqual(doc('draft'));
      expect((await store.runs.get('r1'))?.graphVersion).toBeNull();
    });

    it('rejects a duplicate event seq and applies nothing of that commit', async () => {
      await store.runs.commit(batch({ inserts: [newRun('r1')], events: [event('r1', 1)] }));
      await expect(
        store.runs.commit(
          batch({
            inserts: [newRun('r2')],
            events: [event('r2', 1), event('r1', 1)],
            checkpoints: [withCheckpoint('r2', 1)],
          }),
        ),
      ).rejects.toThrow();
      expect(await store.runs.get('r2')).toBeUndefined();
      expect(await store.runs.events('r2', 0, 10)).toEqual([]);
      expect(await store.runs.checkpoint('r2')).toBeUndefined();
    });

    it('updates runs, replaces checkpoints and drops them when the run ends', async () => {
      await store.runs.commit(batch({ inserts: [newRun('r1')], checkpoints: [withCheckpoint('r1', 1)] }));
      await store.runs.commit(
        batch({
          updates: [
            {
              record: record('r1', {
                status: 'waiting',
                lastSeq: 4,
                pending: [{ nodeId: 'a', visit: 1, payload: { q: 1 } }],
              }),
              leaseVersion: 1,
            },
          ],
          checkpoints: [withCheckpoint('r1', 4)],
        }),
      );
      expect(await store.runs.checkpoint('r1')).toEqual(checkpoint('r1', 4));
      expect((await store.runs.get('r1'))?.pending).toEqual([{ nodeId: 'a', visit: 1, payload: { q: 1 } }]);
      const done = record('r1', {
        status: 'failed',
        error: { code: 'X', message: 'y', nodeId: 'a' },
        finishedAt: 3000,
        lastSeq: 5,
      });
      await store.runs.commit(
        batch({ updates: [{ record: done, leaseVersion: 1 }], dropCheckpoints: ['r1'] }),
      );
      expect(await store.runs.get('r1')).toEqual(done);
      expect(await store.runs.checkpoint('r1')).toBeUndefined();
    });

    it('fences the writes of an executor that lost its lease', async () => {
      await store.runs.commit(batch({ inserts: [newRun('r1'), newRun('r2')] }));
      expect((await store.leases.claim('r1', 'other'))?.leaseVersion).toBe(2);
      expect(await store.leases.claim('missing', 'other')).toBeUndefined();
      const result = await store.runs.commit(
        batch({
          updates: [
            { record: record('r1', { status: 'running', lastSeq: 1 }), leaseVersion: 1 },
            { record: record('r2', { status: 'running', lastSeq: 1 }), leaseVersion: 1 },
          ],
          events: [event('r1', 1), event('r2', 1)],
          checkpoints: [withCheckpoint('r1', 1), withCheckpoint('r2', 1)],
        }),
      );
      expect(result.fenced).toEqual(['r1']);
      expect((await store.runs.get('r1'))?.status).toBe('queued');
      expect(await store.runs.events('r1', 0, 10)).toEqual([]);
      expect(await store.runs.checkpoint('r1')).toBeUndefined();
      expect((await store.runs.get('r2'))?.status).toBe('running');
      expect(await store.runs.events('r2', 0, 10)).toHaveLength(1);
    });

    it('writes large batches in chunks', async () => {
      const inserts = Array.from({ length: 300 }, (_, i) => newRun(`r${String(i).padStart(4, '0')}`));
      const events = inserts.flatMap((r) => Array.from({ length: 30 }, (_, s) => event(r.record.id, s + 1)));
      await store.runs.commit(batch({ inserts, events }));
      expect(await store.runs.events('r0299', 0, 100)).toHaveLength(30);
    });

    it('lists runs newest first with filters and a cursor', async () => {
      await store.runs.commit(
        batch({
          inserts: [
            newRun('r1', { graphId: 'a', status: 'completed' }),
            newRun('r2', { graphId: 'b', status: 'failed' }),
            newRun('r3', { graphId: 'a', status: 'completed' }),
            newRun('r4', { graphId: 'a', status: 'running' }),
          ],
        }),
      );
      const first = await store.runs.list({ limit: 2 });
      expect(first.runs.map((r) => r.id)).toEqual(['r4', 'r3']);
      expect(first.nextCursor).not.toBeNull();
      const second = await store.runs.list({ limit: 2, cursor: first.nextCursor! });
      expect(second.runs.map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(second.nextCursor).toBeNull();
      expect((await store.runs.list({ limit: 10, graphId: 'a' })).runs.map((r) => r.id)).toEqual([
        'r4',
        'r3',
        'r1',
      ]);
      expect(
        (await store.runs.list({ limit: 10, status: 'completed', graphId: 'a' })).runs.map((r) => r.id),
      ).toEqual(['r3', 'r1']);
      expect((await store.runs.unfinished()).map((r) => r.id)).toEqual(['r4']);
    });

    it('prunes finished runs by age and by count per graph, with their events', async () => {
      // Ids made at those times (run ids are UUIDv7s: they sort by creation time).
      const at = (createdAt: number) => ({
        createdAt,
        id: `${runIdFloor(createdAt).slice(0, -3)}${String(createdAt % 1000).padStart(3, '0')}`,
      });
      const runs = [
        newRun('', { graphId: 'a', status: 'completed', ...at(100) }),
        newRun('', { graphId: 'a', status: 'completed', ...at(200) }),
        newRun('', { graphId: 'a', status: 'waiting', ...at(50) }),
        newRun('', { graphId: 'a', status: 'failed', ...at(300) }),
        newRun('', { graphId: 'a', status: 'cancelled', ...at(400) }),
        newRun('', { graphId: 'b', status: 'completed', ...at(500) }),
      ];
      const [r1, r2, r3, r4, r5, r6] = runs.map((r) => r.record.id);
      await store.runs.commit(batch({ inserts: runs, events: runs.map((r) => event(r.record.id, 1)) }));
      expect(await store.runs.prune({ createdBefore: 150 })).toBe(1);
      expect(await store.runs.get(r1!)).toBeUndefined();
      expect(await store.runs.events(r1!, 0, 10)).toEqual([]);
      expect(await store.runs.get(r3!)).toMatchObject({ id: r3 });
      expect(await store.runs.prune({ keepPerGraph: 2 })).toBe(1);
      expect(await store.runs.get(r2!)).toBeUndefined();
      const left = (await store.runs.list({ limit: 10 })).runs.map((r) => r.id);
      expect(left.sort()).toEqual([r3, r4, r5, r6].sort());
    });
  });

  it('keeps settings in meta', async () => {
    expect(await store.meta.get('k')).toBeUndefined();
    await store.meta.set('k', 'v1');
    await store.meta.set('k', 'v2');
    expect(await store.meta.get('k')).toBe('v2');
    await store.ping();
  });
});
