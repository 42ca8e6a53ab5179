import { type EdgeSpec, GRAPH_FORMAT, type GraphDocument, isPlainObject, type NodeSpec } from '@weft/engine';
import type { Position } from './flow-conversion.ts';
import { nextEdgeId, uniqueId } from './ids.ts';

export const CLIPBOARD_FORMAT = 'weft.clipboard/1';

/** What the editor puts on the clipboard: plain JSON, so it can be pasted into another graph or tab. */
export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  nodes: NodeSpec[];
  edges: EdgeSpec[];
}

/** The selected nodes and every edge between them; null when no node is selected. */
export function copyElements(doc: GraphDocument, nodeIds: ReadonlySet<string>): ClipboardPayload | null {
  const nodes = doc.nodes.filter((n) => nodeIds.has(n.id));
  if (nodes.length === 0) return null;
  // Edges between copied nodes come along even when not selected themselves: a copied branch keeps its wiring.
  const edges = doc.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
  return { format: CLIPBOARD_FORMAT, nodes, edges };
}

/**
 * Reads clipboard text: the editor's own payload, a whole `weft.graph/1` document, one node spec or an
 * array of them. Anything else gives null (the paste is ignored).
 */
export function parseClipboard(text: string): ClipboardPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) value = { format: CLIPBOARD_FORMAT, nodes: value, edges: [] };
  if (!isPlainObject(value)) return null;
  if (value.format === CLIPBOARD_FORMAT || value.format === GRAPH_FORMAT) {
    const nodes = Array.isArray(value.nodes) ? value.nodes.filter(isNodeLike) : [];
    const edges = Array.isArray(value.edges) ? value.edges.filter(isEdgeLike) : [];
    return nodes.length > 0 ? { format: CLIPBOARD_FORMAT, nodes, edges } : null;
  }
  if (isNodeLike(value)) return { format: CLIPBOARD_FORMAT, nodes: [value], edges: [] };
  return null;
}

/**
 * The nodes and edges of a payload ready to add to `doc`: ids made unique (edges follow their nodes),
 * positions moved so the payload's top-left corner lands on `at`, or shifted by `offset`.
 */
export function pasteElements(
  doc: GraphDocument,
  payload: ClipboardPayload,
  placement: { at: Position } | { offset: Position },
): { nodes: NodeSpec[]; edges: EdgeSpec[] } {
  const takenNodes = new Set(doc.nodes.map((n) => n.id));
  const takenEdges = new Set(doc.edges.map((e) => e.id));
  const renamed = new Map<string, string>();
  const origin = topLeft(payload.nodes);
  const shift =
    'at' in placement ? { x: placement.at.x - origin.x, y: placement.at.y - origin.y } : placement.offset;
  const nodes = payload.nodes.map((node, i) => {
    const id = uniqueId(node.id, takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    const base = node.position ?? { x: origin.x + i * 40, y: origin.y + i * 40 };
    return { ...node, id, position: { x: Math.round(base.x + shift.x), y: Math.round(base.y + shift.y) } };
  });
  const edges: EdgeSpec[] = [];
  for (const edge of payload.edges) {
    const from = renamed.get(edge.from);
    const to = renamed.get(edge.to);
    if (!from || !to) continue;
    const id = takenEdges.has(edge.id) ? nextEdgeId(takenEdges) : edge.id;
    takenEdges.add(id);
    edges.push({ ...edge, id, from, to });
  }
  return { nodes, edges };
}

function topLeft(nodes: readonly NodeSpec[]): Position {
  let x = Number.POSITIVE_INFINITY;
  let y = Number.POSITIVE_INFINITY;
  for (const n of nodes) {
    if (!n.position) continue;
    x = Math.min(x, n.position.x);
    y = Math.min(y, n.position.y);
  }
  return Number.isFinite(x) ? { x, y } : { x: 0, y: 0 };
}

function isNodeLike(value: unknown): value is NodeSpec {
  return isPlainObject(value) && typeof value.id === 'string' && typeof value.tool === 'string';
}

function isEdgeLike(value: unknown): value is EdgeSpec {
  return (
    isPlainObject(value) &&
    typeof value.id === 'string' &&
    typeof value.from === 'string' &&
    typeof value.to === 'string'
  );
}
