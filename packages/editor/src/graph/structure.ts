import { analyzeStructure, type GraphDocument } from '@weft/engine';

/**
 * The ids of the edges that close loops (DESIGN §3.2: the target dominates the source), classified by
 * the engine's own structural analysis. Edges to or from missing nodes are ignored.
 */
export function findBackEdges(doc: Pick<GraphDocument, 'nodes' | 'edges'>): Set<string> {
  const index = new Map<string, number>();
  doc.nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const kept: Array<{ id: string; from: number; to: number }> = [];
  for (const e of doc.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined) kept.push({ id: e.id, from, to });
  }
  const { edgeKinds } = analyzeStructure(doc.nodes.length, kept);
  const back = new Set<string>();
  kept.forEach((e, i) => {
    if (edgeKinds[i] === 'back') back.add(e.id);
  });
  return back;
}
