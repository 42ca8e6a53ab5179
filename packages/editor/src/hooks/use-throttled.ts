import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but updated at most every `ms` milliseconds (the latest value always arrives). Panels that
 * people read — the event log, the timeline — follow a run streaming thousands of events a second at a
 * few updates per second instead of on every frame.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
