import { useEffect, useState } from 'react';
import type { EdgeChanges } from '../graph/edits.ts';
import { CodeEditor } from '../monaco/code-editor.tsx';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Field, Section, TextInput, Toggle } from '../ui/fields.tsx';
import { Icon } from '../ui/icons.tsx';
import { ProblemList, ProblemsAndDelete } from './problem-list.tsx';
import { markerFor } from './problem-markers.ts';

type Mode = 'always' | 'when' | 'else';

/** One edge: when it fires (always, a CEL condition, else), whether it carries failures, its label. */
export function EdgeInspector({ edgeId }: { edgeId: string }) {
  const api = useEditorApi();
  const spec = useEditor((s) => s.doc.edges.find((e) => e.id === edgeId));
  const from = useEditor((s) => s.doc.nodes.find((n) => n.id === spec?.from));
  const to = useEditor((s) => s.doc.nodes.find((n) => n.id === spec?.to));
  const isBack = useEditor((s) => s.backEdges.has(edgeId));
  const problems = useEditor((s) => s.problemsByEdge.get(edgeId)) ?? noProblems;
  const run = useEditor((s) => (s.cursorOverlay ?? s.overlay).edges[edgeId]);
  // "When…" stays chosen while its condition is being rewritten (an empty condition is no condition).
  const hasWhen = spec?.when !== undefined;
  const [whenChosen, setWhenChosen] = useState(hasWhen);
  useEffect(() => {
    if (hasWhen) setWhenChosen(true);
  }, [hasWhen]);
  if (!spec) return null;

  const edit = (changes: EdgeChanges, field: string) =>
    api
      .getState()
      .applyEdit({ type: 'updateEdge', edgeId, changes }, { coalesce: `edge:${edgeId}:${field}` });
  const endStep = () => api.getState().breakCoalescing();
  const mode: Mode = spec.else ? 'else' : spec.when !== undefined || whenChosen ? 'when' : 'always';
  const whenProblems = problems.filter((p) => p.path.endsWith('.when'));
  const otherProblems = problems.filter((p) => !p.path.endsWith('.when'));

  const setMode = (next: Mode) => {
    setWhenChosen(next === 'when');
    api.getState().breakCoalescing();
    if (next === 'always') edit({ when: undefined, else: undefined }, 'mode');
    else if (next === 'else') edit({ when: undefined, else: true, onError: undefined }, 'mode');
    else edit({ else: undefined, when: spec.when ?? 'true' }, 'mode');
    api.getState().breakCoalescing();
  };

  return (
    <div className="wf-inspector__content" data-testid="edge-inspector">
      <div className="wf-inspector__head">
        <span className="wf-node__icon">
          <Icon name={isBack ? 'loop' : 'branch'} size={16} />
        </span>
        <div>
          <div className="wf-inspector__title">
            {from?.label || spec.from} → {to?.label || spec.to}
          </div>
          <div className="wf-mono wf-muted">edge {spec.id}</div>
        </div>
      </div>
      {isBack ? (
        <p className="wf-notice">
          <Icon name="loop" size={14} /> This edge closes a loop: each time it fires,{' '}
          <strong>{to?.label || spec.to}</strong> runs again (up to its max visits, {to?.maxVisits ?? 100}).
        </p>
      ) : null}
      {run ? (
        <p className="wf-muted" data-testid="edge-run-summary">
          {run.fired > 0
            ? `Fired ${run.fired === 1 ? 'once' : `${run.fired} times`}`
            : run.dead
              ? 'Did not fire (dead)'
              : ''}
        </p>
      ) : null}
      <Section title="Firing">
        <fieldset className="wf-segmented" aria-label="When this edge fires">
          {(['always', 'when', 'else'] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              className={mode === m ? 'wf-segmented--on' : undefined}
              onClick={() => setMode(m)}
              data-testid={`edge-mode-${m}`}
            >
              {m === 'always' ? 'Always' : m === 'when' ? 'When…' : 'Else'}
            </button>
          ))}
        </fieldset>
        {mode === 'when' ? (
          <Field
            label="Condition (CEL)"
            help={
              <>
                Sees <code>state</code>, <code>output</code>, <code>input</code>, <code>visit</code>
                {spec.onError ? (
                  <>
                    {' '}
                    and <code>error</code>
                  </>
                ) : null}
                ; must give a bool.
              </>
            }
          >
            {() => (
              <CodeEditor
                language="cel"
                value={spec.when ?? ''}
                onChange={(v) => edit({ when: v === '' ? undefined : v }, 'when')}
                onBlur={endStep}
                markers={whenProblems.map(markerFor)}
                maxLines={8}
                minLines={2}
                placeholder="state.score > 0.5"
                ariaLabel="Edge condition"
                testId="edge-when"
              />
            )}
          </Field>
        ) : null}
        {mode === 'else' ? (
          <p className="wf-muted">
            Fires when none of the “when” edges leaving {from?.label || spec.from} fired.
          </p>
        ) : null}
        {whenProblems.length > 0 ? <ProblemList problems={whenProblems} /> : null}
        <Toggle
          checked={spec.onError === true}
          onChange={(on) => edit(on ? { onError: true, else: undefined } : { onError: undefined }, 'onError')}
          label="On error: fires only when the source node fails"
          testId="edge-on-error"
        />
      </Section>
      <Section title="Label">
        <Field label="Label" help="Shown on the edge.">
          {(id) => (
            <TextInput
              id={id}
              value={spec.label ?? ''}
              onChange={(v) => edit({ label: v === '' ? undefined : v }, 'label')}
              onBlur={endStep}
              testId="edge-label-input"
            />
          )}
        </Field>
      </Section>
      <ProblemsAndDelete
        problems={otherProblems}
        what="edge"
        onDelete={() => api.getState().applyEdit({ type: 'removeElements', nodeIds: [], edgeIds: [edgeId] })}
      />
    </div>
  );
}

const noProblems: never[] = [];
