import { memo } from 'react';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { ReadOnlyContext } from '../ui/read-only.ts';
import { EdgeInspector } from './edge-inspector.tsx';
import { GraphInspector } from './graph-inspector.tsx';
import { NodeInspector } from './node-inspector.tsx';

/** The right-hand panel: the selected node or edge, several selected elements, or the graph. */
export const Inspector = memo(function Inspector({
  onCopy,
  onDuplicate,
}: {
  onCopy(): void;
  onDuplicate(): void;
}) {
  const nodeCount = useEditor((s) => s.selectedNodeIds.size);
  const edgeCount = useEditor((s) => s.selectedEdgeIds.size);
  const onlyNode = useEditor((s) =>
    s.selectedNodeIds.size === 1 && s.selectedEdgeIds.size === 0 ? [...s.selectedNodeIds][0] : undefined,
  );
  const onlyEdge = useEditor((s) =>
    s.selectedEdgeIds.size === 1 && s.selectedNodeIds.size === 0 ? [...s.selectedEdgeIds][0] : undefined,
  );
  const api = useEditorApi();
  const readOnly = useEditor((s) => s.runView !== null);
  return (
    <aside className="wf-inspector" aria-label="Inspector" data-testid="inspector">
      <ReadOnlyContext.Provider value={readOnly}>
        <fieldset className="wf-fieldset-scope" disabled={readOnly} data-testid="inspector-fields">
          {onlyNode ? (
            <NodeInspector key={onlyNode} nodeId={onlyNode} />
          ) : onlyEdge ? (
            <EdgeInspector key={onlyEdge} edgeId={onlyEdge} />
          ) : nodeCount + edgeCount > 1 ? (
            <div className="wf-inspector__content">
              <div className="wf-inspector__title">
                {nodeCount} node{nodeCount === 1 ? '' : 's'}, {edgeCount} edge{edgeCount === 1 ? '' : 's'}{' '}
                selected
              </div>
              <div className="wf-inspector__actions wf-inspector__actions--stack">
                <button type="button" className="wf-button" onClick={onCopy} disabled={nodeCount === 0}>
                  <Icon name="copy" /> Copy
                </button>
                <button type="button" className="wf-button" onClick={onDuplicate} disabled={nodeCount === 0}>
                  <Icon name="plus" /> Duplicate
                </button>
                <button
                  type="button"
                  className="wf-button wf-button--danger-ghost"
                  onClick={() => {
                    const s = api.getState();
                    s.applyEdit({
                      type: 'removeElements',
                      nodeIds: [...s.selectedNodeIds],
                      edgeIds: [...s.selectedEdgeIds],
                    });
                  }}
                >
                  <Icon name="trash" /> Delete
                </button>
              </div>
            </div>
          ) : (
            <GraphInspector />
          )}
        </fieldset>
      </ReadOnlyContext.Provider>
    </aside>
  );
});
