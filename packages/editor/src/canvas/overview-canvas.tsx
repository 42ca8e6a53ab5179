import { type ReactFlowState, useStore } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ToolFlowNode, WeftFlowEdge } from '../graph/flow-conversion.ts';
import { useThrottledEditor } from '../hooks/use-throttled.ts';
import { useEditor } from '../store/editor-context.tsx';
import { useAppChrome } from '../ui/app-context.tsx';
import { drawOverview, themePalette } from './overview-draw.ts';
import { buildOverviewScene, type OverviewScene } from './overview-scene.ts';

/** The viewport as the overview and the minimap draw it: pan, zoom and size of the pane. */
export const viewSelector = (s: ReactFlowState) => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
});

/**
 * A large graph seen from far away is drawn on one <canvas> instead of as a thousand cards and edges:
 * boxes coloured by run status, edges by kind and state. Panning redraws it in a few milliseconds and
 * a run's status changes cost one redraw per frame. Clicking a box selects the node (see Canvas).
 */
export function OverviewCanvas({
  nodes,
  edges,
  sceneRef,
}: {
  nodes: readonly ToolFlowNode[];
  edges: readonly WeftFlowEdge[];
  sceneRef: { current: OverviewScene | null };
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useStore(useShallow(viewSelector));
  // Status colours follow a streaming run ten times a second: live to the eye, and each redraw of the
  // canvas is a full-size texture for the compositor. The scene (geometry) does not change during a run.
  const run = useThrottledEditor((s) => s.cursorOverlay ?? s.overlay, 100);
  const problemsByNode = useEditor((s) => s.problemsByNode);
  const { theme } = useAppChrome();

  const scene = useMemo(
    () => buildOverviewScene(nodes, edges, (id) => problemsByNode.has(id)),
    [nodes, edges, problemsByNode],
  );
  sceneRef.current = scene;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const frame = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      const width = Math.round(view.width * dpr);
      const height = Math.round(view.height * dpr);
      if (el.width !== width || el.height !== height) {
        el.width = width;
        el.height = height;
      }
      const ctx = el.getContext('2d');
      if (ctx) drawOverview(ctx, scene, run, { ...view, dpr }, themePalette(el, theme), theme);
    });
    return () => cancelAnimationFrame(frame);
  }, [scene, run, view, theme]);

  return (
    <canvas
      ref={canvas}
      className="wf-overview"
      style={{ width: view.width, height: view.height }}
      role="img"
      aria-label="Overview of the whole graph"
      data-testid="overview"
    />
  );
}
