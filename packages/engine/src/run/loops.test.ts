import { describe, expect, it } from 'vitest';
import {
  compute,
  createTestTools,
  edge,
  graph,
  node,
  runAndRecord,
  setter,
} from '../testing/graph-fixtures.ts';

describe('loops (DESIGN §3.5)', () => {
  it('counts to 10 with a self-loop, then leaves through the else edge once', async () => {
    const run = await runAndRecord(
      graph({
        state: { n: { default: 0 } },
        nodes: [compute('count', { n: 'state.n + 1' }), setter('done', { finished: true })],
        edges: [edge('count>count', { when: 'state.n < 10' }), edge('count>done', { else: true })],
      }),
    );
    expect(run.result.state).toEqual({ n: 10, finished: true });
    expect(run.completed.filter((id) => id === 'count')).toHaveLength(10);
    expect(run.completed.filter((id) => id === 'done')).toHaveLength(1);
    // The exit is not reported dead in the iterations that loop: it settles once, when the loop ends.
    expect(run.skipped).toEqual([]);
    expect(run.trace.filter((t) => t === 'edge.fired count-count')).toHaveLength(9);
    const visits = run.events
      .filter((e) => e.type === 'node.completed' && e.nodeId === 'count')
      .map((e) => (e as { visit: number }).visit);
    expect(visits).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('iterates a two-node loop', async () => {
    const run = await runAndRecord(
      graph({
        state: { n: { default: 0 }, log: { reducer: 'append', default: [] } },
        nodes: [compute('work', { n: 'state.n + 1' }), compute('check', { log: 'state.n' }), setter('after')],
        edges: [
          edge('work>check'),
          edge('check>work', { when: 'state.n < 4' }),
          edge('check>after', { else: true }),
        ],
      }),
    );
    expect(run.result.state).toEqual({ n: 4, log: [1, 2, 3, 4] });
    expect(run.completed).toEqual([
      'work',
      'check',
      'work',
      'check',
      'work',
      'check',
      'work',
      'check',
      'after',
    ]);
  });

  it('runs nested loops: outer 3 × inner 2', async () => {
    const run = await runAndRecord(
      graph({
        state: { i: { default: 0 }, j: { default: 0 }, pairs: { reducer: 'append', default: [] } },
        nodes: [
          compute('outer', { i: 'state.i + 1', j: '0' }),
          compute('inner', { j: 'state.j + 1' }),
          compute('record', { pairs: "string(state.i) + ':' + string(state.j)" }),
          setter('innerDone'),
          setter('end', { done: true }),
        ],
        edges: [
          edge('outer>inner'),
          edge('inner>record'),
          edge('record>inner', { when: 'state.j < 2' }),
          edge('record>innerDone', { else: true }),
          edge('innerDone>outer', { when: 'state.i < 3' }),
          edge('innerDone>end', { else: true }),
        ],
      }),
    );
    expect(run.result.state.pairs).toEqual(['1:1', '1:2', '2:1', '2:2', '3:1', '3:2']);
    expect(run.result.state.done).toBe(true);
    expect(run.completed.filter((id) => id === 'inner')).toHaveLength(6);
    expect(run.completed.filter((id) => id === 'innerDone')).toHaveLength(3);
    expect(run.completed.filter((id) => id === 'end')).toHaveLength(1);
  });

  it('joins two parallel branches inside the loop body before the back edge, every iteration', async () => {
    const run = await runAndRecord(
      graph({
        state: { round: { default: 0 }, seen: { reducer: 'append', default: [] } },
        nodes: [
          compute('head', { round: 'state.round + 1' }),
          compute('left', { seen: "'L' + string(state.round)" }),
          compute('right', { seen: "'R' + string(state.round)" }),
          setter('join'),
          setter('exit', { done: true }),
        ],
        edges: [
          edge('head>left'),
          edge('head>right'),
          edge('left>join'),
          edge('right>join'),
          edge('join>head', { when: 'state.round < 3' }),
          edge('join>exit', { else: true }),
        ],
      }),
    );
    expect(run.completed.filter((id) => id === 'join')).toHaveLength(3);
    expect(run.result.state.round).toBe(3);
    expect([...(run.result.state.seen as string[])].sort()).toEqual(['L1', 'L2', 'L3', 'R1', 'R2', 'R3']);
    // Each iteration's join waits for both branches of that iteration.
    const order = run.completed.filter((id) => id !== 'exit');
    expect(order).toHaveLength(12);
    for (let k = 0; k < 3; k++) {
      const iteration = order.slice(k * 4, k * 4 + 4);
      expect(iteration[0]).toBe('head');
      expect(iteration[3]).toBe('join');
    }
  });

  it('fails the run with LOOP_LIMIT when a node exceeds maxVisits', async () => {
    const run = await runAndRecord(
      graph({
        state: { n: { default: 0 } },
        nodes: [compute('spin', { n: 'state.n + 1' }, { maxVisits: 5 })],
        edges: [edge('spin>spin')],
      }),
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error).toMatchObject({ code: 'LOOP_LIMIT', nodeId: 'spin' });
    expect(run.result.state.n).toBe(5);
    expect(run.trace.at(-1)).toBe('run.failed');
  });

  it('routes LOOP_LIMIT through an onError edge', async () => {
    const run = await runAndRecord(
      graph({
        state: { n: { default: 0 } },
        nodes: [
          compute('spin', { n: 'state.n + 1' }, { maxVisits: 3 }),
          compute('rescue', { rescued: 'state.n' }),
        ],
        edges: [
          edge('spin>spin'),
          edge('spin>rescue', { onError: true, when: "error.code == 'LOOP_LIMIT'" }),
        ],
      }),
    );
    expect(run.result.status).toBe('completed');
    expect(run.result.state).toEqual({ n: 3, rescued: 3 });
  });

  it('bounds the whole run with limits.maxSteps', async () => {
    const run = await runAndRecord(
      graph({
        limits: { maxSteps: 7 },
        nodes: [compute('a', { n: '1' }, { maxVisits: 1000 }), setter('b')],
        edges: [edge('a>b'), edge('b>a')],
      }),
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error?.code).toBe('MAX_STEPS');
    expect(run.completed).toHaveLength(7);
  });

  it('starts the next iteration only when the previous one has quiesced', async () => {
    const { registry } = createTestTools();
    const run = await runAndRecord(
      graph({
        state: { k: { default: 0 } },
        nodes: [
          compute('head', { k: 'state.k + 1' }),
          node('slow', 'test.sleep', { ms: 30, values: {} }),
          setter('fast'),
          setter('tail'),
        ],
        // `fast` reaches the back edge at once while `slow`, a body node, is still running.
        edges: [
          edge('head>slow'),
          edge('head>fast'),
          edge('slow>tail'),
          edge('fast>tail'),
          edge('tail>head', { when: 'state.k < 2' }),
        ],
      }),
      { tools: registry },
    );
    expect(run.result.state.k).toBe(2);
    const headStarts = run.events
      .filter((e) => e.type === 'node.started' && e.nodeId === 'head')
      .map((e) => e.seq);
    const slowDone = run.events
      .filter((e) => e.type === 'node.completed' && e.nodeId === 'slow')
      .map((e) => e.seq);
    expect(headStarts[1]).toBeGreaterThan(slowDone[0]!);
  });

  it('never runs a node beside itself: an activation that arrives while it runs waits its turn', async () => {
    const { registry } = createTestTools();
    let running = 0;
    let overlap = false;
    const run = await runAndRecord(
      graph({
        state: { k: { default: 0 } },
        // Every iteration of `tick` fires `slow`, which takes longer than an iteration.
        nodes: [
          setter('start'),
          compute('tick', { k: 'state.k + 1' }),
          node('slow', 'test.sleep', { ms: 10 }),
        ],
        edges: [edge('start>tick'), edge('tick>tick', { when: 'state.k < 3' }), edge('tick>slow')],
      }),
      {
        tools: registry,
        onEvent: (e) => {
          if (e.type === 'node.started' && e.nodeId === 'slow') overlap ||= ++running > 1;
          if (e.type === 'node.completed' && e.nodeId === 'slow') running--;
        },
      },
    );
    expect(run.result.status).toBe('completed');
    expect(overlap).toBe(false);
    expect(run.completed.filter((id) => id === 'slow')).toHaveLength(3);
  });

  it('runs a loop entered again while it is still going once more after it ends, whatever the timing', async () => {
    const { registry } = createTestTools();
    const build = (ms: number) =>
      graph({
        state: { trail: { reducer: 'append', default: [] } },
        nodes: [
          compute('outer', { trail: "'o'" }),
          node('inner', 'test.sleep', { ms, values: { trail: 'i' } }, { maxVisits: 10 }),
        ],
        edges: [
          edge('outer>outer', { when: 'size(state.trail) < 2' }),
          edge('outer>inner'),
          edge('inner>inner', { when: 'visit < 3' }),
        ],
      });
    const fast = await runAndRecord(build(0), { tools: registry });
    const slow = await runAndRecord(build(15), { tools: registry });
    expect(fast.result.status).toBe('completed');
    expect(slow.result.status).toBe('completed');
    const innerVisits = (r: typeof fast) =>
      r.events
        .filter((e) => e.type === 'node.completed' && e.nodeId === 'inner')
        .map((e) => (e as { visit: number }).visit);
    expect(innerVisits(slow)).toEqual(innerVisits(fast));
    expect(innerVisits(fast)).toEqual([1, 2, 3, 4]);
  });
});
