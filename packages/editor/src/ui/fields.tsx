import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useReadOnly } from './read-only.ts';

/** A labelled form row with optional help and error text. */
export function Field(props: {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  children: (id: string) => ReactNode;
  inline?: boolean;
}) {
  const id = useId();
  return (
    <div className={`wf-field${props.inline ? ' wf-field--inline' : ''}`}>
      <label className="wf-field__label" htmlFor={id}>
        {props.label}
        {props.required ? (
          <span className="wf-required" title="required">
            *
          </span>
        ) : null}
      </label>
      {props.children(id)}
      {props.error ? <span className="wf-field__error">{props.error}</span> : null}
      {props.help && !props.error ? <span className="wf-field__help">{props.help}</span> : null}
    </div>
  );
}

/**
 * A text input bound to a value in the store. Every keystroke commits (so the canvas follows live);
 * `onBlur` lets the caller end the undo step.
 */
export function TextInput(props: {
  id?: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  testId?: string;
  invalid?: boolean;
}) {
  const className = `wf-input${props.mono ? ' wf-mono' : ''}${props.invalid ? ' wf-input--invalid' : ''}`;
  if (props.multiline) {
    return (
      <textarea
        id={props.id}
        className={className}
        rows={2}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        data-testid={props.testId}
      />
    );
  }
  return (
    <input
      id={props.id}
      className={className}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={props.onBlur}
      data-testid={props.testId}
    />
  );
}

/**
 * A number input that keeps what is typed (`1.`, `-`) until it is a number; empty means "not set"
 * (undefined), which shows the default as placeholder.
 */
export function NumberInput(props: {
  id?: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
  onBlur?(): void;
  placeholder?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  testId?: string;
  /** Marks the field invalid from outside (a problem reported for it), besides what is typed. */
  invalid?: boolean;
}) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(props.value === undefined ? '' : String(props.value));
  }, [props.value]);
  const parsed = text.trim() === '' ? undefined : Number(text);
  const invalid =
    props.invalid ||
    (parsed !== undefined &&
      (!Number.isFinite(parsed) ||
        (props.integer && !Number.isInteger(parsed)) ||
        (props.min !== undefined && parsed < props.min) ||
        (props.max !== undefined && parsed > props.max)));
  return (
    <input
      id={props.id}
      className={`wf-input wf-input--number${invalid ? ' wf-input--invalid' : ''}`}
      inputMode={props.integer ? 'numeric' : 'decimal'}
      value={text}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        setText(props.value === undefined ? '' : String(props.value));
        props.onBlur?.();
      }}
      onChange={(e) => {
        setText(e.target.value);
        const raw = e.target.value.trim();
        if (raw === '') props.onChange(undefined);
        else if (Number.isFinite(Number(raw))) props.onChange(Number(raw));
      }}
    />
  );
}

export function Toggle(props: {
  id?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  label: ReactNode;
  testId?: string;
}) {
  return (
    <label className="wf-toggle">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      <span className="wf-toggle__track" aria-hidden="true" />
      <span>{props.label}</span>
    </label>
  );
}

/** A collapsible group of fields in the inspector. */
export function Section(props: {
  title: ReactNode;
  children: ReactNode;
  defaultOpen?: boolean;
  right?: ReactNode;
  testId?: string;
}) {
  const [open, setOpen] = useState(props.defaultOpen ?? true);
  // Read-only (a past run's version) disables the toggle with every other control: show everything.
  const readOnly = useReadOnly();
  const shown = open || readOnly;
  return (
    <section className="wf-section" data-testid={props.testId}>
      <div className="wf-section__header">
        <button
          type="button"
          className="wf-section__toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={shown}
        >
          <span className={`wf-caret${shown ? ' wf-caret--open' : ''}`} aria-hidden="true" />
          {props.title}
        </button>
        {props.right}
      </div>
      {shown ? <div className="wf-section__body">{props.children}</div> : null}
    </section>
  );
}
