import type { RunEvent } from '@weft/engine';
import { useMemo, useState } from 'react';
import { useThrottledEditor } from '../hooks/use-throttled.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { eventSummary } from './event-summary.ts';
import { VirtualList } from './virtual-list.tsx';

const ROW = 24;

/** Every event of the run, newest at the bottom; click one to see the run as it was right after it. */
export function EventLog() {
  // A streaming run updates the log a few times a second: readable, and cheap on a busy page.
  const events = useThrottledEditor((s) => s.events, 200);
  const cursor = useEditor((s) => s.cursor);
  const hasRun = useEditor((s) => s.run !== null);
  const selectedNode = useEditor((s) =>
    s.selectedNodeIds.size === 1 ? [...s.selectedNodeIds][0] : undefined,
  );
  const [onlySelected, setOnlySelected] = useState(false);
  const [hideEdges, setHideEdges] = useState(false);
  const api = useEditorApi();
  const shown = useMemo(
    () =>
      events.filter(
        (e) =>
          (!onlySelected ||
            !selectedNode ||
            ('nodeId' in e && e.nodeId === selectedNode && !e.type.startsWith('edge.'))) &&
          (!hideEdges || !e.type.startsWith('edge.')),
      ),
    [events, onlySelected, selectedNode, hideEdges],
  );
  const start = events[0]?.ts ?? 0;
  const focusIndex = cursor === null ? null : shown.findIndex((e) => e.seq === cursor);
  if (events.length === 0 && hasRun)
    return <p className="wf-muted wf-pad">Waiting for the run's first events…</p>;
  if (events.length === 0)
    return (
      <div className="wf-empty wf-empty--small wf-empty--muted">
        <p>No run on the canvas yet.</p>
        <p>
          Press <kbd>Run</kbd> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>) to run this graph — set its input in the
          Input tab — or open a past run from History.
        </p>
      </div>
    );
  return (
    <div className="wf-event-log">
      <div className="wf-event-log__filters">
        <label>
          <input type="checkbox" checked={hideEdges} onChange={(e) => setHideEdges(e.target.checked)} /> Hide
          edge events
        </label>
        <label title={selectedNode ? undefined : 'Select a node on the canvas'}>
          <input
            type="checkbox"
            checked={onlySelected}
            disabled={!selectedNode}
            onChange={(e) => setOnlySelected(e.target.checked)}
          />{' '}
          Only {selectedNode ? <code>{selectedNode}</code> : 'the selected node'}
        </label>
        <span className="wf-muted">{shown.length} events</span>
      </div>
      <VirtualList
        items={shown}
        rowHeight={ROW}
        testId="event-log"
        focusIndex={focusIndex !== null && focusIndex >= 0 ? focusIndex : null}
        renderRow={(e: RunEvent, slot: number) => (
          <button
            type="button"
            // Keyed by the row's place on screen, not by event: as a streaming log scrolls, each row
            // element stays and only its text changes (no DOM created or removed per update).
            key={slot}
            className={`wf-event${cursor === e.seq ? ' wf-event--current' : ''}`}
            data-type={e.type}
            style={{ height: ROW }}
            onClick={() => api.getState().setCursor(e.seq)}
          >
            <span className="wf-event__seq">{e.seq}</span>
            <span className="wf-event__time">+{((e.ts - start) / 1000).toFixed(3)}s</span>
            <span className="wf-event__type">{e.type}</span>
            <span className="wf-event__node">{'nodeId' in e ? e.nodeId : ''}</span>
            <span className="wf-event__detail">{eventSummary(e)}</span>
          </button>
        )}
      />
    </div>
  );
}
