import { memo, useEffect, useState } from 'react';
import { useThrottledEditor } from '../hooks/use-throttled.ts';
import { CodeEditor } from '../monaco/code-editor.tsx';
import { ValidationPanel } from '../panels/validation-panel.tsx';
import { useConnectionState, useRunController } from '../run/run-context.tsx';
import { useEditor } from '../store/editor-context.tsx';
import { Icon, IconButton } from '../ui/icons.tsx';
import { formatDuration, STATUS_META } from '../ui/status.ts';
import { EventLog } from './event-log.tsx';
import { NodeDetails } from './node-details.tsx';
import { RunHistory } from './run-history.tsx';
import { StateView } from './state-view.tsx';
import { Timeline } from './timeline.tsx';

export type RunPanelTab = 'input' | 'events' | 'state' | 'node' | 'problems' | 'history';

/** The bottom panel: run input, the run's events, state and node details with a timeline, problems, history. */
export const RunPanel = memo(function RunPanel(props: {
  tab: RunPanelTab;
  onTab(tab: RunPanelTab): void;
  collapsed: boolean;
  onToggle(): void;
  input: string;
  inputError: string | null;
  onInput(text: string): void;
  onResume(): void;
}) {
  const problemCount = useEditor((s) => s.problems.length);
  const eventCount = useThrottledEditor((s) => s.events.length, 200);
  const hasRun = useEditor((s) => s.run !== null);
  const tabs: Array<{ id: RunPanelTab; label: string; badge?: number | null }> = [
    { id: 'input', label: 'Input' },
    { id: 'events', label: 'Events', badge: eventCount || null },
    { id: 'state', label: 'State' },
    { id: 'node', label: 'Node' },
    { id: 'problems', label: 'Problems', badge: problemCount || null },
    { id: 'history', label: 'History' },
  ];
  return (
    <section
      className={`wf-runpanel${props.collapsed ? ' wf-runpanel--collapsed' : ''}`}
      aria-label="Run panel"
      data-testid="run-panel"
    >
      <div className="wf-runpanel__bar">
        <IconButton
          icon={props.collapsed ? 'chevronRight' : 'chevronDown'}
          onClick={props.onToggle}
          title={props.collapsed ? 'Expand panel' : 'Collapse panel'}
          testId="run-panel-toggle"
        />
        <div className="wf-tabs" role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={props.tab === t.id}
              className={`wf-tab${props.tab === t.id ? ' wf-tab--on' : ''}`}
              onClick={() => {
                props.onTab(t.id);
                if (props.collapsed) props.onToggle();
              }}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
              {t.badge ? (
                <span className={`wf-tab__badge${t.id === 'problems' ? ' wf-tab__badge--warn' : ''}`}>
                  {t.badge}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        <div className="wf-spacer" />
        {hasRun ? (
          <RunStatusBar onResume={props.onResume} />
        ) : (
          <span className="wf-muted">No run yet — press Run (Ctrl+Enter)</span>
        )}
      </div>
      {props.collapsed ? null : (
        <div className="wf-runpanel__body">
          {props.tab === 'input' ? (
            <div className="wf-input-tab">
              <p className="wf-muted">
                Run input (JSON). An object is applied to the initial state; the graph also sees it as{' '}
                <code>input</code>.
              </p>
              <CodeEditor
                language="json"
                value={props.input}
                onChange={props.onInput}
                minLines={4}
                maxLines={14}
                testId="run-input"
                ariaLabel="Run input"
                markers={props.inputError ? [{ message: props.inputError }] : []}
              />
              {props.inputError ? <span className="wf-field__error">{props.inputError}</span> : null}
            </div>
          ) : props.tab === 'events' ? (
            <EventLog />
          ) : props.tab === 'state' ? (
            <StateView />
          ) : props.tab === 'node' ? (
            <NodeDetails />
          ) : props.tab === 'problems' ? (
            <ValidationPanel />
          ) : (
            <RunHistory />
          )}
          {props.tab === 'events' || props.tab === 'state' || props.tab === 'node' ? <Timeline /> : null}
        </div>
      )}
    </section>
  );
});

function RunStatusBar({ onResume }: { onResume(): void }) {
  const run = useEditor((s) => s.run);
  const overlayStatus = useEditor((s) => s.overlay.status);
  const error = useEditor((s) => s.overlay.error ?? s.run?.error ?? null);
  const replay = useEditor((s) => s.replay);
  const controller = useRunController();
  const connection = useConnectionState();
  const status = overlayStatus === 'idle' ? (run?.status ?? 'queued') : overlayStatus;
  const meta = STATUS_META[status];
  const elapsed = useElapsed(
    run?.startedAt ?? run?.createdAt ?? null,
    run?.finishedAt ?? null,
    status === 'running',
  );
  if (!run) return null;
  return (
    <div className="wf-runstatus">
      <span className="wf-status-pill" data-status={status} data-testid="run-status">
        <Icon name={meta.icon} size={13} /> {meta.label}
      </span>
      {replay ? <span className="wf-badge">replay</span> : null}
      <span className="wf-mono wf-muted" title={`Run ${run.id}`}>
        …{run.id.slice(-6)}
      </span>
      {run.graphVersion === null ? (
        <span className="wf-badge">draft</span>
      ) : (
        <span className="wf-badge">v{run.graphVersion}</span>
      )}
      {elapsed !== null ? <span className="wf-muted">{formatDuration(elapsed)}</span> : null}
      {connection === 'connecting' ? <span className="wf-muted">reconnecting…</span> : null}
      {connection === 'live' ? (
        <span className="wf-live" title="Live updates">
          live
        </span>
      ) : null}
      {error && status === 'failed' ? (
        <span className="wf-text-error wf-runstatus__error" title={error.message} data-testid="run-error">
          {error.code}: {error.message}
        </span>
      ) : null}
      {status === 'waiting' ? (
        <button
          type="button"
          className="wf-button wf-button--small wf-button--primary"
          onClick={onResume}
          data-testid="open-resume"
        >
          <Icon name="hand" size={14} /> Resume…
        </button>
      ) : null}
      {status === 'running' || status === 'queued' || status === 'waiting' ? (
        <button
          type="button"
          className="wf-button wf-button--small"
          onClick={() => void controller.cancel()}
          data-testid="cancel-run"
        >
          <Icon name="stop" size={12} /> Cancel
        </button>
      ) : null}
      <IconButton
        icon="x"
        size={14}
        title="Clear the run from the canvas"
        onClick={() => controller.close()}
        testId="clear-run"
      />
    </div>
  );
}

/** Milliseconds between `from` and `to` (or now, ticking while `live`). */
function useElapsed(from: string | null, to: string | null, live: boolean): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [live]);
  if (!from) return null;
  const end = to ? Date.parse(to) : live ? now : null;
  return end === null ? null : Math.max(0, end - Date.parse(from));
}
