import { emptyHistory } from './history.ts';
import type { EditingSnapshot, EditorState, RunViewActions, RunViewState, SliceCreator } from './types.ts';

export const initialRunViewState: RunViewState = { runView: null };

/**
 * A past run is replayed on the document it ran, not on whatever the canvas holds now: entering the view
 * swaps that version in as a read-only `doc` (so the canvas, inspector, validation and the run overlay all
 * work on it unchanged) and keeps the graph being edited aside; leaving puts it back untouched.
 */
export const createRunViewSlice: SliceCreator<RunViewActions> = (set, get) => ({
  enterRunView(runId, doc, version) {
    const state = get();
    if (state.runView?.version === version) {
      // Another run of the version already shown: keep its canvas (selection, analysis) as it is.
      set({ runView: { ...state.runView, runId } });
      return;
    }
    set({
      doc,
      savedDoc: doc,
      version,
      history: emptyHistory,
      selectedNodeIds: new Set<string>(),
      selectedEdgeIds: new Set<string>(),
      placements: {},
      analyzedDoc: null,
      problems: [],
      problemsByNode: new Map(),
      problemsByEdge: new Map(),
      backEdges: new Set<string>(),
      runView: { runId, version, editing: state.runView?.editing ?? editingSnapshot(state) },
    });
  },
  leaveRunView() {
    const view = get().runView;
    if (view) set({ ...view.editing, runView: null });
  },
});

function editingSnapshot(state: EditorState): EditingSnapshot {
  return {
    doc: state.doc,
    savedDoc: state.savedDoc,
    version: state.version,
    history: state.history,
    selectedNodeIds: state.selectedNodeIds,
    selectedEdgeIds: state.selectedEdgeIds,
    placements: state.placements,
    analyzedDoc: state.analyzedDoc,
    problems: state.problems,
    problemsByNode: state.problemsByNode,
    problemsByEdge: state.problemsByEdge,
    backEdges: state.backEdges,
  };
}
