import type { Problem } from '@weft/engine';
import { useReactFlow } from '@xyflow/react';
import { shortMessage } from '../inspector/problem-markers.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';

/** Every problem of the graph (the engine's validator, live); clicking one selects and shows its node or edge. */
export function ValidationPanel() {
  const problems = useEditor((s) => s.problems);
  const analyzed = useEditor((s) => s.analyzedDoc !== null);
  const api = useEditorApi();
  const flow = useReactFlow();

  const reveal = (p: Problem) => {
    const state = api.getState();
    if (p.edgeId) {
      state.select({ edges: [p.edgeId] });
      const edge = state.doc.edges.find((e) => e.id === p.edgeId);
      if (edge)
        void flow.fitView({
          nodes: [{ id: edge.from }, { id: edge.to }],
          duration: 300,
          maxZoom: 1.2,
          padding: 0.4,
          includeHiddenNodes: true,
        });
    } else if (p.nodeId) {
      state.select({ nodes: [p.nodeId] });
      void flow.fitView({
        nodes: [{ id: p.nodeId }],
        duration: 300,
        maxZoom: 1.2,
        padding: 0.6,
        includeHiddenNodes: true,
      });
    } else {
      state.clearSelection();
    }
  };

  if (!analyzed) return <p className="wf-muted wf-pad">Checking…</p>;
  if (problems.length === 0)
    return (
      <div className="wf-empty wf-empty--small" data-testid="validation-panel">
        <Icon name="check" size={20} />
        <p>No problems: this graph can run.</p>
      </div>
    );
  return (
    <ul className="wf-problems wf-scroll" data-testid="validation-panel">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is recomputed as a whole on each check.
        <li key={i}>
          <button type="button" className="wf-problem" onClick={() => reveal(p)} data-testid={`problem-${i}`}>
            <Icon name="alert" size={14} />
            <span className="wf-problem__where">
              {p.nodeId ? `node ${p.nodeId}` : p.edgeId ? `edge ${p.edgeId}` : 'graph'}
            </span>
            <span className="wf-problem__message">{shortMessage(p)}</span>
            <code className="wf-problem__code">{p.code}</code>
          </button>
        </li>
      ))}
    </ul>
  );
}
