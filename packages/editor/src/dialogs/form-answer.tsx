import { isPlainObject, type JsonValue } from '@weft/engine';
import { type ReactNode, useMemo, useState } from 'react';
import { SchemaForm } from '../inspector/schema-form.tsx';
import { type AnswerError, placeAnswerErrors } from '../schema-form/answer-errors.ts';
import { fieldsFromSchema } from '../schema-form/field-model.ts';

/** The pending payload of a `human.form` node (packages/tools/src/human/form.ts). */
export interface FormPayload {
  title: string;
  description: string | null;
  schema: Record<string, unknown>;
  /** Set when the form is asked again: what was wrong with the previous answer. */
  errors: readonly AnswerError[];
  /** Set when the form is asked again: the answer that did not fit. */
  previous: JsonValue | undefined;
}

/** The form a pending payload asks for, or null when it is not a `human.form` question. */
export function formPayload(payload: JsonValue): FormPayload | null {
  if (!isPlainObject(payload) || payload.kind !== 'form' || !isPlainObject(payload.schema)) return null;
  const errors = Array.isArray(payload.errors)
    ? payload.errors.filter(
        (e): e is AnswerError & JsonValue =>
          isPlainObject(e) && typeof e.path === 'string' && typeof e.message === 'string',
      )
    : [];
  return {
    title: String(payload.title ?? ''),
    description: typeof payload.description === 'string' ? payload.description : null,
    schema: payload.schema,
    errors,
    previous: payload.previous,
  };
}

/**
 * Answers a `human.form` question with a form generated from its JSON Schema. Asked again after an answer
 * that did not fit, it starts from that answer and shows each error beside its field until the field is
 * changed; errors about the answer as a whole are listed above the form.
 */
export function FormAnswer(props: {
  form: FormPayload;
  busy: boolean;
  header: ReactNode;
  onSubmit(value: JsonValue): void;
  onLater(): void;
}) {
  const { form } = props;
  const fields = useMemo(() => fieldsFromSchema(form.schema), [form.schema]);
  const [answer, setAnswer] = useState<Record<string, unknown>>(() =>
    isPlainObject(form.previous) ? form.previous : {},
  );
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const placed = useMemo(() => placeAnswerErrors(fields, form.errors), [fields, form.errors]);
  const messages = useMemo(() => {
    if (changed.size === 0) return placed.byField;
    return new Map([...placed.byField].filter(([path]) => !changed.has(path)));
  }, [placed, changed]);

  return (
    <form
      className="wf-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(answer as JsonValue);
      }}
    >
      {props.header}
      <blockquote className="wf-prompt" data-testid="resume-prompt">
        {form.title}
        {form.description ? <div className="wf-muted">{form.description}</div> : null}
      </blockquote>
      {form.errors.length > 0 ? (
        <div className="wf-notice wf-notice--error" role="alert" data-testid="form-errors">
          The previous answer did not fit the form: correct the marked fields and submit again.
          {placed.general.length > 0 ? (
            <ul>
              {placed.general.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <SchemaForm
        fields={fields}
        value={answer}
        onChange={(next, path) => {
          setAnswer(next);
          if (!changed.has(path)) setChanged(new Set([...changed, path]));
        }}
        onBlur={() => {}}
        problems={[]}
        messages={messages}
      />
      <div className="wf-dialog__footer wf-dialog__footer--inline">
        <button type="button" className="wf-button" onClick={props.onLater}>
          Later
        </button>
        <button
          type="submit"
          className="wf-button wf-button--primary"
          disabled={props.busy}
          data-testid="resume-button"
        >
          Submit and resume
        </button>
      </div>
    </form>
  );
}
