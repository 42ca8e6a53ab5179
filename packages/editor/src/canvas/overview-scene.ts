import type { EdgeKind, ToolFlowNode, WeftFlowEdge } from '../graph/flow-conversion.ts';
import type { EdgeRunView, NodeRunView } from '../store/run-overlay.ts';

export interface SceneNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  status: NodeRunView['status'] | 'idle';
  selected: boolean;
  invalid: boolean;
}

export interface SceneEdge {
  kind: EdgeKind;
  onError: boolean;
  fired: boolean;
  dead: boolean;
  selected: boolean;
  from: SceneNode;
  to: SceneNode;
}

export interface OverviewScene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/**
 * What the overview draws: every node as a box in flow coordinates with its run status, every edge
 * between two of them. Pure, from the same flow nodes and edges React Flow gets.
 */
export function buildOverviewScene(
  nodes: readonly ToolFlowNode[],
  edges: readonly WeftFlowEdge[],
  run: { nodes: Readonly<Record<string, NodeRunView>>; edges: Readonly<Record<string, EdgeRunView>> },
  invalid: (id: string) => boolean,
): OverviewScene {
  const byId = new Map<string, SceneNode>();
  const sceneNodes = nodes.map((n) => {
    const node: SceneNode = {
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? 224,
      height: n.measured?.height ?? 60,
      label: n.data.spec.label || n.id,
      status: run.nodes[n.id]?.status ?? 'idle',
      selected: n.selected ?? false,
      invalid: invalid(n.id),
    };
    byId.set(n.id, node);
    return node;
  });
  const sceneEdges: SceneEdge[] = [];
  for (const e of edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    const view = run.edges[e.id];
    const fired = (view?.fired ?? 0) > 0;
    sceneEdges.push({
      kind: e.data?.kind ?? 'plain',
      onError: e.data?.spec.onError === true,
      fired,
      dead: !fired && view?.dead === true,
      selected: e.selected ?? false,
      from,
      to,
    });
  }
  return { nodes: sceneNodes, edges: sceneEdges };
}

/** The node whose box contains the flow point, topmost (last drawn) first. */
export function nodeAt(scene: OverviewScene, x: number, y: number): SceneNode | undefined {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i]!;
    if (x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height) return n;
  }
  return undefined;
}
