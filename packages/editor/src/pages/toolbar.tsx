import { useEditor } from '../store/editor-context.tsx';
import { Icon, IconButton } from '../ui/icons.tsx';
import { navigate } from '../ui/router.ts';

export interface ToolbarActions {
  save(): void;
  run(): void;
  cancel(): void;
  layout(): void;
  fit(): void;
  versions(): void;
  exportJson(): void;
  help(): void;
  problems(): void;
}

/** The editor's part of the top bar: back link, graph title and save state, edit tools, Save and Run. */
export function Toolbar({
  actions,
  saving,
  starting,
}: {
  actions: ToolbarActions;
  saving: boolean;
  starting: boolean;
}) {
  const name = useEditor((s) => s.doc.name);
  const id = useEditor((s) => s.doc.id);
  const version = useEditor((s) => s.version);
  const dirty = useEditor((s) => s.doc !== s.savedDoc);
  const undoLabel = useEditor((s) => s.history.past.at(-1)?.label);
  const redoLabel = useEditor((s) => s.history.future.at(-1)?.label);
  const problemCount = useEditor((s) => s.problems.length);
  const analyzed = useEditor((s) => s.analyzedDoc !== null);
  const status = useEditor((s) => (s.overlay.status === 'idle' ? s.run?.status : s.overlay.status));
  const live = status === 'running' || status === 'queued';
  const readOnly = useEditor((s) => s.runView !== null);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);

  return (
    <div className="wf-toolbar">
      <IconButton icon="back" onClick={() => navigate('/')} title="All graphs" testId="back-to-graphs" />
      <div className="wf-toolbar__title">
        <span className="wf-toolbar__name" data-testid="graph-title">
          {name}
        </span>
        <span className="wf-toolbar__meta">
          <span className="wf-mono">{id}</span>
          {version !== null ? <span className="wf-badge">v{version}</span> : null}
          {readOnly ? (
            <span className="wf-badge wf-badge--warn" data-testid="read-only-indicator">
              read-only
            </span>
          ) : dirty ? (
            <span className="wf-unsaved" data-testid="unsaved-indicator">
              ● unsaved
            </span>
          ) : (
            <span className="wf-muted" data-testid="saved-indicator">
              saved
            </span>
          )}
        </span>
      </div>
      <div className="wf-toolbar__group">
        <IconButton
          icon="undo"
          onClick={undo}
          disabled={!undoLabel}
          title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
          testId="undo-button"
        />
        <IconButton
          icon="redo"
          onClick={redo}
          disabled={!redoLabel}
          title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          testId="redo-button"
        />
        <span className="wf-divider" />
        <IconButton
          icon="layout"
          onClick={actions.layout}
          disabled={readOnly}
          title="Auto-layout (Shift+L)"
          testId="layout-button"
        />
        <IconButton icon="fit" onClick={actions.fit} title="Fit view (Shift+F)" testId="fit-button" />
        <span className="wf-divider" />
        <IconButton icon="history" onClick={actions.versions} title="Versions" testId="versions-button" />
        <IconButton icon="download" onClick={actions.exportJson} title="Export JSON" testId="export-button" />
        <IconButton
          icon="keyboard"
          onClick={actions.help}
          title="Keyboard shortcuts (?)"
          testId="help-button"
        />
      </div>
      <div className="wf-spacer" />
      <button
        type="button"
        className={`wf-validity${problemCount > 0 ? ' wf-validity--bad' : ''}`}
        onClick={actions.problems}
        data-testid="validity"
        title={problemCount > 0 ? 'Show the problems' : 'The graph is valid'}
      >
        {!analyzed ? (
          'Checking…'
        ) : problemCount > 0 ? (
          <>
            <Icon name="alert" size={14} /> {problemCount} problem{problemCount === 1 ? '' : 's'}
          </>
        ) : (
          <>
            <Icon name="check" size={14} /> Valid
          </>
        )}
      </button>
      <button
        type="button"
        className={`wf-button${dirty ? ' wf-button--accent' : ''}`}
        onClick={actions.save}
        disabled={saving || readOnly}
        data-testid="save-button"
        title={readOnly ? 'Viewing a past run: back to editing to save' : 'Save a new version (Ctrl+S)'}
      >
        <Icon name={saving ? 'spinner' : 'save'} /> Save
      </button>
      {live ? (
        <button
          type="button"
          className="wf-button"
          onClick={actions.cancel}
          data-testid="toolbar-cancel"
          title="Cancel the run"
        >
          <Icon name="stop" size={12} /> Stop
        </button>
      ) : null}
      <button
        type="button"
        className="wf-button wf-button--primary"
        onClick={actions.run}
        disabled={starting || readOnly || (analyzed && problemCount > 0)}
        data-testid="run-button"
        title={
          readOnly
            ? 'Viewing a past run: back to editing to run'
            : problemCount > 0
              ? `Fix ${problemCount} problem${problemCount === 1 ? '' : 's'} to run (drafts can be saved, not run)`
              : 'Run (Ctrl+Enter)'
        }
      >
        <Icon name={starting || live ? 'spinner' : 'play'} /> {live ? 'Running' : 'Run'}
      </button>
    </div>
  );
}
