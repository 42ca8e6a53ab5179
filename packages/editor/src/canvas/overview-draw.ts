import type { OverviewScene, SceneEdge, SceneNode } from './overview-scene.ts';

export interface OverviewView {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  dpr: number;
}

/** Reads one theme colour (a CSS custom property) from the canvas element's computed style. */
const colour = (style: CSSStyleDeclaration, name: string) => style.getPropertyValue(name).trim() || '#888';

const palettes = new Map<string, Record<string, string>>();

/** The theme's colours, read once per theme (reading CSS variables on every frame shows in profiles). */
function paletteFor(style: CSSStyleDeclaration, theme: string): Record<string, string> {
  let palette = palettes.get(theme);
  if (!palette) {
    palette = {};
    for (const name of PALETTE) palette[name] = colour(style, `--${name}`);
    palettes.set(theme, palette);
  }
  return palette;
}

const PALETTE = [
  'edge-plain',
  'edge-when',
  'edge-else',
  'edge-error',
  'edge-back',
  'edge-fired',
  'accent',
  'danger',
  'surface',
  'border-strong',
  'text',
  'st-idle',
  'st-queued',
  'st-running',
  'st-retrying',
  'st-completed',
  'st-failed',
  'st-skipped',
  'st-waiting',
  'st-cancelled',
];

/** Draws the overview: edges under nodes, culled to the view, in screen pixels. */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  scene: OverviewScene,
  view: OverviewView,
  style: CSSStyleDeclaration,
  theme: 'light' | 'dark',
): void {
  const { zoom, dpr } = view;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  const sx = (x: number) => x * zoom + view.x;
  const sy = (y: number) => y * zoom + view.y;
  const margin = 40;
  const visible = (n: SceneNode) =>
    sx(n.x + n.width) >= -margin &&
    sx(n.x) <= view.width + margin &&
    sy(n.y + n.height) >= -margin &&
    sy(n.y) <= view.height + margin;

  const p = paletteFor(style, theme);
  const colours = {
    plain: p['edge-plain']!,
    when: p['edge-when']!,
    else: p['edge-else']!,
    error: p['edge-error']!,
    back: p['edge-back']!,
    fired: p['edge-fired']!,
    accent: p.accent!,
    danger: p.danger!,
    surface: p.surface!,
    border: p['border-strong']!,
    text: p.text!,
  };
  const status = (s: SceneNode['status']) => p[`st-${s}`] ?? colours.border;

  ctx.lineWidth = Math.max(0.6, 1.4 * Math.min(1, zoom * 3));
  for (const e of scene.edges) {
    if (!visible(e.from) && !visible(e.to)) continue;
    drawEdge(ctx, e, sx, sy, zoom, e.selected ? colours.accent : e.fired ? colours.fired : colours[e.kind]);
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  const labels = 224 * zoom >= 60;
  ctx.font = `${Math.max(9, Math.min(12, 13 * zoom * 2))}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (const n of scene.nodes) {
    if (!visible(n)) continue;
    const x = sx(n.x);
    const y = sy(n.y);
    const w = n.width * zoom;
    const h = n.height * zoom;
    const st = n.status === 'idle' ? null : status(n.status);
    ctx.globalAlpha = n.status === 'skipped' ? 0.5 : 1;
    ctx.fillStyle = colours.surface;
    ctx.fillRect(x, y, w, h);
    if (st) {
      ctx.fillStyle = st;
      ctx.globalAlpha = (n.status === 'skipped' ? 0.5 : 1) * (theme === 'dark' ? 0.35 : 0.22);
      ctx.fillRect(x, y, w, h);
      ctx.globalAlpha = n.status === 'skipped' ? 0.5 : 1;
    }
    ctx.strokeStyle = n.selected ? colours.accent : n.invalid ? colours.danger : (st ?? colours.border);
    ctx.lineWidth = n.selected ? 2 : 1;
    ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
    if (labels) {
      ctx.fillStyle = colours.text;
      ctx.fillText(n.label, x + 6, y + Math.min(h / 2, 12 * zoom * 2), w - 12);
    }
  }
  ctx.globalAlpha = 1;
}

function drawEdge(
  ctx: CanvasRenderingContext2D,
  e: SceneEdge,
  sx: (x: number) => number,
  sy: (y: number) => number,
  zoom: number,
  stroke: string,
): void {
  const { from, to } = e;
  const x1 = e.onError ? sx(from.x + from.width - 18) : sx(from.x + from.width);
  const y1 = e.onError ? sy(from.y + from.height) : sy(from.y + from.height / 2);
  const x2 = sx(to.x);
  const y2 = sy(to.y + to.height / 2);
  ctx.strokeStyle = stroke;
  ctx.globalAlpha = e.dead ? 0.25 : 0.9;
  ctx.setLineDash(e.kind === 'else' ? [4, 3] : e.kind === 'error' || e.kind === 'back' ? [2, 3] : []);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  if (e.kind === 'back') {
    const low = Math.max(y1, y2) + (Math.max(from.height, to.height) / 2 + 36) * zoom;
    const swing = 56 * zoom;
    ctx.bezierCurveTo(x1 + swing, y1, x1 + swing, low, x1, low);
    ctx.lineTo(x2, low);
    ctx.bezierCurveTo(x2 - swing, low, x2 - swing, y2, x2, y2);
  } else {
    const dx = Math.max(20 * zoom, Math.abs(x2 - x1) / 2);
    ctx.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2);
  }
  ctx.stroke();
}
