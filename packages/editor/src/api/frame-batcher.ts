/**
 * Collects items and hands them over in one batch per animation frame, so a burst of run events costs
 * one store update and one render, not one per event. With `maxPerFrame`, a bigger backlog is spread
 * over several frames, which keeps every frame short however large the burst.
 *
 * @example
 * const batcher = createFrameBatcher<RunEvent>((batch) => store.getState().receiveEvents(batch));
 * socket.onmessage = (m) => batcher.push(JSON.parse(m.data).event);
 */
export function createFrameBatcher<T>(
  flush: (batch: T[]) => void,
  options: { schedule?: (run: () => void) => void; maxPerFrame?: number } = {},
): { push(...items: T[]): void; flushNow(): void } {
  const schedule = options.schedule ?? nextFrame;
  const max = options.maxPerFrame ?? Number.POSITIVE_INFINITY;
  let buffer: T[] = [];
  let scheduled = false;
  const frame = () => {
    scheduled = false;
    if (buffer.length === 0) return;
    const batch = buffer.length > max ? buffer.splice(0, max) : buffer;
    if (batch === buffer) buffer = [];
    flush(batch);
    if (buffer.length > 0) {
      scheduled = true;
      schedule(frame);
    }
  };
  return {
    push(...items) {
      for (const item of items) buffer.push(item);
      if (!scheduled && buffer.length > 0) {
        scheduled = true;
        schedule(frame);
      }
    },
    flushNow() {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      flush(batch);
    },
  };
}

/**
 * Runs `run` at the next animation frame, or after a short timer when frames do not come (a hidden tab
 * fires none), whichever is first; once.
 */
export function nextFrame(run: () => void): void {
  if (typeof document !== 'undefined' && document.visibilityState !== 'visible') {
    setTimeout(run, 50);
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(once);
  setTimeout(once, 100);
}
