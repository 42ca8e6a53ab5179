import type { GraphDocument, ToolDescriptor } from '@weft/engine';
import { createStore } from 'zustand/vanilla';
import { createGraphSlice, emptyDocument, initialGraphState } from './graph-slice.ts';
import { createHistorySlice, initialHistoryState } from './history-slice.ts';
import { createRunSlice, initialRunState } from './run-slice.ts';
import { createRunViewSlice, initialRunViewState } from './run-view-slice.ts';
import { createSelectionSlice, initialSelectionState } from './selection-slice.ts';
import type { EditorState, EditorStore, EditorStoreApi } from './types.ts';

/**
 * One store per open editor, made by this factory and handed down through `EditorStoreProvider`
 * (never a module singleton). Graph, selection, history and run slices live side by side; components
 * read them through narrow selectors.
 *
 * @example
 * const store = createEditorStore({ doc, tools });
 * store.getState().applyEdit({ type: 'updateGraph', changes: { name: 'Renamed' } });
 * store.getState().undo();
 */
export function createEditorStore(
  init: { doc?: GraphDocument; tools?: readonly ToolDescriptor[]; version?: number | null } = {},
): EditorStoreApi {
  const doc = init.doc ?? emptyDocument();
  return createStore<EditorStore>()((...a) => ({
    ...initialGraphState(doc, init.tools),
    version: init.version ?? null,
    ...initialSelectionState,
    ...initialHistoryState,
    ...initialRunState,
    ...initialRunViewState,
    ...createGraphSlice(...a),
    ...createSelectionSlice(...a),
    ...createHistorySlice(...a),
    ...createRunSlice(...a),
    ...createRunViewSlice(...a),
  }));
}

/**
 * True when the graph being edited differs from what was last saved — also while a past run's version is
 * shown and the edited graph waits aside.
 */
export function hasUnsavedChanges(
  state: Pick<EditorState, 'doc' | 'savedDoc'> & Partial<Pick<EditorState, 'runView'>>,
): boolean {
  const editing = state.runView?.editing ?? state;
  return editing.doc !== editing.savedDoc;
}
