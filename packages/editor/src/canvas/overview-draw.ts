import {
  edgeState,
  nodeStatus,
  type OverviewScene,
  type SceneEdge,
  type SceneNode,
  type SceneRun,
} from './overview-scene.ts';

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

/**
 * The theme's colours for canvas drawings, read from `element`'s CSS variables once per theme: reading a
 * computed style forces the page's style (and layout) up to date, which in a frame that also changed the
 * DOM costs tens of milliseconds.
 */
export function themePalette(element: Element, theme: string): Readonly<Record<string, string>> {
  let palette = palettes.get(theme);
  if (!palette) {
    const style = getComputedStyle(element);
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

/** Draws the overview: edges under nodes, culled to the view, in screen pixels, coloured by `run`. */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  scene: OverviewScene,
  run: SceneRun,
  view: OverviewView,
  p: Readonly<Record<string, string>>,
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
  const statusColour = (s: string) => p[`st-${s}`] ?? colours.border;

  // Shapes of one look go into one path, stroked or filled once: a software canvas pays per stroke and
  // fill call far more than per shape, and a thousand nodes with their edges would be thousands of calls.
  ctx.lineWidth = Math.max(0.6, 1.4 * Math.min(1, zoom * 3));
  const edgeGroups = new Map<
    string,
    { stroke: string; dead: boolean; kind: SceneEdge['kind']; edges: SceneEdge[] }
  >();
  for (const e of scene.edges) {
    if (!visible(e.from) && !visible(e.to)) continue;
    const state = edgeState(run, e.id);
    const stroke = e.selected ? colours.accent : state.fired ? colours.fired : colours[e.kind];
    const key = `${stroke}|${state.dead}|${dashOf(e.kind)}`;
    let group = edgeGroups.get(key);
    if (!group) {
      group = { stroke, dead: state.dead, kind: e.kind, edges: [] };
      edgeGroups.set(key, group);
    }
    group.edges.push(e);
  }
  for (const group of edgeGroups.values()) {
    ctx.strokeStyle = group.stroke;
    ctx.globalAlpha = group.dead ? 0.25 : 0.9;
    ctx.setLineDash(DASHES[dashOf(group.kind)]);
    ctx.beginPath();
    for (const e of group.edges) traceEdge(ctx, e, sx, sy, zoom);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  const byStatus = new Map<string, SceneNode[]>();
  const marked: SceneNode[] = [];
  for (const n of scene.nodes) {
    if (!visible(n)) continue;
    const status = nodeStatus(run, n.id);
    const list = byStatus.get(status);
    if (list) list.push(n);
    else byStatus.set(status, [n]);
    if (n.selected || n.invalid) marked.push(n);
  }
  const rects = (nodes: readonly SceneNode[], inset: number) => {
    ctx.beginPath();
    for (const n of nodes)
      ctx.rect(sx(n.x) + inset, sy(n.y) + inset, n.width * zoom - 2 * inset, n.height * zoom - 2 * inset);
  };
  ctx.lineWidth = 1;
  for (const [status, nodes] of byStatus) {
    const alpha = status === 'skipped' ? 0.5 : 1;
    const st = status === 'idle' ? null : statusColour(status);
    ctx.globalAlpha = alpha;
    ctx.fillStyle = colours.surface;
    rects(nodes, 0);
    ctx.fill();
    if (st) {
      ctx.fillStyle = st;
      ctx.globalAlpha = alpha * (theme === 'dark' ? 0.35 : 0.22);
      ctx.fill();
      ctx.globalAlpha = alpha;
    }
    ctx.strokeStyle = st ?? colours.border;
    rects(nodes, 0.5);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  for (const n of marked) {
    ctx.strokeStyle = n.selected ? colours.accent : colours.danger;
    ctx.lineWidth = n.selected ? 2 : 1;
    ctx.strokeRect(sx(n.x) + 0.5, sy(n.y) + 0.5, n.width * zoom - 1, n.height * zoom - 1);
  }

  if (224 * zoom >= 60) {
    // Setting a font makes the browser bring the page's style and layout up to date: only when it changes.
    const font = `${Math.round(Math.max(9, Math.min(12, 13 * zoom * 2)))}px system-ui, sans-serif`;
    if (ctx.font !== font) ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = colours.text;
    for (const [status, nodes] of byStatus) {
      ctx.globalAlpha = status === 'skipped' ? 0.5 : 1;
      for (const n of nodes) {
        const h = n.height * zoom;
        ctx.fillText(n.label, sx(n.x) + 6, sy(n.y) + Math.min(h / 2, 12 * zoom * 2), n.width * zoom - 12);
      }
    }
  }
  ctx.globalAlpha = 1;
}

const DASHES = { solid: [], dashed: [4, 3], dotted: [2, 3] } satisfies Record<string, number[]>;

function dashOf(kind: SceneEdge['kind']): keyof typeof DASHES {
  return kind === 'else' ? 'dashed' : kind === 'error' || kind === 'back' ? 'dotted' : 'solid';
}

/** Adds an edge's curve to the current path (a loop swings under its nodes). */
function traceEdge(
  ctx: CanvasRenderingContext2D,
  e: SceneEdge,
  sx: (x: number) => number,
  sy: (y: number) => number,
  zoom: number,
): void {
  const { from, to } = e;
  const x1 = e.onError ? sx(from.x + from.width - 18) : sx(from.x + from.width);
  const y1 = e.onError ? sy(from.y + from.height) : sy(from.y + from.height / 2);
  const x2 = sx(to.x);
  const y2 = sy(to.y + to.height / 2);
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
}
