import type { Checkpoint } from './run/checkpoint.ts';

/**
 * Where the engine hands a checkpoint after every node completion (DESIGN §3.11). `put` may be
 * synchronous; when it returns a promise the engine keeps the order of writes and waits for all of them
 * before a run returns.
 */
export interface Checkpointer {
  put(runId: string, checkpoint: Checkpoint): void | Promise<void>;
  get(runId: string): Checkpoint | undefined | Promise<Checkpoint | undefined>;
}

/** Time as the engine sees it; tests swap in a fake to check backoff delays without waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** A number in [0, 1) for retry jitter. */
  random(): number;
}

/** Structured logging for the engine's own diagnostics (tool logs travel as `node.log` events). */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

export const silentLogger: Logger = { debug() {}, warn() {} };
