import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { layoutDocument, toElkGraph } from './layout.ts';
import { findBackEdges } from './structure.ts';

describe('layout', () => {
  it('leaves back edges and self-loops out of the ELK graph', () => {
    const doc = sampleGraph();
    const graph = toElkGraph(doc, { backEdges: findBackEdges(doc) });
    expect(graph.children).toHaveLength(5);
    expect(graph.edges?.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('lays nodes out left to right along the forward edges', async () => {
    const doc = sampleGraph();
    const positions = await layoutDocument(doc, new ELK(), { backEdges: findBackEdges(doc) });
    expect(Object.keys(positions).sort()).toEqual(['big', 'count', 'done', 'small', 'start']);
    expect(positions.start!.x).toBeLessThan(positions.count!.x);
    expect(positions.count!.x).toBeLessThan(positions.big!.x);
    expect(positions.big!.x).toBe(positions.small!.x);
    expect(positions.big!.x).toBeLessThan(positions.done!.x);
    expect(positions.big!.y).not.toBe(positions.small!.y);
  });

  it('gives nothing for an empty graph', async () => {
    expect(await layoutDocument({ nodes: [], edges: [] }, new ELK())).toEqual({});
  });
});
