import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * A list of fixed-height rows that renders only what is in view (a 10,000-event log stays cheap) and
 * follows its newest (last) row. The scroller is a reversed flex column, so the browser itself keeps it
 * pinned to the bottom as rows arrive — no scroll position is written (and so no layout forced) per
 * update. `scrollTop` runs from 0 (bottom) to negative values upwards.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  /** `slot` is the row's place among the rendered rows (a stable key as the window moves). */
  renderRow(item: T, slot: number): ReactNode;
  className?: string;
  testId?: string;
  /** Scrolls this row into view when it changes. */
  focusIndex?: number | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [fromBottom, setFromBottom] = useState(0);
  const [height, setHeight] = useState(240);
  const { items, rowHeight } = props;
  const total = items.length * rowHeight;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The observed size, not el.clientHeight: reading layout here would force a reflow of the page.
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setHeight(box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Only a new focus row scrolls; the list growing or being scrolled by hand must not pull it back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: total, height and fromBottom are read, not followed.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || props.focusIndex == null) return;
    const rowTop = props.focusIndex * rowHeight;
    const viewTop = total - height - fromBottom;
    if (rowTop < viewTop || rowTop + rowHeight > viewTop + height) {
      el.scrollTop = -Math.max(0, total - rowTop - height / 2);
    }
  }, [props.focusIndex, rowHeight]);

  const overscan = 10;
  const viewTop = Math.max(0, total - height - fromBottom);
  const first = Math.max(0, Math.floor(viewTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((viewTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(props.renderRow(items[i]!, i - first));

  return (
    <div
      ref={ref}
      className={`wf-vlist ${props.className ?? ''}`}
      data-testid={props.testId}
      onScroll={(e) => setFromBottom(Math.max(0, -e.currentTarget.scrollTop))}
    >
      <div style={{ height: total, position: 'relative', flex: 'none' }}>
        <div style={{ position: 'absolute', top: first * rowHeight, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
