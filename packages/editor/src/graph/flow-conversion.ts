import type { EdgeSpec, GraphDocument, NodeSpec } from '@weft/engine';
import type { Edge, Node } from '@xyflow/react';

export type Position = { x: number; y: number };

/** How an edge is drawn: by its flags, and `back` when it closes a loop (DESIGN §3.2). */
export type EdgeKind = 'plain' | 'when' | 'else' | 'error' | 'back';

export type ToolNodeData = {
  spec: NodeSpec;
  /** Set when the document has no position for this node and the editor placed it. */
  autoPosition?: Position;
};
export type ToolFlowNode = Node<ToolNodeData, 'tool'>;
export type WeftEdgeData = { spec: EdgeSpec; kind: EdgeKind };
export type WeftFlowEdge = Edge<WeftEdgeData, 'weft'>;

export interface FlowElements {
  nodes: ToolFlowNode[];
  edges: WeftFlowEdge[];
}

export interface ToFlowOptions {
  selectedNodeIds?: ReadonlySet<string>;
  selectedEdgeIds?: ReadonlySet<string>;
  /** Ids of the edges that close loops. */
  backEdges?: ReadonlySet<string>;
  /** Where to draw nodes the document does not place (auto-layout); a grid otherwise. */
  placements?: Readonly<Record<string, Position>>;
  /** Node sizes React Flow measured; a controlled flow must hand them back on every node. */
  measured?: ReadonlyMap<string, Measured>;
  /** The size of a node not measured yet (so React Flow need not draw it to know it). */
  estimateSize?: (spec: NodeSpec) => Measured;
  /** Hides every node (and so every edge) from React Flow: the overview draws them instead. */
  hidden?: boolean;
  /** The previous result: nodes and edges that did not change are reused (same object). */
  previous?: FlowElements;
}

export type Measured = { width?: number; height?: number };

/** The source handle of edges that carry a node's failure (`onError`), beside the normal `out`. */
export const ERROR_HANDLE = 'error';
export const OUT_HANDLE = 'out';
export const IN_HANDLE = 'in';
const GRID = { columns: 5, dx: 280, dy: 160 };

/**
 * A graph document as React Flow nodes and edges. Pure: the same inputs give equal outputs, and with
 * `previous` every node and edge whose spec, placement and selection did not change keeps its identity.
 * `flowToDocument` is its inverse.
 *
 * @example
 * const { nodes, edges } = documentToFlow(doc, { selectedNodeIds: new Set(['a']) });
 */
export function documentToFlow(doc: GraphDocument, options: ToFlowOptions = {}): FlowElements {
  const previousNodes = new Map(options.previous?.nodes.map((n) => [n.id, n]));
  const previousEdges = new Map(options.previous?.edges.map((e) => [e.id, e]));
  const nodes = doc.nodes.map((spec, index) => {
    const selected = options.selectedNodeIds?.has(spec.id) ?? false;
    const autoPosition = spec.position ? undefined : (options.placements?.[spec.id] ?? gridPosition(index));
    const measured = options.measured?.get(spec.id) ?? options.estimateSize?.(spec);
    const hidden = options.hidden ?? false;
    const prev = previousNodes.get(spec.id);
    if (
      prev &&
      prev.data.spec === spec &&
      (prev.selected ?? false) === selected &&
      prev.measured === measured &&
      (prev.hidden ?? false) === hidden &&
      samePosition(prev.data.autoPosition, autoPosition)
    )
      return prev;
    const node: ToolFlowNode = {
      id: spec.id,
      type: 'tool',
      position: spec.position ?? autoPosition!,
      data: autoPosition ? { spec, autoPosition } : { spec },
      selected,
    };
    if (measured) node.measured = measured;
    if (hidden) node.hidden = true;
    return node;
  });
  const edges = doc.edges.map((spec) => {
    const selected = options.selectedEdgeIds?.has(spec.id) ?? false;
    const kind = edgeKind(spec, options.backEdges?.has(spec.id) ?? false);
    const prev = previousEdges.get(spec.id);
    const hidden = options.hidden ?? false;
    if (
      prev?.data &&
      prev.data.spec === spec &&
      prev.data.kind === kind &&
      (prev.selected ?? false) === selected &&
      (prev.hidden ?? false) === hidden
    )
      return prev;
    const edge: WeftFlowEdge = {
      id: spec.id,
      type: 'weft',
      source: spec.from,
      target: spec.to,
      sourceHandle: spec.onError ? ERROR_HANDLE : OUT_HANDLE,
      targetHandle: IN_HANDLE,
      data: { spec, kind },
      selected,
    };
    if (hidden) edge.hidden = true;
    return edge;
  });
  return { nodes, edges };
}

/**
 * The graph document React Flow's nodes and edges stand for, on top of `base` (which supplies the
 * graph's own fields). Positions come from the flow nodes; a node the editor placed itself and nobody
 * moved stays without a position, so `flowToDocument(documentToFlow(doc), doc)` equals `doc`.
 */
export function flowToDocument(
  nodes: readonly ToolFlowNode[],
  edges: readonly WeftFlowEdge[],
  base: GraphDocument,
): GraphDocument {
  return {
    ...base,
    nodes: nodes.map((node) => {
      const { spec, autoPosition } = node.data;
      if (autoPosition && samePosition(autoPosition, node.position)) {
        if (!spec.position && spec.id === node.id) return spec;
        const { position: _drop, ...rest } = spec;
        return { ...rest, id: node.id };
      }
      if (spec.id === node.id && samePosition(spec.position, node.position)) return spec;
      return { ...spec, id: node.id, position: { x: node.position.x, y: node.position.y } };
    }),
    edges: edges.map((edge) => {
      const spec = edge.data?.spec ?? { id: edge.id, from: edge.source, to: edge.target };
      if (spec.from === edge.source && spec.to === edge.target && spec.id === edge.id) return spec;
      return { ...spec, id: edge.id, from: edge.source, to: edge.target };
    }),
  };
}

/** How an edge is drawn. A back edge is drawn as a loop whatever its flags; its label still shows them. */
export function edgeKind(spec: EdgeSpec, isBack: boolean): EdgeKind {
  if (isBack) return 'back';
  if (spec.onError) return 'error';
  if (spec.else) return 'else';
  if (spec.when) return 'when';
  return 'plain';
}

export function gridPosition(index: number): Position {
  return { x: (index % GRID.columns) * GRID.dx, y: Math.floor(index / GRID.columns) * GRID.dy };
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y;
}
