/**
 * Collects items and hands them over in one batch per animation frame, so a burst of run events costs
 * one store update and one render, not one per event.
 *
 * @example
 * const batcher = createFrameBatcher<RunEvent>((batch) => store.getState().receiveEvents(batch));
 * socket.onmessage = (m) => batcher.push(JSON.parse(m.data).event);
 */
export function createFrameBatcher<T>(
  flush: (batch: T[]) => void,
  schedule: (run: () => void) => void = defaultSchedule,
): { push(item: T): void; flushNow(): void } {
  let buffer: T[] = [];
  let scheduled = false;
  const flushNow = () => {
    scheduled = false;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    flush(batch);
  };
  return {
    push(item) {
      buffer.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flushNow);
      }
    },
    flushNow,
  };
}

/** The next animation frame, or a short timer when the tab is hidden (frames do not fire then). */
function defaultSchedule(run: () => void): void {
  if (typeof document !== 'undefined' && document.visibilityState === 'visible') {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      run();
    };
    requestAnimationFrame(once);
    setTimeout(once, 100);
  } else {
    setTimeout(run, 50);
  }
}
