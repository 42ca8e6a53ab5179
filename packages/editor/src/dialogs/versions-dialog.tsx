import type { GraphDocument } from '@weft/engine';
import { memo, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/api-client.ts';
import type { GraphVersionSummary, StoredGraph } from '../api/api-types.ts';
import { CodeEditor } from '../monaco/code-editor.tsx';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { formatRelative, plural } from '../ui/status.ts';

/** The graph's saved versions, newest first: view one (its JSON and what differs) and restore it. */
export const VersionsDialog = memo(function VersionsDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose(): void;
}) {
  const graphId = useEditor((s) => s.doc.id);
  const currentVersion = useEditor((s) => s.version);
  const doc = useEditor((s) => s.doc);
  const readOnly = useEditor((s) => s.runView !== null);
  const store = useEditorApi();
  const [versions, setVersions] = useState<GraphVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<StoredGraph | null>(null);

  useEffect(() => {
    if (!open) return;
    setSelected(null);
    setVersions(null);
    api.versions(graphId).then(setVersions, (err) => setError(errorMessage(err)));
  }, [open, graphId]);

  const view = async (version: number) => {
    try {
      setSelected(await api.version(graphId, version));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const restore = () => {
    if (!selected) return;
    store.getState().applyEdit({
      type: 'replaceDocument',
      doc: selected.graph,
      label: `restore version ${selected.version}`,
    });
    onClose();
  };

  return (
    <Dialog open={open} title="Versions" onClose={onClose} width={860} testId="versions-dialog">
      {error ? <p className="wf-notice wf-notice--error">{error}</p> : null}
      <div className="wf-versions">
        <ul className="wf-versions__list">
          {versions === null ? <li className="wf-muted">Loading…</li> : null}
          {versions?.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className={`wf-versions__item${selected?.version === v.version ? ' wf-versions__item--on' : ''}`}
                onClick={() => void view(v.version)}
                data-testid={`version-${v.version}`}
              >
                <strong>v{v.version}</strong>
                {v.version === currentVersion ? <span className="wf-badge">loaded</span> : null}
                {v.valid ? null : <span className="wf-badge wf-badge--warn">draft</span>}
                <span className="wf-muted">{v.name}</span>
                <span className="wf-muted">{formatRelative(v.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="wf-versions__preview">
          {selected ? (
            <>
              <div className="wf-versions__summary">
                <strong>Version {selected.version}</strong> · {selected.graph.nodes.length} nodes ·{' '}
                {selected.graph.edges.length} edges ·{' '}
                {selected.valid ? 'valid' : plural(selected.errors.length, 'problem')}
                <DiffSummary from={doc} to={selected.graph} />
              </div>
              <CodeEditor
                language="json"
                value={JSON.stringify(selected.graph, null, 2)}
                readOnly
                minLines={12}
                maxLines={22}
              />
              <div className="wf-dialog__footer wf-dialog__footer--inline">
                <button
                  type="button"
                  className="wf-button wf-button--primary"
                  onClick={restore}
                  disabled={readOnly}
                  data-testid="restore-version"
                >
                  Restore this version
                </button>
              </div>
              <p className="wf-muted">
                {readOnly
                  ? 'A past run is shown on its version: go back to editing to restore one.'
                  : 'Restoring replaces the canvas (undo brings it back); save to make it the newest version.'}
              </p>
            </>
          ) : (
            <p className="wf-muted">Choose a version to view it.</p>
          )}
        </div>
      </div>
    </Dialog>
  );
});

function DiffSummary({ from, to }: { from: GraphDocument; to: GraphDocument }) {
  const ids = (d: GraphDocument) => new Set(d.nodes.map((n) => n.id));
  const a = ids(from);
  const b = ids(to);
  const added = [...b].filter((id) => !a.has(id));
  const removed = [...a].filter((id) => !b.has(id));
  if (added.length === 0 && removed.length === 0) return null;
  return (
    <div className="wf-muted">
      Compared with the canvas: {added.length > 0 ? `+${added.join(', +')}` : ''}{' '}
      {removed.length > 0 ? `−${removed.join(', −')}` : ''}
    </div>
  );
}
