import { useEffect, useState } from 'react';
import { useThrottledEditor } from '../hooks/use-throttled.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Icon, IconButton } from '../ui/icons.tsx';

/**
 * Steps through a run: the canvas, the state and the node views show the run as it was right after the
 * chosen event. "Live" follows the newest event again.
 */
export function Timeline() {
  const api = useEditorApi();
  // A streaming run moves the end of the timeline a few times a second, not on every frame.
  const events = useThrottledEditor((s) => s.events, 150);
  const count = events.length;
  const lastSeq = events.at(-1)?.seq ?? 0;
  const firstSeq = events[0]?.seq ?? 0;
  const cursor = useEditor((s) => s.cursor);
  // Events are gapless: the one with a given seq sits at index seq - first seq.
  const current = events[(cursor ?? lastSeq) - firstSeq];
  const [playing, setPlaying] = useState(false);
  const position = cursor ?? lastSeq;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = api.getState();
      const at = s.cursor;
      if (at === null) {
        setPlaying(false);
        return;
      }
      s.setCursor(at + 1);
    }, 120);
    return () => clearInterval(timer);
  }, [playing, api]);

  if (count === 0) return null;
  const set = (seq: number | null) => api.getState().setCursor(seq);
  return (
    <div className="wf-timeline" data-testid="timeline">
      <button type="button" className="wf-icon-button" title="First event" onClick={() => set(firstSeq)}>
        <Icon name="chevronLeft" size={14} />
        <Icon name="chevronLeft" size={14} />
      </button>
      <IconButton
        icon="chevronLeft"
        size={14}
        title="Previous event"
        onClick={() => set(Math.max(firstSeq, position - 1))}
        testId="timeline-prev"
      />
      <IconButton
        icon={playing ? 'pause' : 'play'}
        size={14}
        title={playing ? 'Pause' : 'Replay from here'}
        onClick={() => {
          if (!playing && cursor === null) set(firstSeq);
          setPlaying(!playing);
        }}
      />
      <IconButton
        icon="chevronRight"
        size={14}
        title="Next event"
        onClick={() => set(position + 1)}
        testId="timeline-next"
      />
      <input
        type="range"
        min={firstSeq}
        max={lastSeq}
        value={position}
        onChange={(e) => set(Number(e.target.value))}
        aria-label="Timeline position"
        data-testid="timeline-slider"
      />
      <span className="wf-timeline__label" data-testid="timeline-label">
        {position}/{lastSeq}
        {current ? (
          <span className="wf-muted">
            {' '}
            · {current.type}
            {'nodeId' in current ? ` ${current.nodeId}` : ''}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        className={`wf-button wf-button--small${cursor === null ? ' wf-button--on' : ''}`}
        onClick={() => set(null)}
        data-testid="timeline-live"
      >
        Latest
      </button>
    </div>
  );
}
