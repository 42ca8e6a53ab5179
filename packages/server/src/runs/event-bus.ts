import type { StoredEvent } from '../storage/store.ts';

export type EventListener = (event: StoredEvent) => void;

/**
 * Carries committed events to whoever watches a run (WebSocket clients, `wait: true` callers, the CLI).
 * Events are published only after they are durable, in seq order per run, so a subscriber that reads
 * the stored events after subscribing misses nothing (see `ws/run-subscription.ts`).
 *
 * The in-process bus below serves one server; a bus over PostgreSQL LISTEN/NOTIFY can implement the
 * same interface to carry events between processes.
 */
export interface EventBus {
  publish(events: readonly StoredEvent[]): void;
  /** Listens to one run's events; returns the function that stops listening. */
  subscribe(runId: string, listener: EventListener): () => void;
  /** How many runs have at least one listener. */
  readonly watchedRuns: number;
}

export function createInProcessEventBus(): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    publish(events) {
      if (listeners.size === 0) return;
      for (const event of events) {
        const set = listeners.get(event.runId);
        if (!set) continue;
        for (const listener of set) {
          try {
            listener(event);
          } catch {
            // A broken listener must not keep the others (or the commit that published) from going on.
          }
        }
      }
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) {
        set = new Set();
        listeners.set(runId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(runId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) listeners.delete(runId);
      };
    },
    get watchedRuns() {
      return listeners.size;
    },
  };
}
