import type { Clock } from '../ports.ts';

/**
 * A clock whose time moves only when told. `sleep` and timers fire as virtual time passes; with
 * `autoAdvance` every sleep completes at once (after a microtask) and moves time forward by its length.
 *
 * @example
 * const clock = createFakeClock({ autoAdvance: true });
 * await runGraph(doc, { tools, clock });
 * clock.sleeps; // [200, 400]: the backoff delays that were asked for
 */
export interface FakeClock extends Clock {
  /** Every `sleep` duration requested, in order. */
  readonly sleeps: number[];
  /** Moves time forward, firing due timers and sleeps in order. */
  advance(ms: number): Promise<void>;
}

interface Timer {
  at: number;
  id: number;
  fire: () => void;
}

export function createFakeClock(
  options: { start?: number; autoAdvance?: boolean; random?: () => number } = {},
): FakeClock {
  let now = options.start ?? 1_700_000_000_000;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const sleeps: number[] = [];
  const random = options.random ?? (() => 0.5);

  const schedule = (fire: () => void, ms: number): number => {
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, ms), id, fire });
    return id;
  };

  return {
    sleeps,
    now: () => now,
    random,
    setTimer: (callback, ms) => schedule(callback, ms),
    clearTimer: (handle) => {
      timers.delete(handle as number);
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        if (options.autoAdvance) {
          queueMicrotask(() => {
            if (signal?.aborted) reject(signal.reason);
            else {
              now += ms;
              resolve();
            }
          });
          return;
        }
        const id = schedule(resolve, ms);
        signal?.addEventListener(
          'abort',
          () => {
            timers.delete(id);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.values()]
          .filter((t) => t.at <= until)
          .sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers.delete(due.id);
        now = due.at;
        due.fire();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      now = until;
    },
  };
}
