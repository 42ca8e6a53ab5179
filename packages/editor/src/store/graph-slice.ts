import { GRAPH_FORMAT, type GraphDocument, type Problem, type ToolDescriptor } from '@weft/engine';
import { applyEdit, describeEdit } from '../graph/edits.ts';
import { emptyHistory, recordEdit } from './history.ts';
import { initialRunState } from './run-slice.ts';
import type { GraphActions, GraphState, SliceCreator } from './types.ts';

export function emptyDocument(id = 'untitled', name = 'Untitled'): GraphDocument {
  return { format: GRAPH_FORMAT, id, name, nodes: [], edges: [] };
}

export function initialGraphState(doc: GraphDocument, tools: readonly ToolDescriptor[] = []): GraphState {
  return {
    doc,
    savedDoc: doc,
    version: null,
    tools,
    toolsById: new Map(tools.map((t) => [t.id, t])),
    problems: [],
    problemsByNode: new Map(),
    problemsByEdge: new Map(),
    analyzedDoc: null,
    backEdges: new Set(),
    placements: {},
  };
}

export const createGraphSlice: SliceCreator<GraphActions> = (set, get) => ({
  loadGraph(doc, version) {
    set({
      doc,
      savedDoc: doc,
      version,
      analyzedDoc: null,
      problems: [],
      problemsByNode: new Map(),
      problemsByEdge: new Map(),
      placements: {},
      history: emptyHistory,
      selectedNodeIds: new Set(),
      selectedEdgeIds: new Set(),
      ...initialRunState,
      runView: null,
    });
  },
  setTools(tools) {
    set({ tools, toolsById: new Map(tools.map((t) => [t.id, t])) });
  },
  applyEdit(edit, options = {}) {
    const { doc, history, selectedNodeIds, selectedEdgeIds, runView } = get();
    // A past run's version is shown read-only; edits go to the graph being edited, after leaving the view.
    if (runView) return;
    const next = applyEdit(doc, edit);
    if (next === doc) return;
    const nodeIds = new Set(next.nodes.map((n) => n.id));
    const edgeIds = new Set(next.edges.map((e) => e.id));
    set({
      doc: next,
      history: recordEdit(history, doc, describeEdit(edit), options.coalesce),
      selectedNodeIds: keepExisting(selectedNodeIds, nodeIds),
      selectedEdgeIds: keepExisting(selectedEdgeIds, edgeIds),
    });
  },
  markSaved(doc, version) {
    set({ savedDoc: doc, version });
  },
  setAnalysis(doc, problems, backEdges) {
    set({
      analyzedDoc: doc,
      problems,
      problemsByNode: groupBy(problems, (p) => p.nodeId),
      problemsByEdge: groupBy(problems, (p) => p.edgeId),
      backEdges: sameSet(get().backEdges, backEdges) ? get().backEdges : backEdges,
    });
  },
  setPlacements(placements) {
    set({ placements });
  },
});

function keepExisting(selected: ReadonlySet<string>, existing: ReadonlySet<string>): ReadonlySet<string> {
  for (const id of selected)
    if (!existing.has(id)) return new Set([...selected].filter((s) => existing.has(s)));
  return selected;
}

function groupBy(problems: readonly Problem[], key: (p: Problem) => string | undefined) {
  const map = new Map<string, Problem[]>();
  for (const p of problems) {
    const k = key(p);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(p);
    else map.set(k, [p]);
  }
  return map;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
