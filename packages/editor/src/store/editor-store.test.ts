import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../api/api-types.ts';
import { events, sampleGraph } from '../testing/fixtures.ts';
import { createEditorStore, hasUnsavedChanges } from './editor-store.ts';

function runRecord(id: string): RunRecord {
  return {
    id,
    graphId: 'sample',
    graphVersion: 1,
    status: 'running',
    input: {},
    state: null,
    error: null,
    pending: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
  };
}

describe('createEditorStore', () => {
  it('creates independent stores', () => {
    const a = createEditorStore({ doc: sampleGraph() });
    const b = createEditorStore({ doc: sampleGraph() });
    a.getState().applyEdit({ type: 'updateGraph', changes: { name: 'A' } });
    expect(b.getState().doc.name).toBe('Sample');
  });

  describe('graph slice', () => {
    it('applies edits, tracks unsaved changes and marks saves', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      expect(hasUnsavedChanges(store.getState())).toBe(false);
      store.getState().applyEdit({ type: 'updateNode', nodeId: 'start', changes: { label: 'Begin' } });
      expect(store.getState().doc.nodes[0]!.label).toBe('Begin');
      expect(hasUnsavedChanges(store.getState())).toBe(true);
      store.getState().markSaved(store.getState().doc, 2);
      expect(hasUnsavedChanges(store.getState())).toBe(false);
      expect(store.getState().version).toBe(2);
    });

    it('ignores edits that change nothing (no history step)', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().applyEdit({ type: 'moveNodes', positions: { start: { x: 0, y: 0 } } });
      expect(store.getState().history.past).toHaveLength(0);
    });

    it('groups problems by node and edge and keeps an equal back-edge set', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      const doc = store.getState().doc;
      store.getState().setAnalysis(
        doc,
        [
          { path: 'nodes[0]', code: 'UNKNOWN_TOOL', message: 'x', nodeId: 'start' },
          { path: 'edges[0]', code: 'CEL_SYNTAX', message: 'y', edgeId: 'e1' },
          { path: '', code: 'NO_ENTRY', message: 'z' },
        ],
        new Set(['again']),
      );
      const s = store.getState();
      expect(s.problems).toHaveLength(3);
      expect(s.problemsByNode.get('start')).toHaveLength(1);
      expect(s.problemsByEdge.get('e1')).toHaveLength(1);
      const back = s.backEdges;
      store.getState().setAnalysis(doc, [], new Set(['again']));
      expect(store.getState().backEdges).toBe(back);
    });

    it('loads a graph, clearing history, selection and run', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().applyEdit({ type: 'updateGraph', changes: { name: 'x' } });
      store.getState().select({ nodes: ['start'] });
      store.getState().showRun(runRecord('r1'));
      store.getState().loadGraph({ ...sampleGraph(), id: 'other' }, 4);
      const s = store.getState();
      expect(s.doc.id).toBe('other');
      expect(s.version).toBe(4);
      expect(s.history.past).toHaveLength(0);
      expect(s.selectedNodeIds.size).toBe(0);
      expect(s.run).toBeNull();
    });
  });

  describe('selection slice', () => {
    it('selects, adds, applies React Flow changes, selects all and clears', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().select({ nodes: ['start'] });
      store.getState().select({ edges: ['e1'] }, 'add');
      expect([...store.getState().selectedNodeIds]).toEqual(['start']);
      expect([...store.getState().selectedEdgeIds]).toEqual(['e1']);
      const before = store.getState().selectedNodeIds;
      store.getState().applySelectionChanges([{ id: 'start', selected: true }], []);
      expect(store.getState().selectedNodeIds).toBe(before);
      store.getState().applySelectionChanges(
        [
          { id: 'start', selected: false },
          { id: 'done', selected: true },
        ],
        [{ id: 'e1', selected: false }],
      );
      expect([...store.getState().selectedNodeIds]).toEqual(['done']);
      expect(store.getState().selectedEdgeIds.size).toBe(0);
      store.getState().selectAll();
      expect(store.getState().selectedNodeIds.size).toBe(5);
      expect(store.getState().selectedEdgeIds.size).toBe(6);
      store.getState().clearSelection();
      expect(store.getState().selectedNodeIds.size).toBe(0);
    });

    it('drops deleted elements from the selection', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().select({ nodes: ['count', 'done'], edges: ['e1'] });
      store.getState().applyEdit({ type: 'removeElements', nodeIds: ['count'], edgeIds: [] });
      expect([...store.getState().selectedNodeIds]).toEqual(['done']);
      expect(store.getState().selectedEdgeIds.size).toBe(0);
    });
  });

  describe('history slice', () => {
    it('undoes and redoes every edit, coalescing one drag', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      const original = store.getState().doc;
      const { applyEdit } = store.getState();
      applyEdit({ type: 'moveNodes', positions: { start: { x: 10, y: 0 } } }, { coalesce: 'drag' });
      applyEdit({ type: 'moveNodes', positions: { start: { x: 20, y: 0 } } }, { coalesce: 'drag' });
      store.getState().breakCoalescing();
      applyEdit({ type: 'removeElements', nodeIds: ['done'], edgeIds: [] });
      expect(store.getState().history.past).toHaveLength(2);
      store.getState().undo();
      expect(store.getState().doc.nodes).toHaveLength(5);
      expect(store.getState().doc.nodes[0]!.position).toEqual({ x: 20, y: 0 });
      store.getState().undo();
      expect(store.getState().doc).toBe(original);
      store.getState().undo();
      expect(store.getState().doc).toBe(original);
      store.getState().redo();
      store.getState().redo();
      expect(store.getState().doc.nodes).toHaveLength(4);
      expect(hasUnsavedChanges(store.getState())).toBe(true);
    });
  });

  describe('run slice', () => {
    const stream = events('r1', [
      { type: 'run.started', graphId: 'sample', input: {}, state: { n: 0 } },
      { type: 'node.started', nodeId: 'start', visit: 1, attempt: 1 },
      { type: 'node.completed', nodeId: 'start', visit: 1, patch: { n: 0 }, durationMs: 1 },
      { type: 'edge.fired', edgeId: 'e1', nodeId: 'start' },
      { type: 'node.started', nodeId: 'count', visit: 1, attempt: 1 },
    ]);

    it('folds batches of events in, ignoring duplicates and out-of-order replays', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().showRun(runRecord('r1'));
      store.getState().receiveEvents(stream.slice(0, 3));
      store.getState().receiveEvents([stream[3]!, stream[1]!, stream[4]!, stream[4]!]);
      const s = store.getState();
      expect(s.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(s.overlay.nodes.start!.status).toBe('completed');
      expect(s.overlay.nodes.count!.status).toBe('running');
      expect(s.overlay.edges.e1!.fired).toBe(1);
      store
        .getState()
        .receiveEvents(
          events('other-run', [{ type: 'node.skipped', nodeId: 'done' }]).map((e) => ({ ...e, seq: 9 })),
        );
      expect(store.getState().events).toHaveLength(5);
    });

    it('steps through a run with the timeline cursor', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().showRun(runRecord('r1'), { events: stream, replay: true });
      expect(store.getState().replay).toBe(true);
      store.getState().setCursor(2);
      expect(store.getState().cursorOverlay!.nodes.start!.status).toBe('running');
      expect(store.getState().cursorOverlay!.nodes.count).toBeUndefined();
      store.getState().setCursor(4);
      expect(store.getState().cursorOverlay!.nodes.count!.status).toBe('queued');
      store.getState().setCursor(99);
      expect(store.getState().cursor).toBeNull();
      expect(store.getState().cursorOverlay).toBeNull();
    });

    it('updates only the run it shows and clears', () => {
      const store = createEditorStore({ doc: sampleGraph() });
      store.getState().showRun(runRecord('r1'));
      store.getState().updateRun({ ...runRecord('other'), status: 'completed' });
      expect(store.getState().run!.status).toBe('running');
      store.getState().updateRun({ ...runRecord('r1'), status: 'completed' });
      expect(store.getState().run!.status).toBe('completed');
      store.getState().clearRun();
      expect(store.getState().run).toBeNull();
      expect(store.getState().events).toHaveLength(0);
    });
  });
});
