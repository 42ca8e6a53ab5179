import { coreTools, createToolRegistry, validateGraph } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { findBackEdges } from '../graph/structure.ts';
import { bigGraph } from './big-graph.ts';

describe('bigGraph', () => {
  it('has 1,000 nodes and 1,200 edges, is valid, and has one loop', () => {
    const doc = bigGraph();
    expect(doc.nodes).toHaveLength(1000);
    expect(doc.edges).toHaveLength(1200);
    expect(new Set(doc.edges.map((e) => e.id)).size).toBe(1200);
    expect(validateGraph(doc, createToolRegistry(coreTools))).toEqual([]);
    expect([...findBackEdges(doc)]).toEqual([doc.edges.at(-2)!.id]);
  });
});
