import { describe, expect, it } from 'vitest';
import type { RunEventBody } from '../events.ts';
import { compileGraph } from '../graph/compile-graph.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { edge, graph, setter } from '../testing/graph-fixtures.ts';
import { coreTools } from '../tools/core-tools.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { type Activation, RunPlan } from './plan.ts';

const tools = createToolRegistry(coreTools);

/** Drives a plan by hand: no tools run, no time passes; the test decides what completes and when. */
function drive(doc: GraphDocument) {
  const compiled = compileGraph(doc, tools);
  const events: string[] = [];
  const ready: Activation[] = [];
  const plan = new RunPlan(compiled, compiled.initialState, null, {
    event: (e: RunEventBody) =>
      events.push(
        'edgeId' in e ? `${e.type} ${e.edgeId}` : `${e.type} ${'nodeId' in e ? e.nodeId : ''}`.trim(),
      ),
    ready: (act) => ready.push(act),
  });
  const take = (id: string): Activation => {
    const index = ready.findIndex((a) => a.node.id === id);
    if (index < 0) throw new Error(`${id} is not ready; ready: ${ready.map((a) => a.node.id).join(', ')}`);
    return ready.splice(index, 1)[0]!;
  };
  const readyIds = () => ready.map((a) => `${a.node.id}#${a.visit}`);
  return { plan, events, take, readyIds };
}

describe('RunPlan, driven synchronously', () => {
  it('activates entries, then joins once every input has settled', () => {
    const { plan, events, take, readyIds } = drive(
      graph({
        nodes: [setter('a'), setter('b'), setter('c'), setter('j')],
        edges: [edge('a>j'), edge('b>j'), edge('c>j')],
      }),
    );
    plan.start();
    expect(readyIds()).toEqual(['a#1', 'b#1', 'c#1']);
    plan.complete(take('a'), undefined, 0);
    plan.complete(take('b'), undefined, 0);
    expect(readyIds()).toEqual(['c#1']);
    plan.complete(take('c'), { done: true }, 0);
    expect(readyIds()).toEqual(['j#1']);
    expect(plan.state).toEqual({ done: true });
    expect(events.filter((e) => e.startsWith('edge.fired'))).toEqual([
      'edge.fired a-j',
      'edge.fired b-j',
      'edge.fired c-j',
    ]);
  });

  it('skips a node whose every input is dead and passes the deadness on', () => {
    const { plan, events, take, readyIds } = drive(
      graph({
        nodes: [setter('s'), setter('x'), setter('y'), setter('j')],
        edges: [edge('s>x', { when: 'false' }), edge('x>y'), edge('y>j'), edge('s>j')],
      }),
    );
    plan.start();
    plan.complete(take('s'), undefined, 0);
    expect(events).toEqual([
      'node.completed s',
      'edge.dead s-x',
      'node.skipped x',
      'edge.dead x-y',
      'node.skipped y',
      'edge.dead y-j',
      'edge.fired s-j',
    ]);
    expect(readyIds()).toEqual(['j#1']);
  });

  it('iterates a loop only after its body has quiesced, and settles the exit when it ends', () => {
    const { plan, events, take, readyIds } = drive(
      graph({
        nodes: [setter('h'), setter('left'), setter('right'), setter('tail'), setter('out')],
        edges: [
          edge('h>left'),
          edge('h>right'),
          edge('left>tail'),
          edge('right>tail'),
          edge('tail>h', { when: 'visit < 2' }),
          edge('left>out', { when: 'false' }),
        ],
      }),
    );
    plan.start();
    plan.complete(take('h'), undefined, 0);
    plan.complete(take('left'), undefined, 0);
    // left>out went dead, but the loop may still take it: nothing is reported yet.
    expect(events).not.toContain('edge.dead left-out');
    plan.complete(take('right'), undefined, 0);
    plan.complete(take('tail'), undefined, 0);
    expect(readyIds()).toEqual(['h#2']);
    plan.complete(take('h'), undefined, 0);
    plan.complete(take('left'), undefined, 0);
    plan.complete(take('right'), undefined, 0);
    plan.complete(take('tail'), undefined, 0);
    // The loop ended: its exit is settled dead once, and `out` is skipped once.
    expect(events.filter((e) => e === 'edge.dead left-out')).toHaveLength(1);
    expect(events.at(-1)).toBe('node.skipped out');
    expect(readyIds()).toEqual([]);
  });

  it('holds an activation of a node that is still in flight until it finishes', () => {
    const { plan, take, readyIds } = drive(
      graph({
        nodes: [setter('start'), setter('tick'), setter('slow')],
        edges: [edge('start>tick'), edge('tick>tick', { when: 'visit < 2' }), edge('tick>slow')],
      }),
    );
    plan.start();
    plan.complete(take('start'), undefined, 0);
    plan.complete(take('tick'), undefined, 0);
    expect(readyIds()).toEqual(['slow#1', 'tick#2']);
    const firstSlow = take('slow');
    plan.complete(take('tick'), undefined, 0);
    // The second firing of tick>slow waits: slow#1 has not finished.
    expect(readyIds()).toEqual([]);
    expect(plan.snapshot('r', 0).held).toEqual({ slow: ['run'] });
    plan.complete(firstSlow, undefined, 0);
    expect(readyIds()).toEqual(['slow#2']);
  });

  it('round-trips its state through a checkpoint', () => {
    const doc = graph({ nodes: [setter('a'), setter('b'), setter('j')], edges: [edge('a>j'), edge('b>j')] });
    const first = drive(doc);
    first.plan.start();
    first.plan.complete(first.take('a'), { x: 1 }, 0);
    const checkpoint = first.plan.snapshot('run-1', 7);
    expect(checkpoint).toMatchObject({
      seq: 7,
      state: { x: 1 },
      joins: { j: { 'a-j': 'fired' } },
      frontier: [{ nodeId: 'b', visit: 1 }],
    });

    const compiled = compileGraph(doc, tools);
    const ready: Activation[] = [];
    const restored = RunPlan.restore(compiled, JSON.parse(JSON.stringify(checkpoint)), {
      event: () => {},
      ready: (a) => ready.push(a),
    });
    expect(ready.map((a) => a.node.id)).toEqual(['b']);
    restored.complete(ready.pop()!, undefined, 0);
    expect(ready.map((a) => `${a.node.id}#${a.visit}`)).toEqual(['j#1']);
  });
});
