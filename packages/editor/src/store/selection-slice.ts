import type { SelectionActions, SelectionState, SliceCreator } from './types.ts';

export const initialSelectionState: SelectionState = {
  selectedNodeIds: new Set(),
  selectedEdgeIds: new Set(),
};

export const createSelectionSlice: SliceCreator<SelectionActions> = (set, get) => ({
  select({ nodes = [], edges = [] }, mode = 'replace') {
    const state = get();
    const nodeIds = new Set(mode === 'add' ? state.selectedNodeIds : []);
    const edgeIds = new Set(mode === 'add' ? state.selectedEdgeIds : []);
    for (const id of nodes) nodeIds.add(id);
    for (const id of edges) edgeIds.add(id);
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
  },
  applySelectionChanges(nodeChanges, edgeChanges) {
    const state = get();
    const nodeIds = applyChanges(state.selectedNodeIds, nodeChanges);
    const edgeIds = applyChanges(state.selectedEdgeIds, edgeChanges);
    if (nodeIds !== state.selectedNodeIds || edgeIds !== state.selectedEdgeIds)
      set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
  },
  selectAll() {
    const { doc } = get();
    set({
      selectedNodeIds: new Set(doc.nodes.map((n) => n.id)),
      selectedEdgeIds: new Set(doc.edges.map((e) => e.id)),
    });
  },
  clearSelection() {
    const state = get();
    if (state.selectedNodeIds.size === 0 && state.selectedEdgeIds.size === 0) return;
    set({ selectedNodeIds: new Set(), selectedEdgeIds: new Set() });
  },
});

function applyChanges(
  current: ReadonlySet<string>,
  changes: ReadonlyArray<{ id: string; selected: boolean }>,
): ReadonlySet<string> {
  let next: Set<string> | null = null;
  for (const { id, selected } of changes) {
    if (current.has(id) === selected && (!next || next.has(id) === selected)) continue;
    next ??= new Set(current);
    if (selected) next.add(id);
    else next.delete(id);
  }
  return next ?? current;
}
