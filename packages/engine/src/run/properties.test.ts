import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunEvent } from '../events.ts';
import { computeDominators } from '../graph/dominators.ts';
import type { EdgeSpec, GraphDocument, NodeSpec } from '../graph/schema.ts';
import { replayState } from '../state/replay.ts';
import { coreTools } from '../tools/core-tools.ts';
import { defineTool } from '../tools/define-tool.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { validateGraph } from '../validate/analyze-graph.ts';
import { runGraph } from './run-graph.ts';

/**
 * Random graphs: a forward DAG over nodes n0…nk (every node reachable from n0), random conditions
 * (`when` on flags the nodes write, `else` beside them, some `onError`), and back edges only where the
 * target dominates the source, bounded by `visit` conditions or by maxVisits.
 */
const mark = defineTool({
  id: 'prop.mark',
  title: 'Mark',
  category: 'Test',
  description: 'Appends its id to the trail and writes a flag that depends on the visit.',
  config: z.object({
    salt: z.number().int(),
    fail: z.boolean().default(false),
    delay: z.number().int().default(0),
  }),
  async run({ nodeId, visit, config }) {
    if (config.delay > 0) await new Promise((resolve) => setTimeout(resolve, config.delay));
    if (config.fail && visit % 2 === 1) throw new Error(`${nodeId} fails on odd visits`);
    return { trail: `${nodeId}#${visit}`, [`f_${nodeId}`]: (visit * 31 + config.salt) % 3 !== 0, count: 1 };
  },
});
const tools = createToolRegistry([...coreTools, mark]);

const graphArbitrary = fc
  .record({
    size: fc.integer({ min: 2, max: 9 }),
    seedEdges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(8)), { maxLength: 14 }),
    parents: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
    salts: fc.array(fc.nat(5), { minLength: 9, maxLength: 9 }),
    failing: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    delays: fc.array(fc.nat(2), { minLength: 9, maxLength: 9 }),
    backEdges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3)), { maxLength: 3 }),
  })
  .map(buildGraph)
  .filter((doc) => validateGraph(doc, tools).length === 0);

function buildGraph(spec: {
  size: number;
  seedEdges: Array<[number, number, number]>;
  parents: number[];
  salts: number[];
  failing: boolean[];
  delays: number[];
  backEdges: Array<[number, number, number]>;
}): GraphDocument {
  const n = spec.size;
  const id = (i: number) => `n${i}`;
  const nodes: NodeSpec[] = Array.from({ length: n }, (_, i) => ({
    id: id(i),
    tool: 'prop.mark',
    config: { salt: spec.salts[i]!, fail: spec.failing[i]! && i % 3 === 2, delay: spec.delays[i]! },
    maxVisits: 6,
  }));
  const pairs = new Set<string>();
  const forward: Array<[number, number, number]> = [];
  for (let j = 1; j < n; j++) forward.push([spec.parents[j - 1]! % j, j, 0]);
  for (const [a, b, kind] of spec.seedEdges) {
    const from = a % n;
    const to = b % n;
    if (from < to) forward.push([from, to, kind]);
  }
  const edges: EdgeSpec[] = [];
  const hasWhen = new Set<number>();
  const hasElse = new Set<number>();
  for (const [from, to, kind] of forward) {
    const key = `${from}>${to}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const e: EdgeSpec = { id: `e${edges.length}`, from: id(from), to: id(to) };
    if (kind === 1 || kind === 2) {
      e.when = kind === 1 ? `state.f_${id(from)}` : `!output.f_${id(from)}`;
      hasWhen.add(from);
    } else if (kind === 3 && hasWhen.has(from) && !hasElse.has(from)) {
      e.else = true;
      hasElse.add(from);
    } else if (kind === 4) {
      e.onError = true;
    }
    edges.push(e);
  }
  // Back edges j → i where i dominates j in the forward graph.
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) succ[Number(e.from.slice(1))]!.push(Number(e.to.slice(1)));
  const dom = computeDominators(n, succ, [0]);
  for (const [a, b, bound] of spec.backEdges) {
    const from = a % n;
    const to = b % n;
    if (to > from || !dom.dominates(to, from) || pairs.has(`${from}>${to}`)) continue;
    pairs.add(`${from}>${to}`);
    edges.push({
      id: `b${edges.length}`,
      from: id(from),
      to: id(to),
      ...(bound > 0 ? { when: `visit < ${bound + 1}` } : {}),
    });
  }
  return {
    format: 'weft.graph/1',
    id: 'prop',
    name: 'Random graph',
    state: { trail: { reducer: 'append', default: [] }, count: { reducer: 'sum', default: 0 } },
    nodes,
    edges,
    limits: { maxSteps: 500 },
  };
}

describe('properties of runs over random graphs', () => {
  it('terminate, number events without gaps, never run a node twice in one iteration, and replay to the final state', async () => {
    await fc.assert(
      fc.asyncProperty(graphArbitrary, async (doc) => {
        const events: RunEvent[] = [];
        const result = await runGraph(doc, { tools, onEvent: (e) => events.push(structuredClone(e)) });

        expect(['completed', 'failed']).toContain(result.status);
        events.forEach((e, i) => {
          expect(e.seq).toBe(i + 1);
        });
        expect(events[0]!.type).toBe('run.started');
        expect(events.at(-1)!.type).toBe(`run.${result.status}`);

        // Each (node, visit) completes at most once, and a node's visits count up from 1.
        const seen = new Set<string>();
        const visitsByNode = new Map<string, number[]>();
        for (const e of events) {
          if (e.type !== 'node.started' || e.attempt !== 1) continue;
          const list = visitsByNode.get(e.nodeId) ?? [];
          list.push(e.visit);
          visitsByNode.set(e.nodeId, list);
        }
        for (const e of events) {
          if (e.type !== 'node.completed') continue;
          const key = `${e.nodeId}:${e.visit}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
        for (const visits of visitsByNode.values()) expect(visits).toEqual(visits.map((_, i) => i + 1));

        // Folding the patches through the reducers rebuilds the state.
        const replayed = replayState(events, doc);
        if (result.status === 'completed') {
          expect(replayed).toEqual(result.state);
          // Dead-path elimination settles every node: it ran, was skipped or failed into an onError edge.
          const settled = new Set(
            events
              .filter(
                (e) => e.type === 'node.completed' || e.type === 'node.skipped' || e.type === 'node.failed',
              )
              .map((e) => (e as { nodeId: string }).nodeId),
          );
          for (const node of doc.nodes) expect(settled.has(node.id)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('end the same way whatever the timing of the tools', async () => {
    await fc.assert(
      fc.asyncProperty(graphArbitrary, async (doc) => {
        const timed = await runGraph(doc, { tools });
        const instant = await runGraph(
          { ...doc, nodes: doc.nodes.map((n) => ({ ...n, config: { ...n.config, delay: 0 } })) },
          { tools },
        );
        expect(instant.status).toBe(timed.status);
        // A failed run aborts whatever is in flight, and two branches failing in parallel race to be the
        // run's error; a completed run's state, though, must not depend on timing.
        if (timed.status === 'completed') {
          const sorted = (s: unknown) => [...((s as { trail?: string[] }).trail ?? [])].sort();
          expect(sorted(instant.state)).toEqual(sorted(timed.state));
          expect(instant.state.count).toBe(timed.state.count);
        }
      }),
      { numRuns: 60 },
    );
  });
});
