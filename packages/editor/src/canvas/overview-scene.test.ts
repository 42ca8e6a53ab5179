import { describe, expect, it } from 'vitest';
import { documentToFlow } from '../graph/flow-conversion.ts';
import { findBackEdges } from '../graph/structure.ts';
import { sampleGraph } from '../testing/fixtures.ts';
import { buildOverviewScene, nodeAt } from './overview-scene.ts';

describe('buildOverviewScene', () => {
  it('places nodes and edges with their run state, and finds the node under a point', () => {
    const doc = sampleGraph();
    const { nodes, edges } = documentToFlow(doc, {
      backEdges: findBackEdges(doc),
      estimateSize: () => ({ width: 200, height: 50 }),
    });
    const scene = buildOverviewScene(
      nodes,
      edges,
      {
        nodes: { start: { status: 'completed', visits: 1, attempt: 1, totalMs: 1 } },
        edges: { e1: { fired: 1, dead: false }, e3: { fired: 0, dead: true } },
      },
      (id) => id === 'done',
    );
    expect(scene.nodes).toHaveLength(5);
    expect(scene.nodes[0]).toMatchObject({
      id: 'start',
      x: 0,
      y: 0,
      width: 200,
      height: 50,
      status: 'completed',
      label: 'Start',
    });
    expect(scene.nodes[4]!.invalid).toBe(true);
    expect(scene.edges.map((e) => [e.kind, e.fired, e.dead])).toEqual([
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
