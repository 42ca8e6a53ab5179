import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { type PointerEvent, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ToolFlowNode, WeftFlowEdge } from '../graph/flow-conversion.ts';
import { useThrottledEditor } from '../hooks/use-throttled.ts';
import { useAppChrome } from '../ui/app-context.tsx';
import { drawMiniMap, type fitTransform } from './minimap-draw.ts';
import { viewSelector } from './overview-canvas.tsx';
import { themePalette } from './overview-draw.ts';
import { buildOverviewScene } from './overview-scene.ts';

const WIDTH = 168;
const HEIGHT = 108;

/**
 * The minimap: every node as a dot coloured by its run status and the visible part of the graph, on a
 * small canvas (React Flow's SVG minimap repaints a thousand rectangles on every pan frame). Click or
 * drag in it to move the view; scroll in it to zoom.
 */
export function MiniMapCanvas({
  nodes,
  edges,
}: {
  nodes: readonly ToolFlowNode[];
  edges: readonly WeftFlowEdge[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useRef<ReturnType<typeof fitTransform> | null>(null);
  const view = useStore(useShallow(viewSelector));
  // Status colours follow a streaming run ten times a second: live to the eye, and each redraw of the
  // canvas is a full-size texture for the compositor.
  const run = useThrottledEditor((s) => s.cursorOverlay ?? s.overlay, 100);
  const flow = useReactFlow();
  const { theme } = useAppChrome();
  const scene = useMemo(() => buildOverviewScene(nodes, edges, () => false), [nodes, edges]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || view.width === 0) return;
    const frame = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      if (el.width !== WIDTH * dpr) {
        el.width = WIDTH * dpr;
        el.height = HEIGHT * dpr;
      }
      const ctx = el.getContext('2d');
      if (!ctx) return;
      const palette = themePalette(el, theme);
      transform.current = drawMiniMap(
        ctx,
        scene,
        run,
        {
          x: -view.x / view.zoom,
          y: -view.y / view.zoom,
          width: view.width / view.zoom,
          height: view.height / view.zoom,
        },
        { width: WIDTH, height: HEIGHT, dpr },
        {
          node: palette['border-strong']!,
          selected: palette.accent!,
          mask: theme === 'dark' ? 'rgba(0, 0, 0, 0.45)' : 'rgba(15, 23, 42, 0.08)',
          frame: palette.accent!,
          status: (s) => (s === 'idle' ? null : (palette[`st-${s}`] ?? null)),
        },
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [scene, run, view, theme]);

  const moveTo = (e: PointerEvent<HTMLCanvasElement>) => {
    const t = transform.current;
    if (!t) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - box.left - t.offsetX) / t.scale;
    const y = (e.clientY - box.top - t.offsetY) / t.scale;
    void flow.setCenter(x, y, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right" className="wf-minimap">
      <canvas
        ref={canvas}
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="minimap"
        aria-label="Minimap: click or drag to move the view"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
        }}
        onWheel={(e) => {
          const zoom = flow.getZoom() * (e.deltaY < 0 ? 1.2 : 1 / 1.2);
          void flow.zoomTo(zoom);
        }}
      />
    </Panel>
  );
}
