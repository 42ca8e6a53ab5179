import type { EdgeKind, ToolFlowNode, WeftFlowEdge } from '../graph/flow-conversion.ts';
import type { EdgeRunView, NodeRunView } from '../store/run-overlay.ts';

export interface SceneNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  selected: boolean;
  invalid: boolean;
}

export interface SceneEdge {
  id: string;
  kind: EdgeKind;
  onError: boolean;
  selected: boolean;
  from: SceneNode;
  to: SceneNode;
}

export interface OverviewScene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** The run state a drawing reads its colours from: the run overlay (or the timeline's). */
export interface SceneRun {
  nodes: Readonly<Record<string, NodeRunView>>;
  edges: Readonly<Record<string, EdgeRunView>>;
}

/**
 * What the overview and the minimap draw: every node as a box in flow coordinates, every edge between
 * two of them. Pure, from the same flow nodes and edges React Flow gets. Run state is not part of it:
 * the drawings look statuses up when they draw, so a streaming run redraws without rebuilding (and
 * allocating) a scene of thousands of objects ten times a second.
 */
export function buildOverviewScene(
  nodes: readonly ToolFlowNode[],
  edges: readonly WeftFlowEdge[],
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
    sceneEdges.push({
      id: e.id,
      kind: e.data?.kind ?? 'plain',
      onError: e.data?.spec.onError === true,
      selected: e.selected ?? false,
      from,
      to,
    });
  }
  return { nodes: sceneNodes, edges: sceneEdges };
}

/** A node's run status in `run` ('idle' before it ran). */
export function nodeStatus(run: SceneRun, id: string): NodeRunView['status'] | 'idle' {
  return run.nodes[id]?.status ?? 'idle';
}

/** Whether an edge fired, or is dead (did not fire and never will in this run). */
export function edgeState(run: SceneRun, id: string): { fired: boolean; dead: boolean } {
  const view = run.edges[id];
  const fired = (view?.fired ?? 0) > 0;
  return { fired, dead: !fired && view?.dead === true };
}

/** The node whose box contains the flow point, topmost (last drawn) first. */
export function nodeAt(scene: OverviewScene, x: number, y: number): SceneNode | undefined {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i]!;
    if (x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height) return n;
  }
  return undefined;
}
