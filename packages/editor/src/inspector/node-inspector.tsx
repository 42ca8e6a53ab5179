import {
  DEFAULT_MAX_VISITS,
  DEFAULT_RETRY,
  isPlainObject,
  type NodeSpec,
  type RetryPolicy,
} from '@weft/engine';
import { useEffect, useMemo, useState } from 'react';
import { categoryIcon } from '../canvas/category-icon.ts';
import type { NodeChanges } from '../graph/edits.ts';
import { isElementId } from '../graph/ids.ts';
import { fieldsFromSchema } from '../schema-form/field-model.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Field, NumberInput, Section, TextInput } from '../ui/fields.tsx';
import { Icon } from '../ui/icons.tsx';
import { NodeRunSummary } from './node-run-summary.tsx';
import { ProblemsAndDelete } from './problem-list.tsx';
import { JsonValueEditor, SchemaForm } from './schema-form.tsx';

/** Everything about one node: id, label, the tool's generated config form, retry/timeout/visits, problems. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const api = useEditorApi();
  const spec = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const tool = useEditor((s) => (spec ? s.toolsById.get(spec.tool) : undefined));
  const problems = useEditor((s) => s.problemsByNode.get(nodeId)) ?? noProblems;
  const fields = useMemo(() => (tool ? fieldsFromSchema(tool.configSchema) : []), [tool]);
  if (!spec) return null;

  const edit = (changes: NodeChanges, field: string) =>
    api
      .getState()
      .applyEdit({ type: 'updateNode', nodeId, changes }, { coalesce: `node:${nodeId}:${field}` });
  const endStep = () => api.getState().breakCoalescing();
  const config = isPlainObject(spec.config) ? spec.config : {};
  const otherProblems = problems.filter((p) => !p.path.includes('.config'));

  return (
    <div className="wf-inspector__content" data-testid="node-inspector">
      <div className="wf-inspector__head">
        <span className="wf-node__icon" data-category={(tool?.category ?? '').toLowerCase()}>
          <Icon name={categoryIcon(tool?.category)} size={16} />
        </span>
        <div>
          <div className="wf-inspector__title">{tool?.title ?? spec.tool}</div>
          <div className="wf-mono wf-muted">{spec.tool}</div>
        </div>
      </div>
      {tool ? <p className="wf-inspector__desc">{tool.description}</p> : null}
      {!tool ? (
        <p className="wf-notice wf-notice--error">
          The tool <code>{spec.tool}</code> is not registered on this server. Register it (weft serve --tools)
          or replace this node.
        </p>
      ) : null}
      <NodeRunSummary nodeId={nodeId} />
      <Section title="Node">
        <NodeIdField spec={spec} />
        <Field label="Label">
          {(id) => (
            <TextInput
              id={id}
              value={spec.label ?? ''}
              placeholder={spec.id}
              onChange={(v) => edit({ label: v === '' ? undefined : v }, 'label')}
              onBlur={endStep}
              testId="node-label"
            />
          )}
        </Field>
        <Field label="Description">
          {(id) => (
            <TextInput
              id={id}
              multiline
              value={spec.description ?? ''}
              onChange={(v) => edit({ description: v === '' ? undefined : v }, 'description')}
              onBlur={endStep}
            />
          )}
        </Field>
      </Section>
      <Section title="Configuration" testId="config-section">
        {tool ? (
          <SchemaForm
            fields={fields}
            value={config}
            problems={problems}
            onBlur={endStep}
            onChange={(next, path) =>
              edit(
                { config: Object.keys(next).length === 0 && !spec.config ? undefined : next },
                `config:${path}`,
              )
            }
          />
        ) : (
          <JsonValueEditor
            value={spec.config}
            onChange={(v) => edit({ config: isPlainObject(v) ? v : undefined }, 'config')}
          />
        )}
      </Section>
      <Section title="Execution" defaultOpen={Boolean(spec.retry || spec.timeoutMs || spec.maxVisits)}>
        <div className="wf-grid2">
          <Field label="Timeout (ms)" help="Per attempt; none by default.">
            {(id) => (
              <NumberInput
                id={id}
                integer
                min={1}
                value={spec.timeoutMs}
                placeholder="none"
                onChange={(v) => edit({ timeoutMs: v }, 'timeoutMs')}
                onBlur={endStep}
                testId="node-timeout"
              />
            )}
          </Field>
          <Field label="Max visits" help="Loop bound for this node.">
            {(id) => (
              <NumberInput
                id={id}
                integer
                min={1}
                value={spec.maxVisits}
                placeholder={String(DEFAULT_MAX_VISITS)}
                onChange={(v) => edit({ maxVisits: v }, 'maxVisits')}
                onBlur={endStep}
                testId="node-max-visits"
              />
            )}
          </Field>
        </div>
        <RetryFields retry={spec.retry} onChange={(retry) => edit({ retry }, 'retry')} onBlur={endStep} />
      </Section>
      <ProblemsAndDelete
        problems={otherProblems}
        what="node"
        onDelete={() => api.getState().applyEdit({ type: 'removeElements', nodeIds: [nodeId], edgeIds: [] })}
      />
    </div>
  );
}

const noProblems: never[] = [];

const RETRY_FIELDS: Array<{
  key: keyof RetryPolicy;
  label: string;
  integer?: boolean;
  min: number;
  max?: number;
}> = [
  { key: 'maxAttempts', label: 'Attempts', integer: true, min: 1, max: 100 },
  { key: 'backoffMs', label: 'Backoff (ms)', min: 0 },
  { key: 'factor', label: 'Factor', min: 1, max: 10 },
  { key: 'maxBackoffMs', label: 'Max backoff (ms)', min: 0 },
  { key: 'jitter', label: 'Jitter (0–1)', min: 0, max: 1 },
];

function RetryFields(props: {
  retry: RetryPolicy | undefined;
  onChange(retry: RetryPolicy | undefined): void;
  onBlur(): void;
}) {
  const set = (key: keyof RetryPolicy, value: number | undefined) => {
    const next: RetryPolicy = { ...props.retry };
    if (value === undefined) delete next[key];
    else next[key] = value;
    props.onChange(Object.keys(next).length === 0 ? undefined : next);
  };
  return (
    <div className="wf-grid2">
      {RETRY_FIELDS.map((f) => (
        <Field key={f.key} label={`Retry: ${f.label}`}>
          {(id) => (
            <NumberInput
              id={id}
              integer={f.integer}
              min={f.min}
              max={f.max}
              value={props.retry?.[f.key]}
              placeholder={String(DEFAULT_RETRY[f.key])}
              onChange={(v) => set(f.key, v)}
              onBlur={props.onBlur}
              testId={`retry-${f.key}`}
            />
          )}
        </Field>
      ))}
    </div>
  );
}

/** The node id; renaming rewires its edges, so it is applied on Enter or blur, once it is valid and free. */
function NodeIdField({ spec }: { spec: NodeSpec }) {
  const api = useEditorApi();
  const [text, setText] = useState(spec.id);
  useEffect(() => setText(spec.id), [spec.id]);
  const taken = text !== spec.id && api.getState().doc.nodes.some((n) => n.id === text);
  const error = !isElementId(text)
    ? 'Letters, digits, - and _ (at most 64).'
    : taken
      ? 'Another node has this id.'
      : undefined;
  const apply = () => {
    if (error || text === spec.id) {
      setText(spec.id);
      return;
    }
    api.getState().applyEdit({ type: 'renameNode', nodeId: spec.id, newId: text });
    api.getState().select({ nodes: [text] });
  };
  return (
    <Field label="Id" error={text !== spec.id ? error : undefined} help="Used by edges, events and the API.">
      {(id) => (
        <input
          id={id}
          className={`wf-input wf-mono${error ? ' wf-input--invalid' : ''}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') setText(spec.id);
          }}
          data-testid="node-id"
        />
      )}
    </Field>
  );
}
