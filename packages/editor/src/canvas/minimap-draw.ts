import { nodeStatus, type OverviewScene, type SceneRun } from './overview-scene.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The flow-space box the minimap shows: every node and the current view, with a margin. */
export function minimapBounds(scene: OverviewScene, view: Rect): Rect {
  let minX = view.x;
  let minY = view.y;
  let maxX = view.x + view.width;
  let maxY = view.y + view.height;
  for (const n of scene.nodes) {
    if (n.x < minX) minX = n.x;
    if (n.y < minY) minY = n.y;
    if (n.x + n.width > maxX) maxX = n.x + n.width;
    if (n.y + n.height > maxY) maxY = n.y + n.height;
  }
  const margin = Math.max(maxX - minX, maxY - minY) * 0.05;
  return {
    x: minX - margin,
    y: minY - margin,
    width: maxX - minX + 2 * margin,
    height: maxY - minY + 2 * margin,
  };
}

/** Scale and offset that fit `bounds` into a `width` × `height` box, centred. */
export function fitTransform(bounds: Rect, width: number, height: number) {
  const scale = Math.min(width / bounds.width, height / bounds.height);
  return {
    scale,
    offsetX: (width - bounds.width * scale) / 2 - bounds.x * scale,
    offsetY: (height - bounds.height * scale) / 2 - bounds.y * scale,
  };
}

/** Draws nodes as small boxes coloured by run status, and shades everything outside the view. */
export function drawMiniMap(
  ctx: CanvasRenderingContext2D,
  scene: OverviewScene,
  run: SceneRun,
  view: Rect,
  size: { width: number; height: number; dpr: number },
  colours: {
    node: string;
    selected: string;
    mask: string;
    frame: string;
    status: (s: string) => string | null;
  },
): ReturnType<typeof fitTransform> {
  const bounds = minimapBounds(scene, view);
  const t = fitTransform(bounds, size.width, size.height);
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  for (const n of scene.nodes) {
    ctx.fillStyle = n.selected ? colours.selected : (colours.status(nodeStatus(run, n.id)) ?? colours.node);
    ctx.fillRect(
      n.x * t.scale + t.offsetX,
      n.y * t.scale + t.offsetY,
      Math.max(1, n.width * t.scale),
      Math.max(1, n.height * t.scale),
    );
  }
  const vx = view.x * t.scale + t.offsetX;
  const vy = view.y * t.scale + t.offsetY;
  const vw = view.width * t.scale;
  const vh = view.height * t.scale;
  ctx.fillStyle = colours.mask;
  ctx.beginPath();
  ctx.rect(0, 0, size.width, size.height);
  ctx.rect(vx, vy, vw, vh);
  ctx.fill('evenodd');
  ctx.strokeStyle = colours.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(vx + 0.5, vy + 0.5, vw - 1, vh - 1);
  return t;
}
