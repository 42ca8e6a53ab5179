import {
  DEFAULT_LIMITS,
  type GraphLimits,
  REDUCERS,
  type ReducerName,
  type StateKeySpec,
} from '@weft/engine';
import { useEffect, useState } from 'react';
import type { GraphChanges } from '../graph/edits.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Field, NumberInput, Section, TextInput } from '../ui/fields.tsx';
import { Icon, IconButton } from '../ui/icons.tsx';
import { plural } from '../ui/status.ts';

/** The graph itself (nothing selected): name, description, declared state keys, limits, output keys. */
export function GraphInspector() {
  const api = useEditorApi();
  const doc = useEditor((s) => s.doc);
  const problemCount = useEditor((s) => s.problems.length);
  const edit = (changes: GraphChanges, field: string) =>
    api.getState().applyEdit({ type: 'updateGraph', changes }, { coalesce: `graph:${field}` });
  const endStep = () => api.getState().breakCoalescing();
  const setLimit = (key: keyof GraphLimits, value: number | undefined) => {
    const limits: GraphLimits = { ...doc.limits };
    if (value === undefined) delete limits[key];
    else limits[key] = value;
    edit({ limits: Object.keys(limits).length > 0 ? limits : undefined }, `limits.${key}`);
  };

  return (
    <div className="wf-inspector__content" data-testid="graph-inspector">
      <div className="wf-inspector__head">
        <span className="wf-node__icon">
          <Icon name="grid" size={16} />
        </span>
        <div>
          <div className="wf-inspector__title">Graph</div>
          <div className="wf-mono wf-muted">{doc.id}</div>
        </div>
      </div>
      <p className="wf-muted">
        {plural(doc.nodes.length, 'node')} · {plural(doc.edges.length, 'edge')} ·{' '}
        {problemCount === 0 ? 'valid' : `${problemCount} problem${problemCount === 1 ? '' : 's'}`}
      </p>
      <Section title="General">
        <Field label="Name" required>
          {(id) => (
            <TextInput
              id={id}
              value={doc.name}
              onChange={(v) => edit({ name: v }, 'name')}
              onBlur={endStep}
              testId="graph-name"
              invalid={doc.name.trim() === ''}
            />
          )}
        </Field>
        <Field label="Description">
          {(id) => (
            <TextInput
              id={id}
              multiline
              value={doc.description ?? ''}
              onChange={(v) => edit({ description: v === '' ? undefined : v }, 'description')}
              onBlur={endStep}
            />
          )}
        </Field>
      </Section>
      <Section title="State keys" testId="state-keys">
        <StateKeys
          state={doc.state}
          onChange={(state, key) => edit({ state }, `state:${key}`)}
          onBlur={endStep}
        />
      </Section>
      <Section title="Limits" defaultOpen={Boolean(doc.limits)}>
        <div className="wf-grid2">
          {(['maxSteps', 'timeoutMs', 'concurrency'] as const).map((key) => (
            <Field
              key={key}
              label={
                key === 'maxSteps' ? 'Max steps' : key === 'timeoutMs' ? 'Run timeout (ms)' : 'Concurrency'
              }
            >
              {(id) => (
                <NumberInput
                  id={id}
                  integer
                  min={1}
                  value={doc.limits?.[key]}
                  placeholder={String(DEFAULT_LIMITS[key])}
                  onChange={(v) => setLimit(key, v)}
                  onBlur={endStep}
                  testId={`limit-${key}`}
                />
              )}
            </Field>
          ))}
        </div>
      </Section>
      <Section title="Output">
        <OutputKeys output={doc.output} onChange={(output) => edit({ output }, 'output')} onBlur={endStep} />
      </Section>
    </div>
  );
}

function StateKeys(props: {
  state: Record<string, StateKeySpec> | undefined;
  onChange(state: Record<string, StateKeySpec> | undefined, key: string): void;
  onBlur(): void;
}) {
  const entries = Object.entries(props.state ?? {});
  const write = (next: Array<[string, StateKeySpec]>, key: string) =>
    props.onChange(next.length > 0 ? Object.fromEntries(next) : undefined, key);
  return (
    <div className="wf-state-keys">
      {entries.length === 0 ? (
        <p className="wf-muted">
          No declared keys. Declare one to give it a default or a reducer (append, merge, sum …).
        </p>
      ) : (
        <div className="wf-state-keys__head">
          <span>Key</span>
          <span>Reducer</span>
          <span>Default (JSON)</span>
          <span />
        </div>
      )}
      {entries.map(([key, spec], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the row's key input renames the key, so the key cannot be the identity.
        <div className="wf-state-keys__row" key={i}>
          <input
            className="wf-input wf-mono"
            value={key}
            aria-label="State key"
            data-testid={`state-key-${i}`}
            onChange={(e) => {
              const name = e.target.value;
              if (name === '' || entries.some(([k], j) => k === name && j !== i)) return;
              write(
                entries.map(([k, v], j) => (j === i ? [name, v] : [k, v])),
                `rename:${i}`,
              );
            }}
            onBlur={props.onBlur}
          />
          <select
            className="wf-input"
            value={spec.reducer ?? ''}
            aria-label={`Reducer of ${key}`}
            onChange={(e) => {
              const reducer = e.target.value as ReducerName | '';
              const next: StateKeySpec = { ...spec };
              if (reducer === '') delete next.reducer;
              else next.reducer = reducer;
              write(
                entries.map(([k, v], j) => (j === i ? [k, next] : [k, v])),
                `${key}.reducer`,
              );
            }}
          >
            <option value="">replace (default)</option>
            {REDUCERS.filter((r) => r !== 'replace').map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <DefaultInput
            value={spec.default}
            onChange={(value) => {
              const next: StateKeySpec = { ...spec };
              if (value === undefined) delete next.default;
              else next.default = value;
              write(
                entries.map(([k, v], j) => (j === i ? [k, next] : [k, v])),
                `${key}.default`,
              );
            }}
            onBlur={props.onBlur}
          />
          <IconButton
            icon="x"
            size={14}
            title={`Remove ${key}`}
            onClick={() =>
              write(
                entries.filter((_, j) => j !== i),
                `remove:${key}`,
              )
            }
          />
        </div>
      ))}
      <button
        type="button"
        className="wf-button wf-button--small"
        data-testid="add-state-key"
        onClick={() => {
          let n = entries.length + 1;
          while (entries.some(([k]) => k === `key${n}`)) n++;
          write([...entries, [`key${n}`, {}]], 'add');
        }}
      >
        <Icon name="plus" size={14} /> Add key
      </button>
    </div>
  );
}

const toText = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** A one-line JSON value: committed when it parses, empty for none. */
function DefaultInput(props: {
  value: StateKeySpec['default'];
  onChange(value: StateKeySpec['default']): void;
  onBlur(): void;
}) {
  const [text, setText] = useState(toText(props.value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(props.value))
          return current;
      } catch {
        // keep the user's unfinished text
        return current;
      }
      return toText(props.value);
    });
  }, [props.value]);
  return (
    <input
      className={`wf-input wf-mono${invalid ? ' wf-input--invalid' : ''}`}
      value={text}
      placeholder="none"
      aria-label="Default value (JSON)"
      onBlur={props.onBlur}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') {
          setInvalid(false);
          props.onChange(undefined);
          return;
        }
        try {
          props.onChange(JSON.parse(e.target.value) as StateKeySpec['default']);
          setInvalid(false);
        } catch {
          setInvalid(true);
        }
      }}
    />
  );
}

function OutputKeys(props: {
  output: string[] | undefined;
  onChange(output: string[] | undefined): void;
  onBlur(): void;
}) {
  const joined = (props.output ?? []).join(', ');
  const [text, setText] = useState(joined);
  // Follow outside changes (undo, restore) unless they equal what is typed (keeps a trailing ", ").
  useEffect(() => {
    setText((current) =>
      current
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
        .join(', ') === joined
        ? current
        : joined,
    );
  }, [joined]);
  return (
    <Field label="Output keys" help="State keys returned as the run's result; all of the state when empty.">
      {(id) => (
        <input
          id={id}
          className="wf-input wf-mono"
          value={text}
          placeholder="summary, issues"
          onChange={(e) => {
            setText(e.target.value);
            const keys = e.target.value
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean);
            props.onChange(keys.length > 0 ? keys : undefined);
          }}
          onBlur={props.onBlur}
          data-testid="graph-output"
        />
      )}
    </Field>
  );
}
