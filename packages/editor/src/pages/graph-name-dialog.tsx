import { GRAPH_ID_PATTERN } from '@weft/engine';
import { useEffect, useState } from 'react';
import { graphIdFromName } from '../graph/ids.ts';
import { Dialog } from '../ui/dialog.tsx';

/** Asks for a graph's name (and, for a new graph, its id, derived from the name until edited). */
export function GraphNameDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  taken: ReadonlySet<string>;
  initialName?: string;
  withId?: boolean;
  onCancel(): void;
  onConfirm(name: string, id: string): void;
}) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  useEffect(() => {
    if (props.open) {
      setName(props.initialName ?? '');
      setId('');
      setIdEdited(false);
    }
  }, [props.open, props.initialName]);
  const effectiveId = idEdited ? id : graphIdFromName(name || 'graph', props.taken);
  const idProblem = !props.withId
    ? null
    : !GRAPH_ID_PATTERN.test(effectiveId)
      ? 'Lowercase letters, digits, - and _, starting with a letter or digit (at most 64).'
      : props.taken.has(effectiveId)
        ? 'A graph with this id exists.'
        : null;
  const canConfirm = name.trim().length > 0 && !idProblem;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (canConfirm) props.onConfirm(name.trim(), effectiveId);
  };
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onCancel} testId="graph-name-dialog">
      <form onSubmit={submit} className="wf-form">
        <label className="wf-field">
          <span className="wf-field__label">Name</span>
          <input
            className="wf-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Content pipeline"
            data-testid="graph-name-input"
            autoFocus
          />
        </label>
        {props.withId ? (
          <label className="wf-field">
            <span className="wf-field__label">Id</span>
            <input
              className="wf-input wf-mono"
              value={effectiveId}
              onChange={(e) => {
                setIdEdited(true);
                setId(e.target.value);
              }}
              data-testid="graph-id-input"
            />
            <span className={idProblem ? 'wf-field__error' : 'wf-field__help'}>
              {idProblem ?? 'Used in URLs and the API; it cannot change later.'}
            </span>
          </label>
        ) : null}
        <div className="wf-dialog__footer wf-dialog__footer--inline">
          <button type="button" className="wf-button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            className="wf-button wf-button--primary"
            disabled={!canConfirm}
            data-testid="graph-name-confirm"
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
