import { describe, expect, it } from 'vitest';
import { documentToFlow } from '../graph/flow-conversion.ts';
import { findBackEdges } from '../graph/structure.ts';
import { sampleGraph } from '../testing/fixtures.ts';
import { buildOverviewScene, edgeState, nodeAt, nodeStatus } from './overview-scene.ts';

describe('buildOverviewScene', () => {
  it('places nodes and edges, looks their run state up, and finds the node under a point', () => {
    const doc = sampleGraph();
    const { nodes, edges } = documentToFlow(doc, {
      backEdges: findBackEdges(doc),
      estimateSize: () => ({ width: 200, height: 50 }),
    });
    const run = {
      nodes: { start: { status: 'completed' as const, visits: 1, attempt: 1, totalMs: 1 } },
      edges: { e1: { fired: 1, dead: false }, e3: { fired: 0, dead: true } },
    };
    const scene = buildOverviewScene(nodes, edges, (id) => id === 'done');
    expect(scene.nodes).toHaveLength(5);
    expect(scene.nodes[0]).toMatchObject({
      id: 'start',
      x: 0,
      y: 0,
      width: 200,
      height: 50,
      label: 'Start',
    });
    expect(nodeStatus(run, 'start')).toBe('completed');
    expect(nodeStatus(run, 'count')).toBe('idle');
    expect(scene.nodes[4]!.invalid).toBe(true);
    expect(scene.edges.map((e) => [e.kind, edgeState(run, e.id).fired, edgeState(run, e.id).dead])).toEqual([
      ['plain', true, false],
      ['back', false, false],
      ['when', false, false],
      ['else', false, true],
      ['plain', false, false],
      ['error', false, false],
    ]);
    expect(nodeAt(scene, 10, 10)?.id).toBe('start');
    expect(nodeAt(scene, 230, 10)).toBeUndefined();
  });
});
