import { formatPath, isPlainObject, type Problem } from '@weft/engine';
import { useEffect, useRef, useState } from 'react';
import { CodeEditor } from '../monaco/code-editor.tsx';
import { emptyValue, type FieldSpec } from '../schema-form/field-model.ts';
import { setIn } from '../schema-form/set-in.ts';
import { Field, NumberInput, TextInput, Toggle } from '../ui/fields.tsx';
import { Icon, IconButton } from '../ui/icons.tsx';
import { configPath, fieldMessage, markerFor } from './problem-markers.ts';

type Path = readonly (string | number)[];

export interface SchemaFormProps {
  fields: readonly FieldSpec[];
  value: Record<string, unknown>;
  /** The new config, and the path of the field that changed (an undo step per field). */
  onChange(config: Record<string, unknown>, fieldPath: string): void;
  onBlur(): void;
  /** The node's problems; those about a field show beside it, CEL ones underlined in the editor. */
  problems: readonly Problem[];
  /** More messages by field path (`age`, `address.zip`): a refused answer's errors in the resume dialog. */
  messages?: ReadonlyMap<string, readonly string[]>;
}

/** One generic form for every tool, generated from its JSON Schema (see field-model.ts). */
export function SchemaForm(props: SchemaFormProps) {
  if (props.fields.length === 0) return <p className="wf-muted">This tool has nothing to configure.</p>;
  const setAt = (path: Path, value: unknown) =>
    props.onChange((setIn(props.value, path, value) ?? {}) as Record<string, unknown>, formatPath(path));
  return (
    <div className="wf-schema-form">
      {props.fields.map((field) => (
        <FieldEditor
          key={field.key}
          field={field}
          path={field.key === '' ? [] : [field.key]}
          value={field.key === '' ? props.value : props.value[field.key]}
          setAt={setAt}
          onBlur={props.onBlur}
          problems={props.problems}
          messages={props.messages ?? noMessages}
        />
      ))}
    </div>
  );
}

interface EditorProps {
  field: FieldSpec;
  path: Path;
  value: unknown;
  setAt(path: Path, value: unknown): void;
  onBlur(): void;
  problems: readonly Problem[];
  messages: ReadonlyMap<string, readonly string[]>;
  /** Set for record values and array items, whose label is their key or index. */
  bare?: boolean;
}

function FieldEditor(props: EditorProps) {
  const { field, path, value } = props;
  const here = formatPath(path);
  const own = props.problems.filter((p) => configPath(p.path) === here);
  const messages = [...own.map(fieldMessage), ...(props.messages.get(here) ?? [])];
  const error = messages.length > 0 ? messages.join('; ') : undefined;
  const testId = `config-${here || 'root'}`;
  const set = (v: unknown) => props.setAt(path, v);
  const defaultText = field.default === undefined ? undefined : `default: ${JSON.stringify(field.default)}`;

  const control = (id: string) => {
    switch (field.kind) {
      case 'string':
        return (
          <TextInput
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => set(v === '' && !field.required ? undefined : v)}
            onBlur={props.onBlur}
            placeholder={typeof field.default === 'string' ? field.default : undefined}
            multiline={field.multiline}
            testId={testId}
            invalid={Boolean(error)}
          />
        );
      case 'cel':
        return (
          <CodeEditor
            language="cel"
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => set(v === '' ? undefined : v)}
            onBlur={props.onBlur}
            markers={own.map(markerFor)}
            maxLines={6}
            placeholder={`CEL over ${field.variables.join(', ')}`}
            ariaLabel={field.title || 'CEL expression'}
            testId={testId}
          />
        );
      case 'number':
        return (
          <NumberInput
            id={id}
            value={typeof value === 'number' ? value : undefined}
            onChange={set}
            onBlur={props.onBlur}
            integer={field.integer}
            min={field.minimum}
            max={field.maximum}
            placeholder={
              typeof field.default === 'number'
                ? String(field.default)
                : rangeText(field.minimum, field.maximum)
            }
            testId={testId}
            invalid={Boolean(error)}
          />
        );
      case 'boolean':
        return (
          <Toggle
            id={id}
            checked={typeof value === 'boolean' ? value : field.default === true}
            onChange={set}
            label={value === undefined && field.default !== undefined ? '(default)' : value ? 'on' : 'off'}
            testId={testId}
          />
        );
      case 'enum': {
        const index = field.options.indexOf(value as (typeof field.options)[number]);
        return (
          <select
            id={id}
            className="wf-input"
            value={index < 0 ? '' : String(index)}
            onChange={(e) => set(e.target.value === '' ? undefined : field.options[Number(e.target.value)])}
            data-testid={testId}
          >
            {!field.required || index < 0 ? (
              <option value="">
                {field.default !== undefined ? `(default: ${String(field.default)})` : '—'}
              </option>
            ) : null}
            {field.options.map((o, i) => (
              <option key={String(o)} value={String(i)}>
                {String(o)}
              </option>
            ))}
          </select>
        );
      }
      case 'json':
        return (
          <JsonValueEditor
            value={value}
            onChange={set}
            onBlur={props.onBlur}
            testId={testId}
            placeholder={defaultText}
          />
        );
      case 'object':
        return (
          <div className="wf-subform">
            {field.fields.map((sub) => (
              <FieldEditor
                key={sub.key}
                {...props}
                bare={false}
                field={sub}
                path={[...path, sub.key]}
                value={isPlainObject(value) ? value[sub.key] : undefined}
              />
            ))}
          </div>
        );
      case 'record':
        return <RecordEditor {...props} field={field} />;
      case 'array':
        return <ArrayEditor {...props} field={field} />;
    }
  };

  if (props.bare) {
    return (
      <div className="wf-bare-field">
        {control(`${testId}-input`)}
        {error ? <span className="wf-field__error">{error}</span> : null}
      </div>
    );
  }
  return (
    <Field label={field.title || 'Value'} help={field.description} error={error} required={field.required}>
      {control}
    </Field>
  );
}

const noMessages: ReadonlyMap<string, readonly string[]> = new Map();

function RecordEditor(props: EditorProps & { field: Extract<FieldSpec, { kind: 'record' }> }) {
  const entries = isPlainObject(props.value) ? Object.entries(props.value) : [];
  const [draftKeys, setDraftKeys] = useState<Record<number, string>>({});
  const write = (next: Array<[string, unknown]>) => props.setAt(props.path, Object.fromEntries(next));
  return (
    <div className="wf-record">
      {entries.map(([key, item], i) => {
        const draft = draftKeys[i] ?? key;
        const clash = draft !== key && entries.some(([k]) => k === draft);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key input edits the key itself, so the position is the identity.
          <div className="wf-record__row" key={i}>
            <input
              className={`wf-input wf-mono wf-record__key${clash || draft === '' ? ' wf-input--invalid' : ''}`}
              value={draft}
              aria-label="Key"
              data-testid={`config-${formatPath([...props.path, key])}-key`}
              onChange={(e) => {
                const text = e.target.value;
                setDraftKeys((d) => ({ ...d, [i]: text }));
                if (text !== '' && !entries.some(([k], j) => k === text && j !== i)) {
                  write(entries.map(([k, v], j) => (j === i ? [text, v] : [k, v])));
                  setDraftKeys({});
                }
              }}
              onBlur={() => {
                setDraftKeys({});
                props.onBlur();
              }}
            />
            <span className="wf-record__arrow">→</span>
            <div className="wf-record__value">
              <FieldEditor
                {...props}
                bare
                field={props.field.value}
                path={[...props.path, key]}
                value={item}
              />
            </div>
            <IconButton
              icon="x"
              size={14}
              title={`Remove ${key}`}
              onClick={() => write(entries.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      <button
        type="button"
        className="wf-button wf-button--small"
        data-testid={`config-${formatPath(props.path)}-add`}
        onClick={() => {
          let n = entries.length + 1;
          while (entries.some(([k]) => k === `key${n}`)) n++;
          write([...entries, [`key${n}`, emptyValue(props.field.value)]]);
        }}
      >
        <Icon name="plus" size={14} /> Add entry
      </button>
    </div>
  );
}

function ArrayEditor(props: EditorProps & { field: Extract<FieldSpec, { kind: 'array' }> }) {
  const items = Array.isArray(props.value) ? props.value : [];
  const write = (next: unknown[]) => props.setAt(props.path, next);
  const move = (from: number, to: number) => {
    const next = items.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    write(next);
  };
  return (
    <div className="wf-array">
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: array items have no identity but their position.
        <div className="wf-array__row" key={i}>
          <span className="wf-array__index">{i + 1}</span>
          <div className="wf-array__value">
            <FieldEditor {...props} bare field={props.field.item} path={[...props.path, i]} value={item} />
          </div>
          <div className="wf-array__actions">
            <button
              type="button"
              className="wf-icon-button"
              title="Move up"
              disabled={i === 0}
              onClick={() => move(i, i - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="wf-icon-button"
              title="Move down"
              disabled={i === items.length - 1}
              onClick={() => move(i, i + 1)}
            >
              ↓
            </button>
            <IconButton
              icon="x"
              size={14}
              title="Remove"
              onClick={() => write(items.filter((_, j) => j !== i))}
            />
          </div>
        </div>
      ))}
      <button
        type="button"
        className="wf-button wf-button--small"
        onClick={() => write([...items, emptyValue(props.field.item)])}
      >
        <Icon name="plus" size={14} /> Add item
      </button>
    </div>
  );
}

/**
 * Any JSON value in a Monaco JSON editor. Text that does not parse stays in the editor with an error and
 * is not committed; empty text means "not set".
 */
export function JsonValueEditor(props: {
  value: unknown;
  onChange(value: unknown): void;
  onBlur?(): void;
  testId?: string;
  placeholder?: string;
  maxLines?: number;
}) {
  const [text, setText] = useState(() => toText(props.value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef<unknown>(props.value);
  useEffect(() => {
    if (props.value !== committed.current) {
      committed.current = props.value;
      setText(toText(props.value));
      setError(null);
    }
  }, [props.value]);
  return (
    <div className="wf-json-field">
      <CodeEditor
        language="json"
        value={text}
        minLines={2}
        maxLines={props.maxLines ?? 14}
        placeholder={props.placeholder}
        testId={props.testId}
        onBlur={props.onBlur}
        markers={error ? [{ message: error }] : []}
        onChange={(next) => {
          setText(next);
          if (next.trim() === '') {
            setError(null);
            committed.current = undefined;
            props.onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(next) as unknown;
            setError(null);
            committed.current = parsed;
            props.onChange(parsed);
          } catch (err) {
            setError(`Not valid JSON: ${(err as Error).message}`);
          }
        }}
      />
      {error ? <span className="wf-field__error">{error}</span> : null}
    </div>
  );
}

function toText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function rangeText(min?: number, max?: number): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} – ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return undefined;
}
