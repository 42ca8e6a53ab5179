import type { EdgeSpec, GraphDocument, NodeSpec } from '@weft/engine';

type Position = { x: number; y: number };
/** Changes to a node; a key set to `undefined` is removed from the node. */
export type NodeChanges = { [K in Exclude<keyof NodeSpec, 'id'>]?: NodeSpec[K] | undefined };
/** Changes to an edge; a key set to `undefined` is removed from the edge. */
export type EdgeChanges = { [K in Exclude<keyof EdgeSpec, 'id'>]?: EdgeSpec[K] | undefined };
type GraphFields = 'name' | 'description' | 'state' | 'limits' | 'output';
/** Changes to the graph's own fields; `undefined` removes an optional one. */
export type GraphChanges = { [K in GraphFields]?: GraphDocument[K] | undefined };

/**
 * Every change the editor makes to a graph document, as data (STYLE.md: edits are a tagged union
 * applied by one pure function). The history records the document before each edit.
 */
export type GraphEdit =
  | { type: 'addElements'; nodes: NodeSpec[]; edges: EdgeSpec[] }
  | { type: 'removeElements'; nodeIds: string[]; edgeIds: string[] }
  | { type: 'moveNodes'; positions: Record<string, Position> }
  | { type: 'updateNode'; nodeId: string; changes: NodeChanges }
  | { type: 'renameNode'; nodeId: string; newId: string }
  | { type: 'updateEdge'; edgeId: string; changes: EdgeChanges }
  | { type: 'updateGraph'; changes: GraphChanges }
  | { type: 'replaceDocument'; doc: GraphDocument; label?: string };

/**
 * Applies one edit and returns the new document; parts the edit does not touch keep their identity,
 * so React Flow and memoised components skip them. An edit that changes nothing returns `doc` itself.
 *
 * @example
 * const next = applyEdit(doc, { type: 'updateNode', nodeId: 'a', changes: { label: 'Fetch' } });
 */
export function applyEdit(doc: GraphDocument, edit: GraphEdit): GraphDocument {
  switch (edit.type) {
    case 'addElements':
      if (edit.nodes.length === 0 && edit.edges.length === 0) return doc;
      return { ...doc, nodes: [...doc.nodes, ...edit.nodes], edges: [...doc.edges, ...edit.edges] };
    case 'removeElements': {
      const nodeIds = new Set(edit.nodeIds);
      const edgeIds = new Set(edit.edgeIds);
      const nodes = doc.nodes.filter((n) => !nodeIds.has(n.id));
      const edges = doc.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.from) && !nodeIds.has(e.to));
      if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return doc;
      return { ...doc, nodes, edges };
    }
    case 'moveNodes': {
      let changed = false;
      const nodes = doc.nodes.map((n) => {
        const p = edit.positions[n.id];
        if (!p || (n.position && n.position.x === p.x && n.position.y === p.y)) return n;
        changed = true;
        return { ...n, position: { x: p.x, y: p.y } };
      });
      return changed ? { ...doc, nodes } : doc;
    }
    case 'updateNode':
      return mapOne(doc, 'nodes', edit.nodeId, (n) => withChanges(n, edit.changes));
    case 'renameNode':
      return renameNode(doc, edit.nodeId, edit.newId);
    case 'updateEdge':
      return mapOne(doc, 'edges', edit.edgeId, (e) => withChanges(e, edit.changes));
    case 'updateGraph':
      return withChanges(doc, edit.changes);
    case 'replaceDocument':
      return edit.doc;
  }
}

/** A short human description of an edit, for undo/redo tooltips. */
export function describeEdit(edit: GraphEdit): string {
  switch (edit.type) {
    case 'addElements':
      return edit.nodes.length === 1 && edit.edges.length === 0
        ? `add ${edit.nodes[0]!.id}`
        : edit.nodes.length === 0 && edit.edges.length === 1
          ? `connect ${edit.edges[0]!.from} → ${edit.edges[0]!.to}`
          : `add ${plural(edit.nodes.length, 'node')}, ${plural(edit.edges.length, 'edge')}`;
    case 'removeElements':
      return `delete ${plural(edit.nodeIds.length, 'node')}, ${plural(edit.edgeIds.length, 'edge')}`;
    case 'moveNodes':
      return `move ${plural(Object.keys(edit.positions).length, 'node')}`;
    case 'updateNode':
      return `edit ${edit.nodeId} (${Object.keys(edit.changes).join(', ')})`;
    case 'renameNode':
      return `rename ${edit.nodeId} to ${edit.newId}`;
    case 'updateEdge':
      return `edit edge ${edit.edgeId}`;
    case 'updateGraph':
      return `edit graph ${Object.keys(edit.changes).join(', ')}`;
    case 'replaceDocument':
      return edit.label ?? 'replace the graph';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function mapOne<K extends 'nodes' | 'edges'>(
  doc: GraphDocument,
  key: K,
  id: string,
  update: (item: GraphDocument[K][number]) => GraphDocument[K][number],
): GraphDocument {
  const items = doc[key] as GraphDocument[K][number][];
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) return doc;
  const updated = update(items[index]!);
  if (updated === items[index]) return doc;
  const next = items.slice();
  next[index] = updated;
  return { ...doc, [key]: next };
}

/** `target` with `changes` merged in; keys whose value is `undefined` are removed. */
function withChanges<T extends object>(target: T, changes: object): T {
  let changed = false;
  const next: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      if (key in next) {
        delete next[key];
        changed = true;
      }
    } else if (next[key] !== value) {
      next[key] = value;
      changed = true;
    }
  }
  return changed ? (next as T) : target;
}

function renameNode(doc: GraphDocument, nodeId: string, newId: string): GraphDocument {
  if (nodeId === newId || !doc.nodes.some((n) => n.id === nodeId)) return doc;
  if (doc.nodes.some((n) => n.id === newId)) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, id: newId } : n)),
    edges: doc.edges.map((e) =>
      e.from === nodeId || e.to === nodeId
        ? { ...e, from: e.from === nodeId ? newId : e.from, to: e.to === nodeId ? newId : e.to }
        : e,
    ),
  };
}
