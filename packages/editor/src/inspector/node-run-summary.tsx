import { useEditor } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { formatDuration, STATUS_META } from '../ui/status.ts';

/** The selected node's part of the run on the canvas: status, visits, duration, error, last output. */
export function NodeRunSummary({ nodeId }: { nodeId: string }) {
  const view = useEditor((s) => (s.cursorOverlay ?? s.overlay).nodes[nodeId]);
  if (!view) return null;
  const meta = STATUS_META[view.status];
  return (
    <div className="wf-run-summary" data-status={view.status} data-testid="node-run-summary">
      <div className="wf-run-summary__row">
        <span className="wf-status-pill" data-status={view.status}>
          <Icon name={meta.icon} size={13} /> {meta.label}
        </span>
        {view.visits > 1 ? <span className="wf-muted">{view.visits} visits</span> : null}
        {view.totalMs > 0 ? <span className="wf-muted">{formatDuration(view.totalMs)}</span> : null}
        {view.attempt > 1 ? <span className="wf-muted">attempt {view.attempt}</span> : null}
      </div>
      {view.error ? (
        <div className="wf-notice wf-notice--error">
          <strong>{view.error.code}</strong>: {view.error.message}
        </div>
      ) : null}
      {view.output && Object.keys(view.output).length > 0 ? (
        <pre className="wf-pre">{JSON.stringify(view.output, null, 2)}</pre>
      ) : null}
    </div>
  );
}
