import { useRunController } from '../run/run-context.tsx';
import { useEditor } from '../store/editor-context.tsx';
import { hasUnsavedChanges } from '../store/editor-store.ts';
import { Icon } from '../ui/icons.tsx';

/**
 * Over the canvas while a past run is shown on the version it ran: says so, and leads back to the graph
 * being edited (the latest version, with any unsaved changes it had).
 */
export function RunViewBanner() {
  const view = useEditor((s) => s.runView);
  const unsaved = useEditor(hasUnsavedChanges);
  const controller = useRunController();
  if (!view) return null;
  return (
    <div className="wf-runview-banner" role="status" data-testid="run-view-banner">
      <Icon name="history" size={14} />
      <span>
        Viewing run <code title={view.runId}>…{view.runId.slice(-6)}</code> on version {view.version}
        <span className="wf-muted"> · read-only</span>
      </span>
      <button
        type="button"
        className="wf-button wf-button--small wf-button--primary"
        onClick={() => controller.close()}
        data-testid="leave-run-view"
      >
        <Icon name="back" size={14} />{' '}
        {unsaved ? 'Back to editing (unsaved changes kept)' : 'Back to editing the latest'}
      </button>
    </div>
  );
}
