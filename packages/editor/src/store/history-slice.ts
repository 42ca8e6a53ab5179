import { breakCoalescing, emptyHistory, redo, undo } from './history.ts';
import type { HistoryActions, HistoryState, SliceCreator } from './types.ts';

export const initialHistoryState: HistoryState = { history: emptyHistory };

export const createHistorySlice: SliceCreator<HistoryActions> = (set, get) => ({
  undo() {
    if (get().runView) return;
    const step = undo(get().history, get().doc);
    if (step) set({ doc: step.doc, history: step.history, ...pruneSelection(get(), step.doc) });
  },
  redo() {
    if (get().runView) return;
    const step = redo(get().history, get().doc);
    if (step) set({ doc: step.doc, history: step.history, ...pruneSelection(get(), step.doc) });
  },
  breakCoalescing() {
    const history = breakCoalescing(get().history);
    if (history !== get().history) set({ history });
  },
});

function pruneSelection(
  state: { selectedNodeIds: ReadonlySet<string>; selectedEdgeIds: ReadonlySet<string> },
  doc: { nodes: { id: string }[]; edges: { id: string }[] },
) {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  return {
    selectedNodeIds: new Set([...state.selectedNodeIds].filter((id) => nodes.has(id))),
    selectedEdgeIds: new Set([...state.selectedEdgeIds].filter((id) => edges.has(id))),
  };
}
