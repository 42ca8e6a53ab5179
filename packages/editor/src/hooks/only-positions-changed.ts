import type { GraphDocument, NodeSpec } from '@weft/engine';

/**
 * True when `next` differs from `prev` only in node positions (a drag): validation and structure cannot
 * have changed, so live validation skips it.
 */
export function onlyPositionsChanged(prev: GraphDocument, next: GraphDocument): boolean {
  if (prev.edges !== next.edges || prev.nodes.length !== next.nodes.length) return false;
  for (const key of Object.keys(next) as Array<keyof GraphDocument>) {
    if (key !== 'nodes' && prev[key] !== next[key]) return false;
  }
  for (let i = 0; i < next.nodes.length; i++) {
    const a = prev.nodes[i]!;
    const b = next.nodes[i]!;
    if (a !== b && !samesButPosition(a, b)) return false;
  }
  return true;
}

function samesButPosition(a: NodeSpec, b: NodeSpec): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'position') continue;
    if (a[key as keyof NodeSpec] !== b[key as keyof NodeSpec]) return false;
  }
  return true;
}
