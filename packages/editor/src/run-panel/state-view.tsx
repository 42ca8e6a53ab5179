import { replayState } from '@weft/engine';
import { useMemo } from 'react';
import { useEditor } from '../store/editor-context.tsx';
import { JsonTree } from './json-tree.tsx';

/** The run's state after the timeline's event, rebuilt from the events by the engine's `replayState`. */
export function StateView() {
  const events = useEditor((s) => s.events);
  const cursor = useEditor((s) => s.cursor);
  const stateDecl = useEditor((s) => s.doc.state);
  const state = useMemo(() => {
    try {
      return replayState(events, { state: stateDecl }, cursor ?? Number.POSITIVE_INFINITY);
    } catch {
      return null;
    }
  }, [events, cursor, stateDecl]);
  if (events.length === 0) return <p className="wf-muted wf-pad">No state yet.</p>;
  return (
    <div className="wf-scroll wf-pad" data-testid="state-view">
      {cursor !== null ? <p className="wf-muted">State after event {cursor}</p> : null}
      {state ? (
        <JsonTree value={state} />
      ) : (
        <p className="wf-muted">The state cannot be rebuilt from these events.</p>
      )}
    </div>
  );
}
