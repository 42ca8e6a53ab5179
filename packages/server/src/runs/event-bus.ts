import type { SqlExecutor, StoredEvent } from '../storage/store.ts';

export type EventListener = (event: StoredEvent) => void;

/**
 * Carries committed events to whoever watches a run (WebSocket clients, `wait: true` callers, the CLI).
 * Events are published only after they are durable, in seq order per run, so a subscriber that reads
 * the stored events after subscribing misses nothing (see `ws/run-subscription.ts`).
 *
 * The in-process bus below serves one server; `createPostgresEventBus` (src/cluster) carries events
 * between the processes of one PostgreSQL database through LISTEN/NOTIFY.
 */
export interface EventBus {
  /** Events this process committed, in seq order per run. */
  publish(events: readonly StoredEvent[]): void;
  /**
   * A bus between processes announces committed events from inside the transaction that writes them
   * (a PostgreSQL NOTIFY is delivered when, and only if, that transaction commits).
   */
  notifyInTransaction?(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void>;
  /**
   * Listens for commits of other processes, by run: only the holder of a run's lease can write its
   * events, so a process executing one of those runs has lost it.
   */
  onRemoteCommit?(listener: (runIds: readonly string[]) => void): () => void;
  /**
   * Asks the process executing `runId`, whichever it is, to cancel it: that process ends the run itself,
   * after what it already did is written, so the cancelled run shows every node that completed.
   */
  requestCancel?(runId: string, reason: string): Promise<void>;
  /** Listens for the cancel requests of other processes. */
  onCancelRequest?(listener: (runId: string, reason: string) => void): () => void;
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
