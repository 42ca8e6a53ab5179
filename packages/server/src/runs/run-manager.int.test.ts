import type { GraphDocument, RunEvent } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import type { Store } from '../storage/store.ts';
import { approvalGraph, eventually, threeNodeGraph } from '../testing/test-app.ts';
import { expectGapless } from '../testing/test-server.ts';
import { storeFactories } from '../testing/test-stores.ts';
import { createGates, createTestTools, type Gates } from '../testing/test-tools.ts';

/** `first` (counted) → `held` (a gate) → `last` (counted). */
const heldGraph = (gate: string): GraphDocument =>
  ({
    format: 'weft.graph/1',
    id: 'held',
    name: 'Held',
    nodes: [
      { id: 'first', tool: 'test.count' },
      { id: 'held', tool: 'test.gate', config: { name: gate } },
      { id: 'last', tool: 'test.count' },
    ],
    edges: [
      { id: 'e1', from: 'first', to: 'held' },
      { id: 'e2', from: 'held', to: 'last' },
    ],
  }) as GraphDocument;

describe.each(storeFactories)('RunManager on $dialect', (factory) => {
  let store: Store;
  let gates: Gates;
  const runtimes: Runtime[] = [];

  /** A server process, as far as runs go: its own manager, tools and call log, on the shared database. */
  const boot = (concurrency = 10) => {
    const testTools = createTestTools(gates);
    const runtime = createRuntime({
      store,
      tools: createBuiltinRegistry(testTools.tools),
      logger: silentLogger(),
      concurrency,
      maxNodes: 5000,
    });
    runtimes.push(runtime);
    return { ...runtime, calls: testTools.calls };
  };

  const events = async (runId: string) =>
    (await store.runs.events(runId, 0, 10_000)).map((e) => JSON.parse(e.json) as RunEvent);

  beforeEach(async () => {
    store = await factory.open();
    gates = createGates();
  });
  afterEach(async () => {
    for (const name of ['g', 'g2']) gates.open(name);
    for (const runtime of runtimes.splice(0)) await runtime.runs.close(1000);
    await store.close();
  });

  it('runs a graph to completion and stores its gapless events', async () => {
    const { runs } = boot();
    await store.graphs.create({
      document: threeNodeGraph() as GraphDocument,
      valid: true,
      errors: [],
      now: 1,
    });
    const accepted = await runs.start({ graphId: 'three' }, { x: 1 });
    const run = await accepted.done;
    expect(run).toMatchObject({ status: 'completed', state: { x: 1, a: 1, b: 2 }, graphVersion: 1 });
    expect(await store.runs.get(run.id)).toEqual(run);
    expectGapless(
      (await events(run.id)).map((e) => e.seq),
      0,
      run.lastSeq,
    );
    expect(await store.runs.checkpoint(run.id)).toBeUndefined();
  });

  it('waits for a human, keeps its checkpoint, and resumes', async () => {
    const { runs } = boot();
    const accepted = await runs.start({ document: approvalGraph() as GraphDocument });
    const waiting = await accepted.done;
    expect(waiting).toMatchObject({ status: 'waiting', pending: [{ nodeId: 'approve' }] });
    expect(await store.runs.checkpoint(waiting.id)).toMatchObject({
      runId: waiting.id,
      pending: [{ nodeId: 'approve' }],
    });
    const resumed = await runs.resume(waiting.id, 'approve', 'ok');
    expect(await resumed.done).toMatchObject({ status: 'completed', state: { approved: 'ok', done: true } });
    expectGapless(
      (await events(waiting.id)).map((e) => e.seq),
      0,
      (await store.runs.get(waiting.id))!.lastSeq,
    );
  });

  it('cancels a running run through its signal', async () => {
    const { runs } = boot();
    const accepted = await runs.start({ document: heldGraph('g') });
    await eventually(() => (gates.arrivals('g') > 0 ? true : undefined));
    const cancelled = await runs.cancel(accepted.record.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await events(cancelled.id)).at(-1)?.type).toBe('run.cancelled');
  });

  it('after a crash, a new process resumes the run from its checkpoint; completed nodes do not run again', async () => {
    const first = boot();
    const accepted = await first.runs.start({ document: heldGraph('g') });
    await eventually(() => (gates.arrivals('g') > 0 ? true : undefined));
    // The process dies: whatever it would still write is lost.
    await first.runs.batcher.close();

    const second = boot();
    expect(await second.runs.recover()).toBe(1);
    await eventually(() => (gates.arrivals('g') > 1 ? true : undefined));
    gates.open('g');
    const run = await eventually(async () => {
      const stored = await store.runs.get(accepted.record.id);
      return stored?.status === 'completed' ? stored : undefined;
    });
    expect(second.calls).toEqual(['held', 'last']);
    const stored = await events(run.id);
    expectGapless(
      stored.map((e) => e.seq),
      0,
      run.lastSeq,
    );
    expect(stored.filter((e) => e.type === 'node.completed' && e.nodeId === 'first')).toHaveLength(1);
    expect(stored.filter((e) => e.type === 'node.completed' && e.nodeId === 'held')).toHaveLength(1);
    expect(stored.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
  });

  it('fences a stale executor: once another process takes the run, the old one cannot write', async () => {
    const stale = boot();
    const accepted = await stale.runs.start({ document: heldGraph('g') });
    await eventually(() => (gates.arrivals('g') > 0 ? true : undefined));
    await stale.runs.batcher.durable();

    const fresh = boot();
    await fresh.runs.recover();
    await eventually(() => (gates.arrivals('g') > 1 ? true : undefined));
    // Both executors pass the gate; only the one holding the lease may write.
    gates.open('g');
    const run = await eventually(async () => {
      const stored = await store.runs.get(accepted.record.id);
      return stored?.status === 'completed' ? stored : undefined;
    });
    await stale.runs.batcher.durable();
    const stored = await events(run.id);
    expectGapless(
      stored.map((e) => e.seq),
      0,
      run.lastSeq,
    );
    expect(stored.filter((e) => e.type === 'node.completed' && e.nodeId === 'held')).toHaveLength(1);
    expect(stored.filter((e) => e.type === 'run.completed')).toHaveLength(1);
  });

  it('keeps waiting runs waiting across a restart, and restarts queued ones', async () => {
    const first = boot(1);
    const waiting = await (await first.runs.start({ document: approvalGraph() as GraphDocument })).done;
    const held = await first.runs.start({ document: heldGraph('g2') });
    const queued = await first.runs.start({ document: threeNodeGraph('queued') as GraphDocument });
    await eventually(() => (gates.arrivals('g2') > 0 ? true : undefined));
    expect(queued.record.status).toBe('queued');
    await first.runs.batcher.close();

    const second = boot(1);
    expect(await second.runs.recover()).toBe(2);
    expect((await store.runs.get(waiting.id))?.status).toBe('waiting');
    gates.open('g2');
    for (const id of [held.record.id, queued.record.id]) {
      await eventually(async () => ((await store.runs.get(id))?.status === 'completed' ? true : undefined));
    }
    expect((await events(queued.record.id))[0]?.type).toBe('run.started');
    const resumed = await second.runs.resume(waiting.id, 'approve', true);
    expect((await resumed.done).status).toBe('completed');
  });

  it('a resumed run whose answer was not yet executed resumes with it after a crash', async () => {
    const first = boot(1);
    const waiting = await (await first.runs.start({ document: approvalGraph() as GraphDocument })).done;
    await first.runs.start({ document: heldGraph('g') });
    await eventually(() => (gates.arrivals('g') > 0 ? true : undefined));
    const accepted = await first.runs.resume(waiting.id, 'approve', 'yes');
    await accepted.accepted;
    const queued = await store.runs.get(waiting.id);
    expect(queued?.status).toBe('queued');
    expect(queued?.pending).toMatchObject([{ nodeId: 'approve', answer: 'yes' }]);
    await first.runs.batcher.close();

    const second = boot(1);
    await second.runs.recover();
    gates.open('g');
    const done = await eventually(async () => {
      const stored = await store.runs.get(waiting.id);
      return stored?.status === 'completed' ? stored : undefined;
    });
    expect(done.state).toMatchObject({ approved: 'yes', done: true });
    expect(done.pending).toEqual([]);
    const stored = await events(waiting.id);
    expectGapless(
      stored.map((e) => e.seq),
      0,
      done.lastSeq,
    );
    expect(stored.filter((e) => e.type === 'run.waiting')).toHaveLength(1);
  });
});
