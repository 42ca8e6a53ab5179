import { type ReactFlowState, useStore } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { GRID_SIZE } from './add-node.ts';

const selector = (s: ReactFlowState) => s.transform;

/**
 * The dotted background, as one layer the compositor slides by less than one grid step while panning:
 * nothing is repainted on a pan (React Flow's own background redraws its pattern on every frame).
 * Too dense to see far out, it is left out there.
 */
export function DotGrid() {
  const [x, y, zoom] = useStore(useShallow(selector));
  const gap = GRID_SIZE * zoom;
  if (gap < 7) return null;
  const ox = (((x % gap) + gap) % gap) - gap;
  const oy = (((y % gap) + gap) % gap) - gap;
  return (
    <div
      className="wf-dots"
      style={{
        backgroundSize: `${gap}px ${gap}px`,
        width: `calc(100% + ${2 * gap}px)`,
        height: `calc(100% + ${2 * gap}px)`,
        transform: `translate(${ox}px, ${oy}px)`,
      }}
    />
  );
}
