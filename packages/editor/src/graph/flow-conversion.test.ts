import { GRAPH_FORMAT, type GraphDocument } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { documentToFlow, ERROR_HANDLE, flowToDocument, OUT_HANDLE } from './flow-conversion.ts';
import { findBackEdges } from './structure.ts';

describe('documentToFlow / flowToDocument', () => {
  it('round-trips a document unchanged, including nodes without a position', () => {
    const doc = sampleGraph();
    const { nodes, edges } = documentToFlow(doc, { backEdges: findBackEdges(doc) });
    expect(flowToDocument(nodes, edges, doc)).toEqual(doc);
    // Unchanged specs are handed back as the same objects.
    expect(flowToDocument(nodes, edges, doc).nodes[0]).toBe(doc.nodes[0]);
  });

  it('round-trips an empty graph and a graph with every optional field', () => {
    const empty: GraphDocument = { format: GRAPH_FORMAT, id: 'empty', name: 'Empty', nodes: [], edges: [] };
    const flow = documentToFlow(empty);
    expect(flowToDocument(flow.nodes, flow.edges, empty)).toEqual(empty);
    const full = sampleGraph();
    full.meta = { author: 'me' };
    full.nodes[0] = { ...full.nodes[0]!, description: 'd', timeoutMs: 10, maxVisits: 3, meta: { a: 1 } };
    const f = documentToFlow(full);
    expect(flowToDocument(f.nodes, f.edges, full)).toEqual(full);
  });

  it('writes positions of moved nodes, including placed ones', () => {
    const doc = sampleGraph();
    const { nodes, edges } = documentToFlow(doc);
    const moved = nodes.map((n) =>
      n.id === 'small' || n.id === 'start' ? { ...n, position: { x: 9, y: 9 } } : n,
    );
    const back = flowToDocument(moved, edges, doc);
    expect(back.nodes[0]!.position).toEqual({ x: 9, y: 9 });
    expect(back.nodes[3]!.position).toEqual({ x: 9, y: 9 });
  });

  it('maps edge flags to kinds and handles', () => {
    const doc = sampleGraph();
    const { edges } = documentToFlow(doc, { backEdges: findBackEdges(doc) });
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId.e1!.data!.kind).toBe('plain');
    expect(byId.again!.data!.kind).toBe('back');
    expect(byId.e2!.data!.kind).toBe('when');
    expect(byId.e3!.data!.kind).toBe('else');
    expect(byId.e5!.data!.kind).toBe('error');
    expect(byId.e5!.sourceHandle).toBe(ERROR_HANDLE);
    expect(byId.e1!.sourceHandle).toBe(OUT_HANDLE);
  });

  it('places unpositioned nodes from placements, else on a grid', () => {
    const doc = sampleGraph();
    const grid = documentToFlow(doc).nodes[3]!;
    expect(grid.position).toEqual({ x: 3 * 280, y: 0 });
    const placed = documentToFlow(doc, { placements: { small: { x: 5, y: 6 } } }).nodes[3]!;
    expect(placed.position).toEqual({ x: 5, y: 6 });
    expect(placed.data.autoPosition).toEqual({ x: 5, y: 6 });
  });

  it('reuses unchanged nodes and edges from the previous result', () => {
    const doc = sampleGraph();
    const first = documentToFlow(doc);
    const measured = new Map([['start', { width: 200, height: 80 }]]);
    const next = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'big' ? { ...n, label: 'Big' } : n)) };
    const second = documentToFlow(next, { previous: first, selectedNodeIds: new Set(['done']), measured });
    expect(second.nodes[1]).toBe(first.nodes[1]);
    expect(second.nodes[0]).not.toBe(first.nodes[0]);
    expect(second.nodes[0]!.measured).toEqual({ width: 200, height: 80 });
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect(second.nodes[4]!.selected).toBe(true);
    expect(second.edges[0]).toBe(first.edges[0]);
  });
});

describe('documentToFlow sizes and hiding', () => {
  it('uses estimated sizes until measured, and hides every node for the overview', () => {
    const doc = sampleGraph();
    const estimate = { width: 224, height: 60 };
    const flow = documentToFlow(doc, {
      estimateSize: () => estimate,
      measured: new Map([['start', { width: 1, height: 2 }]]),
    });
    expect(flow.nodes[0]!.measured).toEqual({ width: 1, height: 2 });
    expect(flow.nodes[1]!.measured).toBe(estimate);
    const hidden = documentToFlow(doc, { hidden: true, previous: flow, estimateSize: () => estimate });
    expect(hidden.nodes.every((n) => n.hidden)).toBe(true);
    expect(hidden.edges.every((e) => e.hidden)).toBe(true);
    expect(flowToDocument(hidden.nodes, hidden.edges, doc)).toEqual(doc);
  });
});

describe('findBackEdges', () => {
  it('finds self-loops and loops back to a header', () => {
    expect(findBackEdges(sampleGraph())).toEqual(new Set(['again']));
    const doc = sampleGraph();
    doc.edges.push({ id: 'back', from: 'done', to: 'count' }, { id: 'dangling', from: 'x', to: 'start' });
    expect(findBackEdges(doc)).toEqual(new Set(['again', 'back']));
  });
});
