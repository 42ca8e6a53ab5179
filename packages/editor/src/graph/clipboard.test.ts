import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { CLIPBOARD_FORMAT, copyElements, parseClipboard, pasteElements } from './clipboard.ts';
import { graphIdFromName, nextEdgeId, uniqueId } from './ids.ts';

describe('clipboard', () => {
  it('copies selected nodes with the edges between them', () => {
    const payload = copyElements(sampleGraph(), new Set(['big', 'done']))!;
    expect(payload.nodes.map((n) => n.id)).toEqual(['big', 'done']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e4']);
    expect(copyElements(sampleGraph(), new Set())).toBeNull();
  });

  it('pastes with fresh ids, rewired edges and shifted positions', () => {
    const doc = sampleGraph();
    const payload = copyElements(doc, new Set(['big', 'done']))!;
    const pasted = pasteElements(doc, payload, { offset: { x: 40, y: 40 } });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['big-2', 'done-2']);
    expect(pasted.nodes[0]!.position).toEqual({ x: 540, y: -40 });
    expect(pasted.edges).toEqual([{ id: 'e7', from: 'big-2', to: 'done-2' }]);
    const at = pasteElements(doc, payload, { at: { x: 0, y: 0 } });
    expect(at.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(at.nodes[1]!.position).toEqual({ x: 250, y: 80 });
  });

  it('parses its own payload, whole graphs, single nodes and rejects the rest', () => {
    const payload = copyElements(sampleGraph(), new Set(['big']))!;
    expect(parseClipboard(JSON.stringify(payload))).toEqual(payload);
    expect(parseClipboard(JSON.stringify(sampleGraph()))!.nodes).toHaveLength(5);
    expect(parseClipboard('{"id":"a","tool":"core.pass"}')).toEqual({
      format: CLIPBOARD_FORMAT,
      nodes: [{ id: 'a', tool: 'core.pass' }],
      edges: [],
    });
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"format":"weft.clipboard/1","nodes":[]}')).toBeNull();
  });
});

describe('ids', () => {
  it('derives unique element ids from tool ids', () => {
    expect(uniqueId('text.sentiment', new Set())).toBe('sentiment');
    expect(uniqueId('core.set', new Set(['set', 'set-2']))).toBe('set-3');
    expect(uniqueId('!!!', new Set())).toBe('node');
    expect(nextEdgeId(new Set(['e1', 'e3']))).toBe('e4');
  });

  it('derives graph ids from names', () => {
    expect(graphIdFromName('Content pipeline!', new Set())).toBe('content-pipeline');
    expect(graphIdFromName('Hello', new Set(['hello']))).toBe('hello-2');
    expect(graphIdFromName('***', new Set())).toBe('graph');
  });
});
