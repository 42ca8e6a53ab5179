import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvalGraph,
  createTestApp,
  eventually,
  expectError,
  type TestApp,
  threeNodeGraph,
} from '../../testing/test-app.ts';
import { createTestTools } from '../../testing/test-tools.ts';

let t: TestApp;
let testTools: ReturnType<typeof createTestTools>;
beforeEach(async () => {
  testTools = createTestTools();
  t = await createTestApp({ tools: testTools.tools, concurrency: 2 });
});
afterEach(async () => {
  for (const gate of ['g1', 'g2', 'g3']) testTools.gates.open(gate);
  await t.close();
});

const gateGraph = (id: string, gate: string) => ({
  format: 'weft.graph/1',
  id,
  name: id,
  nodes: [
    { id: 'hold', tool: 'test.gate', config: { name: gate } },
    { id: 'after', tool: 'core.set', config: { values: { after: true } } },
  ],
  edges: [{ id: 'e1', from: 'hold', to: 'after' }],
});

const RUN_KEYS = [
  'createdAt',
  'error',
  'finishedAt',
  'graphId',
  'graphVersion',
  'id',
  'input',
  'lastSeq',
  'pending',
  'startedAt',
  'state',
  'status',
];

describe('POST /api/graphs/:id/runs', () => {
  beforeEach(async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
  });

  it('with wait: true answers 200 with the finished run', async () => {
    const res = await t.call('POST', '/api/graphs/three/runs', { input: { x: 1 }, wait: true });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.run).sort()).toEqual(RUN_KEYS);
    expect(res.body.run).toMatchObject({
      graphId: 'three',
      graphVersion: 1,
      status: 'completed',
      input: { x: 1 },
      state: { x: 1, a: 1, b: 2 },
      error: null,
      pending: [],
    });
    expect(new Date(res.body.run.finishedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(res.body.run.startedAt).getTime(),
    );
  });

  it('without wait answers 202 with a stored run that then completes', async () => {
    const res = await t.call('POST', '/api/graphs/three/runs', {});
    expect(res.status).toBe(202);
    const id = res.body.run.id;
    expect((await t.call('GET', `/api/runs/${id}`)).status).toBe(200);
    const done = await eventually(async () => {
      const run = (await t.call('GET', `/api/runs/${id}`)).body.run;
      return run.status === 'completed' ? run : undefined;
    });
    expect(done.state).toEqual({ a: 1, b: 2 });
    const empty = await t.call('POST', '/api/graphs/three/runs');
    expect(empty.status).toBe(202);
  });

  it('runs an older version on request', async () => {
    await t.call('PUT', '/api/graphs/three', {
      ...threeNodeGraph(),
      nodes: threeNodeGraph().nodes.map((n) => (n.id === 'a' ? { ...n, config: { values: { a: 10 } } } : n)),
    });
    expect((await t.call('POST', '/api/graphs/three/runs', { wait: true })).body.run).toMatchObject({
      graphVersion: 2,
      state: { a: 10, b: 11 },
    });
    expect(
      (await t.call('POST', '/api/graphs/three/runs', { wait: true, version: 1 })).body.run,
    ).toMatchObject({
      graphVersion: 1,
      state: { a: 1, b: 2 },
    });
    expectError(await t.call('POST', '/api/graphs/three/runs', { version: 9 }), 404, 'VERSION_NOT_FOUND');
  });

  it('refuses unknown graphs, invalid drafts, bad bodies and input the reducers cannot take', async () => {
    expectError(await t.call('POST', '/api/graphs/nope/runs', {}), 404, 'GRAPH_NOT_FOUND');
    expectError(await t.call('POST', '/api/graphs/BAD%20ID/runs', {}), 404, 'GRAPH_NOT_FOUND');
    await t.call('POST', '/api/graphs?draft=true', {
      ...threeNodeGraph('draft'),
      edges: [{ id: 'x', from: 'a', to: 'zz' }],
    });
    const draft = await t.call('POST', '/api/graphs/draft/runs', {});
    expectError(draft, 400, 'INVALID_GRAPH');
    expect(draft.body.error.details[0].code).toBe('DANGLING_EDGE');
    expectError(await t.call('POST', '/api/graphs/three/runs', { wait: 'yes' }), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/graphs/three/runs', { inputs: {} }), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/graphs/three/runs', { version: -1 }), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/graphs/three/runs', '[1,'), 400, 'INVALID_JSON');
    await t.call('POST', '/api/graphs', {
      ...threeNodeGraph('summing'),
      state: { total: { reducer: 'sum', default: 0 } },
    });
    expectError(
      await t.call('POST', '/api/graphs/summing/runs', { input: { total: 'many' } }),
      400,
      'INVALID_INPUT',
    );
  });

  it('reports a failed run with its error', async () => {
    await t.call('POST', '/api/graphs', {
      format: 'weft.graph/1',
      id: 'failing',
      name: 'Failing',
      nodes: [{ id: 'boom', tool: 'core.fail', config: { code: 'NOPE', message: 'no way' } }],
      edges: [],
    });
    const res = await t.call('POST', '/api/graphs/failing/runs', { wait: true });
    expect(res.status).toBe(200);
    expect(res.body.run).toMatchObject({
      status: 'failed',
      error: { code: 'NOPE', message: 'no way', nodeId: 'boom' },
    });
  });
});

describe('POST /api/runs (unsaved documents)', () => {
  it('runs a document without saving it', async () => {
    const res = await t.call('POST', '/api/runs', {
      graph: threeNodeGraph('draft-doc'),
      input: { q: 1 },
      wait: true,
    });
    expect(res.body.run).toMatchObject({ graphId: 'draft-doc', graphVersion: null, status: 'completed' });
    expectError(await t.call('GET', '/api/graphs/draft-doc'), 404, 'GRAPH_NOT_FOUND');
    const accepted = await t.call('POST', '/api/runs', { graph: threeNodeGraph('draft-doc') });
    expect(accepted.status).toBe(202);
  });

  it('refuses an invalid document with every problem, and a body without a graph', async () => {
    const res = await t.call('POST', '/api/runs', { graph: { ...threeNodeGraph(), nodes: [] } });
    expectError(res, 400, 'INVALID_GRAPH');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expectError(await t.call('POST', '/api/runs', { input: 1 }), 400, 'INVALID_BODY');
  });
});

describe('GET /api/runs, /api/runs/:id and events', () => {
  it('lists newest first with filters, limit and cursor', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await t.call('POST', '/api/graphs/three/runs', { wait: true })).body.run.id);
    await t.call('POST', '/api/runs', { graph: threeNodeGraph('other'), wait: true });
    const first = await t.call('GET', '/api/runs?graphId=three&limit=2');
    expect(first.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.call('GET', `/api/runs?graphId=three&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await t.call('GET', '/api/runs')).body.runs).toHaveLength(6);
    expect((await t.call('GET', '/api/runs?status=failed')).body.runs).toHaveLength(0);
    expectError(await t.call('GET', '/api/runs?status=bogus'), 400, 'INVALID_QUERY');
    expectError(await t.call('GET', '/api/runs?limit=0'), 400, 'INVALID_QUERY');
    expectError(await t.call('GET', '/api/runs?limit=501'), 400, 'INVALID_QUERY');
  });

  it('serves one run and its stored events in seq order, after any seq', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    const run = (await t.call('POST', '/api/graphs/three/runs', { wait: true })).body.run;
    const all = (await t.call('GET', `/api/runs/${run.id}/events`)).body.events;
    expect(all.map((e: { seq: number }) => e.seq)).toEqual(
      Array.from({ length: run.lastSeq }, (_, i) => i + 1),
    );
    expect(all[0]).toMatchObject({ type: 'run.started', runId: run.id, seq: 1, ts: expect.any(Number) });
    expect(all.at(-1)).toMatchObject({ type: 'run.completed', state: { a: 1, b: 2 } });
    const tail = (await t.call('GET', `/api/runs/${run.id}/events?after=5&limit=2`)).body.events;
    expect(tail.map((e: { seq: number }) => e.seq)).toEqual([6, 7]);
    expect((await t.call('GET', `/api/runs/${run.id}/events?after=999`)).body.events).toEqual([]);
    expectError(await t.call('GET', `/api/runs/${run.id}/events?after=-1`), 400, 'INVALID_QUERY');
    expectError(await t.call('GET', '/api/runs/nope'), 404, 'RUN_NOT_FOUND');
    expectError(await t.call('GET', '/api/runs/nope/events'), 404, 'RUN_NOT_FOUND');
  });
});

describe('POST /api/runs/:id/cancel', () => {
  it('cancels a running run, then refuses a second cancel', async () => {
    await t.call('POST', '/api/graphs', gateGraph('held', 'g1'));
    const run = (await t.call('POST', '/api/graphs/held/runs', {})).body.run;
    await eventually(() => (testTools.gates.arrivals('g1') > 0 ? true : undefined));
    const res = await t.call('POST', `/api/runs/${run.id}/cancel`);
    expect(res).toMatchObject({ status: 200, body: { run: { id: run.id, status: 'cancelled' } } });
    expectError(await t.call('POST', `/api/runs/${run.id}/cancel`), 409, 'RUN_FINISHED');
    expectError(await t.call('POST', '/api/runs/nope/cancel'), 404, 'RUN_NOT_FOUND');
    const events = (await t.call('GET', `/api/runs/${run.id}/events`)).body.events;
    expect(events.at(-1).type).toBe('run.cancelled');
  });

  it('queues runs beyond the concurrency limit and cancels a queued one', async () => {
    await t.call('POST', '/api/graphs', gateGraph('held', 'g2'));
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await t.call('POST', '/api/graphs/held/runs', {})).body.run);
    expect(runs[2].status).toBe('queued');
    expect(await t.runs.queueDepth()).toBe(1);
    const cancelled = await t.call('POST', `/api/runs/${runs[2].id}/cancel`);
    expect(cancelled.body.run.status).toBe('cancelled');
    expect((await t.call('GET', `/api/runs/${runs[2].id}/events`)).body.events).toEqual([
      expect.objectContaining({ seq: 1, type: 'run.cancelled' }),
    ]);
    testTools.gates.open('g2');
    for (const run of runs.slice(0, 2)) {
      await eventually(async () =>
        (await t.call('GET', `/api/runs/${run.id}`)).body.run.status === 'completed' ? true : undefined,
      );
    }
  });

  it('cancels a waiting run', async () => {
    await t.call('POST', '/api/graphs', approvalGraph());
    const run = (await t.call('POST', '/api/graphs/approval/runs', { wait: true })).body.run;
    expect(run.status).toBe('waiting');
    expect((await t.call('POST', `/api/runs/${run.id}/cancel`)).body.run).toMatchObject({
      status: 'cancelled',
      pending: [],
    });
    expectError(
      await t.call('POST', `/api/runs/${run.id}/resume`, { nodeId: 'approve', value: true }),
      409,
      'NOT_WAITING',
    );
  });
});

describe('POST /api/runs/:id/resume', () => {
  it('resumes a waiting run with a value', async () => {
    await t.call('POST', '/api/graphs', approvalGraph());
    const waiting = (await t.call('POST', '/api/graphs/approval/runs', { wait: true })).body.run;
    expect(waiting).toMatchObject({
      status: 'waiting',
      pending: [{ nodeId: 'approve', visit: 1, payload: { prompt: 'Publish?' } }],
    });
    const done = await t.call('POST', `/api/runs/${waiting.id}/resume`, {
      nodeId: 'approve',
      value: 'yes',
      wait: true,
    });
    expect(done).toMatchObject({
      status: 200,
      body: { run: { status: 'completed', state: { approved: 'yes', done: true } } },
    });
    const events = (await t.call('GET', `/api/runs/${waiting.id}/events`)).body.events;
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events.map((e: { type: string }) => e.type)).toContain('run.resumed');
  });

  it('answers 202 without wait, and refuses what cannot be resumed', async () => {
    await t.call('POST', '/api/graphs', approvalGraph());
    const waiting = (await t.call('POST', '/api/graphs/approval/runs', { wait: true })).body.run;
    expectError(
      await t.call('POST', `/api/runs/${waiting.id}/resume`, { nodeId: 'done', value: 1 }),
      409,
      'NOT_WAITING',
    );
    expectError(await t.call('POST', `/api/runs/${waiting.id}/resume`, { value: 1 }), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/runs/nope/resume', { nodeId: 'approve' }), 404, 'RUN_NOT_FOUND');
    const accepted = await t.call('POST', `/api/runs/${waiting.id}/resume`, {
      nodeId: 'approve',
      value: true,
    });
    expect(accepted.status).toBe(202);
    await eventually(async () =>
      (await t.call('GET', `/api/runs/${waiting.id}`)).body.run.status === 'completed' ? true : undefined,
    );
    expectError(
      await t.call('POST', `/api/runs/${waiting.id}/resume`, { nodeId: 'approve', value: true }),
      409,
      'NOT_WAITING',
    );
  });
});
