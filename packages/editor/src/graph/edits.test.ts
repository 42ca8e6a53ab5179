import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { applyEdit, describeEdit } from './edits.ts';

describe('applyEdit', () => {
  it('adds nodes and edges at the end', () => {
    const doc = sampleGraph();
    const next = applyEdit(doc, {
      type: 'addElements',
      nodes: [{ id: 'x', tool: 'core.pass' }],
      edges: [{ id: 'ex', from: 'done', to: 'x' }],
    });
    expect(next.nodes.at(-1)).toEqual({ id: 'x', tool: 'core.pass' });
    expect(next.edges.at(-1)?.id).toBe('ex');
    expect(doc.nodes).toHaveLength(5);
  });

  it('removes a node together with its edges', () => {
    const next = applyEdit(sampleGraph(), { type: 'removeElements', nodeIds: ['count'], edgeIds: [] });
    expect(next.nodes.map((n) => n.id)).toEqual(['start', 'big', 'small', 'done']);
    expect(next.edges.map((e) => e.id)).toEqual(['e4', 'e5']);
  });

  it('moves nodes and keeps untouched nodes identical', () => {
    const doc = sampleGraph();
    const next = applyEdit(doc, { type: 'moveNodes', positions: { big: { x: 1, y: 2 } } });
    expect(next.nodes[2]!.position).toEqual({ x: 1, y: 2 });
    expect(next.nodes[0]).toBe(doc.nodes[0]);
    expect(next.edges).toBe(doc.edges);
  });

  it('returns the same document for an edit that changes nothing', () => {
    const doc = sampleGraph();
    expect(applyEdit(doc, { type: 'moveNodes', positions: { start: { x: 0, y: 0 } } })).toBe(doc);
    expect(applyEdit(doc, { type: 'updateNode', nodeId: 'nope', changes: { label: 'x' } })).toBe(doc);
    expect(applyEdit(doc, { type: 'updateNode', nodeId: 'start', changes: { label: 'Start' } })).toBe(doc);
    expect(applyEdit(doc, { type: 'removeElements', nodeIds: ['nope'], edgeIds: [] })).toBe(doc);
  });

  it('updates a node and removes keys set to undefined', () => {
    const next = applyEdit(sampleGraph(), {
      type: 'updateNode',
      nodeId: 'start',
      changes: { label: undefined, timeoutMs: 500 },
    });
    expect(next.nodes[0]).toEqual({
      id: 'start',
      tool: 'core.set',
      config: { values: { n: 0 } },
      position: { x: 0, y: 0 },
      timeoutMs: 500,
    });
  });

  it('renames a node and rewires its edges, refusing a taken id', () => {
    const doc = sampleGraph();
    const next = applyEdit(doc, { type: 'renameNode', nodeId: 'count', newId: 'counter' });
    expect(next.nodes[1]!.id).toBe('counter');
    expect(next.edges.filter((e) => e.from === 'counter' || e.to === 'counter')).toHaveLength(4);
    expect(applyEdit(doc, { type: 'renameNode', nodeId: 'count', newId: 'done' })).toBe(doc);
  });

  it('updates edges and graph fields', () => {
    const doc = sampleGraph();
    const edge = applyEdit(doc, {
      type: 'updateEdge',
      edgeId: 'e3',
      changes: { else: undefined, when: 'true' },
    });
    expect(edge.edges[3]).toEqual({ id: 'e3', from: 'count', to: 'small', when: 'true' });
    const graph = applyEdit(doc, {
      type: 'updateGraph',
      changes: { name: 'Renamed', description: undefined },
    });
    expect(graph.name).toBe('Renamed');
    expect('description' in graph).toBe(false);
  });

  it('replaces the whole document', () => {
    const other = { ...sampleGraph(), name: 'Other' };
    expect(applyEdit(sampleGraph(), { type: 'replaceDocument', doc: other })).toBe(other);
  });

  it('describes edits for the undo tooltip', () => {
    expect(describeEdit({ type: 'moveNodes', positions: { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } } })).toBe(
      'move 2 nodes',
    );
    expect(describeEdit({ type: 'addElements', nodes: [], edges: [{ id: 'e', from: 'a', to: 'b' }] })).toBe(
      'connect a → b',
    );
  });
});
