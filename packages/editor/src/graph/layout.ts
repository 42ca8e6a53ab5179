import type { GraphDocument } from '@weft/engine';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Position } from './flow-conversion.ts';

/** The part of elkjs the layout needs; the browser passes an ELK running in a worker, tests the bundled one. */
export interface LayoutEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface LayoutOptions {
  /** The drawn size of a node (measured by React Flow); a default card size otherwise. */
  sizeOf?: (id: string) => { width: number; height: number } | undefined;
  /** Edges that close loops are left out, so layers follow the forward flow and loops point back. */
  backEdges?: ReadonlySet<string>;
}

export const DEFAULT_NODE_SIZE = { width: 220, height: 96 };

const LAYERED_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '96',
};

/** The ELK input graph for a document: one box per node, its forward edges, left-to-right layers. */
export function toElkGraph(
  doc: Pick<GraphDocument, 'nodes' | 'edges'>,
  options: LayoutOptions = {},
): ElkNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: LAYERED_OPTIONS,
    children: doc.nodes.map((n) => ({ id: n.id, ...(options.sizeOf?.(n.id) ?? DEFAULT_NODE_SIZE) })),
    edges: doc.edges
      .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to && !options.backEdges?.has(e.id))
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
}

/** Node positions (top-left corners, rounded) from an ELK result. */
export function positionsFromElk(result: ElkNode): Record<string, Position> {
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

/**
 * Lays a document out with ELK's layered algorithm and returns the new position of every node.
 *
 * @example
 * const positions = await layoutDocument(doc, new ELK(), { backEdges });
 * store.getState().applyEdit({ type: 'moveNodes', positions });
 */
export async function layoutDocument(
  doc: Pick<GraphDocument, 'nodes' | 'edges'>,
  engine: LayoutEngine,
  options: LayoutOptions = {},
): Promise<Record<string, Position>> {
  if (doc.nodes.length === 0) return {};
  return positionsFromElk(await engine.layout(toElkGraph(doc, options)));
}
