import { isPlainObject, type JsonValue, type PendingInterrupt } from '@weft/engine';
import { memo, useEffect, useState } from 'react';
import { useRunController } from '../run/run-context.tsx';
import { useEditor } from '../store/editor-context.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { FormAnswer, formPayload } from './form-answer.tsx';

/** A waiting run's questions: the prompt of each pending node, a value to answer with, and Resume. */
export const ResumeDialog = memo(function ResumeDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose(): void;
}) {
  const pending = useEditor((s) => s.overlay.pending);
  // Each `run.waiting` asks afresh (a form asked again after a bad answer starts from that answer).
  const waitingSeq = useEditor((s) => s.overlay.waitingSeq);
  const [index, setIndex] = useState(0);
  const item = pending[Math.min(index, pending.length - 1)];
  useEffect(() => {
    if (open) setIndex(0);
  }, [open]);
  return (
    <Dialog
      open={open && item !== undefined}
      title="The run is waiting for an answer"
      onClose={onClose}
      width={520}
      testId="resume-dialog"
    >
      {item ? (
        <PendingForm
          key={`${item.nodeId}:${item.visit}:${waitingSeq}`}
          item={item}
          count={pending.length}
          onClose={onClose}
        />
      ) : null}
      {pending.length > 1 ? (
        <div className="wf-segmented wf-pending-tabs">
          {pending.map((p, i) => (
            <button
              key={p.nodeId}
              type="button"
              className={i === index ? 'wf-segmented--on' : undefined}
              onClick={() => setIndex(i)}
            >
              {p.nodeId}
            </button>
          ))}
        </div>
      ) : null}
    </Dialog>
  );
});

function PendingForm({ item, count, onClose }: { item: PendingInterrupt; count: number; onClose(): void }) {
  const controller = useRunController();
  const label = useEditor((s) => s.doc.nodes.find((n) => n.id === item.nodeId)?.label ?? item.nodeId);
  const [text, setText] = useState('true');
  const [busy, setBusy] = useState(false);
  // A `human.form` interrupt carries a JSON Schema: answer it with a generated form.
  const form = formPayload(item.payload);
  const prompt =
    isPlainObject(item.payload) && typeof item.payload.prompt === 'string'
      ? item.payload.prompt
      : JSON.stringify(item.payload, null, 2);
  const extra = isPlainObject(item.payload) ? Object.keys(item.payload).filter((k) => k !== 'prompt') : [];

  const resume = async (value: JsonValue) => {
    setBusy(true);
    const ok = await controller.resume(item.nodeId, value);
    setBusy(false);
    if (ok && count <= 1) onClose();
  };
  const parsed = parseAnswer(text);
  const header = (
    <div className="wf-muted">
      Node <strong>{label}</strong> <code>{item.nodeId}</code> · visit {item.visit}
    </div>
  );

  if (form) {
    return (
      <FormAnswer
        form={form}
        busy={busy}
        header={header}
        onSubmit={(v) => void resume(v)}
        onLater={onClose}
      />
    );
  }

  return (
    <form
      className="wf-form"
      onSubmit={(e) => {
        e.preventDefault();
        void resume(parsed);
      }}
    >
      {header}
      <blockquote className="wf-prompt" data-testid="resume-prompt">
        {prompt}
      </blockquote>
      {extra.length > 0 ? <pre className="wf-pre">{JSON.stringify(item.payload, null, 2)}</pre> : null}
      <div className="wf-resume-quick">
        <button
          type="button"
          className="wf-button wf-button--success"
          disabled={busy}
          onClick={() => void resume(true)}
          data-testid="approve-button"
        >
          Approve (true)
        </button>
        <button
          type="button"
          className="wf-button wf-button--danger-ghost"
          disabled={busy}
          onClick={() => void resume(false)}
          data-testid="reject-button"
        >
          Reject (false)
        </button>
      </div>
      <label className="wf-field">
        <span className="wf-field__label">Or answer with a value</span>
        <input
          className="wf-input wf-mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="resume-value"
        />
        <span className="wf-field__help">
          JSON (<code>true</code>, <code>42</code>, <code>{'{"ok": true}'}</code>); anything else is sent as
          text.
        </span>
      </label>
      <div className="wf-dialog__footer wf-dialog__footer--inline">
        <button type="button" className="wf-button" onClick={onClose}>
          Later
        </button>
        <button
          type="submit"
          className="wf-button wf-button--primary"
          disabled={busy}
          data-testid="resume-button"
        >
          Resume
        </button>
      </div>
    </form>
  );
}

/** The typed answer: JSON when it parses, else the text itself. */
export function parseAnswer(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
