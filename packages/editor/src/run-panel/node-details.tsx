import type { RunEvent } from '@weft/engine';
import { useMemo } from 'react';
import { useEditor } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { formatDuration, STATUS_META } from '../ui/status.ts';
import { JsonTree } from './json-tree.tsx';

/** The selected node in this run: each visit's output and duration, its logs, streamed chunks and errors. */
export function NodeDetails() {
  const nodeId = useEditor((s) => (s.selectedNodeIds.size === 1 ? [...s.selectedNodeIds][0] : undefined));
  const events = useEditor((s) => s.events);
  const cursor = useEditor((s) => s.cursor);
  const view = useEditor((s) => (nodeId ? (s.cursorOverlay ?? s.overlay).nodes[nodeId] : undefined));
  const own = useMemo(
    () =>
      nodeId
        ? events.filter(
            (e): e is Extract<RunEvent, { nodeId: string }> =>
              'nodeId' in e &&
              e.nodeId === nodeId &&
              !e.type.startsWith('edge.') &&
              (cursor === null || e.seq <= cursor),
          )
        : [],
    [events, nodeId, cursor],
  );
  if (!nodeId)
    return (
      <p className="wf-muted wf-pad">Select a node on the canvas to see its outputs, logs and errors.</p>
    );
  if (!view)
    return (
      <p className="wf-muted wf-pad">
        {nodeId} has not run{cursor !== null ? ' by this point' : ''}.
      </p>
    );
  const meta = STATUS_META[view.status];
  return (
    <div className="wf-scroll wf-pad wf-node-details" data-testid="node-details">
      <div className="wf-run-summary__row">
        <strong>{nodeId}</strong>
        <span className="wf-status-pill" data-status={view.status}>
          <Icon name={meta.icon} size={13} /> {meta.label}
        </span>
        <span className="wf-muted">
          {view.visits} visit{view.visits === 1 ? '' : 's'} · {formatDuration(view.totalMs)}
        </span>
      </div>
      {view.error ? (
        <div className="wf-notice wf-notice--error" data-testid="node-error">
          <strong>{view.error.code}</strong>: {view.error.message}
        </div>
      ) : null}
      <ul className="wf-node-details__list">
        {own.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="wf-event__seq">{e.seq}</span>
            <NodeEventBody event={e} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function NodeEventBody({ event }: { event: RunEvent }) {
  switch (event.type) {
    case 'node.started':
      return (
        <span>
          started visit {event.visit}
          {event.attempt > 1 ? `, attempt ${event.attempt}` : ''}
        </span>
      );
    case 'node.completed':
      return (
        <div>
          completed visit {event.visit} in {formatDuration(event.durationMs)}
          {Object.keys(event.patch).length > 0 ? (
            <JsonTree value={event.patch} openDepth={1} />
          ) : (
            <span className="wf-muted"> · no patch</span>
          )}
        </div>
      );
    case 'node.failed':
      return (
        <span className="wf-text-error">
          failed: {event.error.code}: {event.error.message}
          {event.willRetry ? ' (will retry)' : ''}
        </span>
      );
    case 'node.retrying':
      return (
        <span>
          retrying (attempt {event.attempt}) in {event.delayMs} ms
        </span>
      );
    case 'node.skipped':
      return <span className="wf-muted">skipped (every incoming edge was dead)</span>;
    case 'node.log':
      return (
        <span className={`wf-log wf-log--${event.level}`}>
          [{event.level}] {event.message}
        </span>
      );
    case 'node.progress':
      return (
        <span>
          progress {Math.round(event.ratio * 100)}% {event.message ?? ''}
        </span>
      );
    case 'node.stream':
      return (
        <code className="wf-stream">
          {typeof event.chunk === 'string' ? event.chunk : JSON.stringify(event.chunk)}
        </code>
      );
    default:
      return <span>{event.type}</span>;
  }
}
