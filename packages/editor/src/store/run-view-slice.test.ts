import type { GraphDocument } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../api/api-types.ts';
import { applyEdit } from '../graph/edits.ts';
import { events, sampleGraph } from '../testing/fixtures.ts';
import { createEditorStore, hasUnsavedChanges } from './editor-store.ts';

const run: RunRecord = {
  id: 'r1',
  graphId: 'sample',
  graphVersion: 1,
  status: 'completed',
  input: {},
  state: {},
  error: null,
  pending: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
};

/** Version 1 had a node `extra` that the graph being edited (version 2) no longer has. */
function versionOne(): GraphDocument {
  const doc = sampleGraph();
  return applyEdit(doc, {
    type: 'addElements',
    nodes: [{ id: 'extra', tool: 'core.pass', position: { x: 0, y: 200 } }],
    edges: [{ id: 'e9', from: 'start', to: 'extra' }],
  });
}

const ranOnVersionOne = events('r1', [
  { type: 'run.started', graphId: 'sample', input: {}, state: {} },
  { type: 'node.started', nodeId: 'start', visit: 1, attempt: 1 },
  { type: 'node.completed', nodeId: 'start', visit: 1, patch: {}, durationMs: 1 },
  { type: 'edge.fired', edgeId: 'e9', nodeId: 'start' },
  { type: 'node.started', nodeId: 'extra', visit: 1, attempt: 1 },
  { type: 'node.completed', nodeId: 'extra', visit: 1, patch: {}, durationMs: 1 },
]);

function editedStore() {
  const store = createEditorStore({ doc: sampleGraph(), version: 2 });
  store.getState().applyEdit({ type: 'updateGraph', changes: { name: 'Edited' } });
  store.getState().select({ nodes: ['count'] });
  return store;
}

describe('run view slice', () => {
  it('shows a past run on the version it ran, read-only, with its overlay on that document', () => {
    const store = editedStore();
    const edited = store.getState().doc;
    store.getState().enterRunView('r1', versionOne(), 1);
    store.getState().showRun(run, { replay: true, events: ranOnVersionOne });
    const s = store.getState();
    expect(s.doc.nodes.map((n) => n.id)).toContain('extra');
    expect(s.version).toBe(1);
    expect(s.overlay.nodes.extra!.status).toBe('completed');
    // The edge lookup of the overlay is the viewed version's: e9 queued `extra` before it started.
    store.getState().setCursor(4);
    expect(store.getState().cursorOverlay!.nodes.extra!.status).toBe('queued');
    expect(s.selectedNodeIds.size).toBe(0);
    expect(s.runView).toMatchObject({ runId: 'r1', version: 1 });
    // The edited graph waits aside, and still counts as unsaved.
    expect(s.runView!.editing.doc).toBe(edited);
    expect(hasUnsavedChanges(s)).toBe(true);
  });

  it('refuses edits, undo and redo while viewing', () => {
    const store = editedStore();
    store.getState().enterRunView('r1', versionOne(), 1);
    const viewed = store.getState().doc;
    store.getState().applyEdit({ type: 'removeElements', nodeIds: ['extra'], edgeIds: [] });
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().doc).toBe(viewed);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('goes back to the graph being edited exactly as it was left', () => {
    const store = editedStore();
    const before = store.getState();
    store.getState().enterRunView('r1', versionOne(), 1);
    store.getState().enterRunView('r2', versionOne(), 1);
    expect(store.getState().runView!.runId).toBe('r2');
    store.getState().leaveRunView();
    const s = store.getState();
    expect(s.runView).toBeNull();
    expect(s.doc).toBe(before.doc);
    expect(s.savedDoc).toBe(before.savedDoc);
    expect(s.version).toBe(2);
    expect(s.history).toBe(before.history);
    expect(s.selectedNodeIds).toBe(before.selectedNodeIds);
    store.getState().undo();
    expect(store.getState().doc.name).toBe('Sample');
  });

  it('keeps the first edited graph when switching between versions, and loading a graph ends the view', () => {
    const store = editedStore();
    const edited = store.getState().doc;
    store.getState().enterRunView('r1', versionOne(), 1);
    store.getState().enterRunView('r3', sampleGraph(), 3);
    expect(store.getState().version).toBe(3);
    expect(store.getState().runView!.editing.doc).toBe(edited);
    store.getState().loadGraph(sampleGraph(), 4);
    expect(store.getState().runView).toBeNull();
  });
});
