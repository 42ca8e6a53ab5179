import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * A list of fixed-height rows that renders only what is in view (a 10,000-event log stays cheap), and
 * sticks to the bottom while new rows arrive if it was at the bottom.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  renderRow(item: T, index: number): ReactNode;
  className?: string;
  testId?: string;
  /** Scrolls this row into view when it changes. */
  focusIndex?: number | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(240);
  const stick = useRef(true);
  const { items, rowHeight } = props;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The observed size, not el.clientHeight: reading layout here would force a reflow of the whole page.
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setHeight(box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new rows are what moves a list stuck to the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current && props.focusIndex == null) el.scrollTop = items.length * rowHeight;
  }, [items.length, props.focusIndex]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || props.focusIndex == null) return;
    const top = props.focusIndex * rowHeight;
    if (top < el.scrollTop || top + rowHeight > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    }
  }, [props.focusIndex, rowHeight]);

  const overscan = 10;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(props.renderRow(items[i]!, i));

  return (
    <div
      ref={ref}
      className={`wf-vlist ${props.className ?? ''}`}
      data-testid={props.testId}
      onScroll={(e) => {
        const el = e.currentTarget;
        setScrollTop(el.scrollTop);
        stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
      }}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: first * rowHeight, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
