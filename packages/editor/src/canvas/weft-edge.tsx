import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath, useStore } from '@xyflow/react';
import { memo } from 'react';
import type { WeftFlowEdge } from '../graph/flow-conversion.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { loopPath, shortCondition } from './edge-path.ts';

/**
 * An edge drawn by its kind (plain, `when`, `else`, `onError`, loop) with its condition as a label, and its
 * run state: fired edges coloured and animated while the run goes on, dead ones dimmed.
 */
function WeftEdgeView(props: EdgeProps<WeftFlowEdge>) {
  const { id, data, selected, source } = props;
  const spec = data?.spec;
  const kind = data?.kind ?? 'plain';
  const run = useEditor((s) => (s.cursorOverlay ?? s.overlay).edges[id]);
  const running = useEditor((s) => (s.cursorOverlay ?? s.overlay).status === 'running');
  const invalid = useEditor((s) => s.problemsByEdge.has(id));
  const api = useEditorApi();
  const sourceHeight = useStore((s) => s.nodeLookup.get(source)?.measured.height ?? 80);

  const [path, labelX, labelY] =
    kind === 'back'
      ? loopPath({ x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY }, sourceHeight)
      : getBezierPath({
          sourceX: props.sourceX,
          sourceY: props.sourceY,
          sourcePosition: props.sourcePosition,
          targetX: props.targetX,
          targetY: props.targetY,
          targetPosition: props.targetPosition,
        });

  const fired = (run?.fired ?? 0) > 0;
  const dead = !fired && run?.dead === true;
  const classes = [
    'wf-edge',
    `wf-edge--${kind}`,
    fired ? 'wf-edge--fired' : '',
    fired && running ? 'wf-edge--flowing' : '',
    dead ? 'wf-edge--dead' : '',
    selected ? 'wf-edge--selected' : '',
    invalid ? 'wf-edge--invalid' : '',
  ].join(' ');
  const marker = selected ? 'selected' : fired ? 'fired' : kind;

  const condition = spec?.when ? shortCondition(spec.when) : null;
  const chips: string[] = [];
  if (kind === 'back') chips.push('loop');
  if (spec?.onError) chips.push('on error');
  if (spec?.else) chips.push('else');
  // The fire count is shown on loops (how many iterations); on other edges it would only repeat it.
  const count = kind === 'back' && (run?.fired ?? 0) > 1 ? run?.fired : undefined;
  const hasLabel = chips.length > 0 || condition || spec?.label || invalid;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes}
        markerEnd={`url(#wf-arrow-${marker})`}
        interactionWidth={18}
      />
      {hasLabel ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`wf-edge-label wf-edge-label--${kind} nodrag nopan${selected ? ' wf-edge-label--selected' : ''}${dead ? ' wf-edge-label--dead' : ''}${invalid ? ' wf-edge-label--invalid' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            title={spec?.when ?? spec?.label ?? ''}
            onClick={(e) => api.getState().select({ edges: [id] }, e.shiftKey ? 'add' : 'replace')}
          >
            {spec?.label ? <span className="wf-edge-label__text">{spec.label}</span> : null}
            {chips.map((c) => (
              <span key={c} className={`wf-edge-label__chip wf-edge-label__chip--${c.replace(' ', '-')}`}>
                {c}
              </span>
            ))}
            {condition ? <code className="wf-edge-label__when">{condition}</code> : null}
            {count ? <span className="wf-edge-label__count">×{count}</span> : null}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const WeftEdge = memo(WeftEdgeView);

const MARKERS = ['plain', 'when', 'else', 'error', 'back', 'fired', 'selected'] as const;

/** Arrowheads for every edge style, defined once; their colours follow the theme's CSS variables. */
export function EdgeMarkers() {
  return (
    <svg className="wf-edge-markers" aria-hidden="true">
      <defs>
        {MARKERS.map((m) => (
          <marker
            key={m}
            id={`wf-arrow-${m}`}
            viewBox="0 0 10 10"
            refX="8.5"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className={`wf-marker wf-marker--${m}`} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
