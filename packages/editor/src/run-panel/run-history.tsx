import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/api-client.ts';
import type { RunRecord } from '../api/api-types.ts';
import { useRunController } from '../run/run-context.tsx';
import { useEditor } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { formatDuration, formatRelative, STATUS_META } from '../ui/status.ts';

/** Past runs of this graph; opening one replays it on the canvas. */
export function RunHistory() {
  const graphId = useEditor((s) => s.doc.id);
  const current = useEditor((s) => s.run?.id);
  const currentStatus = useEditor((s) => s.run?.status);
  const controller = useRunController();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRuns((await api.runs({ graphId, limit: 50 })).runs);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [graphId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a run starts or changes status, so the list shows it.
  useEffect(() => {
    void load();
  }, [load, current, currentStatus]);

  if (error) return <p className="wf-notice wf-notice--error wf-pad">{error}</p>;
  if (!runs) return <p className="wf-muted wf-pad">Loading runs…</p>;
  if (runs.length === 0) return <p className="wf-muted wf-pad">This graph has not run yet.</p>;
  return (
    <div className="wf-scroll">
      <table className="wf-table wf-table--compact" data-testid="run-history">
        <thead>
          <tr>
            <th>Status</th>
            <th>Run</th>
            <th>Version</th>
            <th>Started</th>
            <th>Duration</th>
            <th aria-label="Open" />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const meta = STATUS_META[run.status];
            const duration =
              run.startedAt && run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
            return (
              <tr
                key={run.id}
                className={run.id === current ? 'wf-row--current' : undefined}
                data-testid={`history-run-${run.id}`}
              >
                <td>
                  <span className="wf-status-pill" data-status={run.status}>
                    <Icon name={meta.icon} size={13} /> {meta.label}
                  </span>
                </td>
                <td className="wf-mono">{run.id}</td>
                <td>
                  {run.graphVersion === null ? (
                    <span className="wf-muted">draft</span>
                  ) : (
                    `v${run.graphVersion}`
                  )}
                </td>
                <td className="wf-muted">{formatRelative(run.createdAt)}</td>
                <td className="wf-muted">{duration === null ? '—' : formatDuration(duration)}</td>
                <td>
                  <button
                    type="button"
                    className="wf-button wf-button--small"
                    onClick={() => void controller.open(run.id)}
                  >
                    {run.id === current ? 'Shown' : 'Replay'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
