import { describe, expect, it } from 'vitest';
import { fitTransform, minimapBounds } from './minimap-draw.ts';
import type { OverviewScene } from './overview-scene.ts';

const node = (id: string, x: number, y: number) => ({
  id,
  x,
  y,
  width: 100,
  height: 50,
  label: id,
  selected: false,
  invalid: false,
});

describe('minimap geometry', () => {
  it('bounds every node and the view, with a margin', () => {
    const scene: OverviewScene = { nodes: [node('a', 0, 0), node('b', 900, 400)], edges: [] };
    const b = minimapBounds(scene, { x: -100, y: 0, width: 200, height: 100 });
    expect(b).toEqual({ x: -155, y: -55, width: 1210, height: 560 });
  });

  it('fits and centres the bounds', () => {
    const t = fitTransform({ x: 0, y: 0, width: 200, height: 100 }, 100, 100);
    expect(t.scale).toBe(0.5);
    expect(t.offsetX).toBe(0);
    expect(t.offsetY).toBe(25);
  });
});
