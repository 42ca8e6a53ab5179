import { Handle, type NodeProps, Position, type ReactFlowState, useStore } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { ERROR_HANDLE, IN_HANDLE, OUT_HANDLE, type ToolFlowNode } from '../graph/flow-conversion.ts';
import { nodePorts } from '../graph/ports.ts';
import { useEditor } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { formatDuration, STATUS_META } from '../ui/status.ts';
import { categoryIcon } from './category-icon.ts';

const MAX_PORTS = 4;
/** Below this zoom a card is a few pixels wide: it is drawn as a plain box with its status colour. */
export const FAR_ZOOM = 0.35;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/**
 * A node card: label, tool, validation badge, reads/writes, and its live run status. It subscribes to
 * its own slice of the store only (its tool, its problem count, its run view), so a run event re-renders
 * just the nodes it concerns. The status is also put on React Flow's wrapper as `data-status`.
 */
function ToolNodeView({ id, data, selected, height }: NodeProps<ToolFlowNode>) {
  const spec = data.spec;
  const tool = useEditor((s) => s.toolsById.get(spec.tool));
  const toolsLoaded = useEditor((s) => s.tools.length > 0);
  const problemCount = useEditor((s) => s.problemsByNode.get(id)?.length ?? 0);
  const firstProblem = useEditor((s) => s.problemsByNode.get(id)?.[0]?.message);
  const run = useEditor((s) => (s.cursorOverlay ?? s.overlay).nodes[id]);
  const status = run?.status ?? 'idle';
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    ref.current?.parentElement?.setAttribute('data-status', status);
  }, [status]);

  // Level of detail: far out, a measured card keeps its size (React Flow need not re-measure it, edges keep
  // their anchors) but renders nothing inside, so a thousand cards and their status changes stay cheap.
  const far = useStore(isFar);
  if (far && height) {
    return (
      <div
        ref={ref}
        className={`wf-node wf-node--far${selected ? ' wf-node--selected' : ''}`}
        data-status={status}
        data-testid={`node-${id}`}
        data-invalid={problemCount > 0 || undefined}
        style={{ height }}
        title={spec.label ?? spec.id}
      >
        <Handle type="target" position={Position.Left} id={IN_HANDLE} className="wf-handle" />
        <Handle type="source" position={Position.Right} id={OUT_HANDLE} className="wf-handle" />
        <Handle
          type="source"
          position={Position.Bottom}
          id={ERROR_HANDLE}
          className="wf-handle wf-handle--error"
        />
      </div>
    );
  }

  const { reads, writes } = nodePorts(spec, tool);
  const meta = STATUS_META[status];
  const unknownTool = toolsLoaded && !tool;
  return (
    <div
      ref={ref}
      className={`wf-node${selected ? ' wf-node--selected' : ''}`}
      data-status={status}
      data-testid={`node-${id}`}
      data-invalid={problemCount > 0 || undefined}
    >
      <Handle type="target" position={Position.Left} id={IN_HANDLE} className="wf-handle" />
      <div className="wf-node__header">
        <span className="wf-node__icon" data-category={(tool?.category ?? '').toLowerCase()}>
          <Icon name={categoryIcon(tool?.category)} size={14} />
        </span>
        <span className="wf-node__label" title={spec.label ?? spec.id}>
          {spec.label || spec.id}
        </span>
        {run && run.visits > 1 ? (
          <span className="wf-node__visits" title={`${run.visits} visits`} data-testid={`visits-${id}`}>
            ×{run.visits}
          </span>
        ) : null}
        {problemCount > 0 ? (
          <span className="wf-node__problems" title={firstProblem} data-testid={`problems-${id}`}>
            <Icon name="alert" size={12} />
            {problemCount}
          </span>
        ) : null}
        {status !== 'idle' ? (
          <span className="wf-node__status" title={meta.label} data-testid={`status-${id}`}>
            <Icon name={meta.icon} size={14} />
          </span>
        ) : null}
      </div>
      <div className="wf-node__tool">
        <span className={unknownTool ? 'wf-node__tool--unknown' : undefined}>{spec.tool}</span>
        {spec.label && spec.label !== spec.id ? <span className="wf-node__id">#{spec.id}</span> : null}
      </div>
      {reads.length > 0 || writes.length > 0 ? (
        <div className="wf-node__ports">
          {reads.length > 0 ? <PortList kind="reads" keys={reads} /> : null}
          {writes.length > 0 ? <PortList kind="writes" keys={writes} /> : null}
        </div>
      ) : null}
      {/* Run details hang below the card, out of its layout: a status change never resizes the node, so
          React Flow does not re-measure a thousand nodes while a run streams. */}
      {run?.progress && status === 'running' ? (
        <div className="wf-node__progress" title={run.progress.message}>
          <span style={{ width: `${Math.round(Math.min(1, Math.max(0, run.progress.ratio)) * 100)}%` }} />
        </div>
      ) : null}
      {run && (status === 'failed' || status === 'retrying') && run.error ? (
        <div className="wf-node__note wf-node__error" data-testid={`error-${id}`} title={run.error.message}>
          <strong>{run.error.code}</strong> {run.error.message}
        </div>
      ) : null}
      {run && status === 'completed' && run.durationMs !== undefined ? (
        <div className="wf-node__note wf-node__footer">
          {meta.label} in {formatDuration(run.totalMs)}
          {run.visits > 1 ? ` · ${run.visits} visits` : ''}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} id={OUT_HANDLE} className="wf-handle" />
      <Handle
        type="source"
        position={Position.Bottom}
        id={ERROR_HANDLE}
        className="wf-handle wf-handle--error"
        title="On error: drag from here for an edge taken when this node fails"
      />
    </div>
  );
}

function PortList({ kind, keys }: { kind: 'reads' | 'writes'; keys: string[] }) {
  const shown = keys.slice(0, MAX_PORTS);
  return (
    <div className={`wf-ports wf-ports--${kind}`} title={`${kind}: ${keys.join(', ')}`}>
      <span className="wf-ports__label">{kind === 'reads' ? 'in' : 'out'}</span>
      {shown.map((k) => (
        <span key={k} className="wf-port">
          {k}
        </span>
      ))}
      {keys.length > MAX_PORTS ? (
        <span className="wf-port wf-port--more">+{keys.length - MAX_PORTS}</span>
      ) : null}
    </div>
  );
}

export const ToolNode = memo(ToolNodeView);
