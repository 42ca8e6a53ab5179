import type { Logger } from '../observability/logger.ts';
import type { EventBus, EventListener } from '../runs/event-bus.ts';
import type { RunRepository, SqlExecutor, StoredEvent } from '../storage/store.ts';
import type { PostgresListener } from './postgres-listener.ts';

export interface PostgresEventBusOptions {
  listener: PostgresListener;
  channel: string;
  /** Where cancel requests go (`requestCancel`), sent through `sql`. */
  control?: { channel: string; sql: SqlExecutor };
  /** Where the notified events are read. */
  runs: Pick<RunRepository, 'eventsOf'>;
  /** This process's name in the notifications it sends (its own are delivered without a read). */
  writer: string;
  logger: Logger;
}

interface WatchedRun {
  listeners: Set<EventListener>;
  /** The seq of the last event delivered, once one was. */
  cursor: number | undefined;
}

/** PostgreSQL delivers payloads up to 8000 bytes; stay well below. */
const MAX_PAYLOAD = 7000;

/**
 * The event bus of several processes on one PostgreSQL database. A commit that writes events also
 * sends, in its own transaction, `NOTIFY <channel>` with the writer and each run's id and seq range
 * (`notifyInTransaction`); PostgreSQL delivers it once the events are committed, to every process.
 * A process that has listeners for one of those runs reads the events from the events table — one
 * query for all the runs of a burst of notifications — and delivers them in seq order, each once.
 * Its own commits it delivers directly (`publish`). After the listening connection dropped it reads
 * every watched run again from its last delivered seq, so a lost notification loses no event.
 */
export function createPostgresEventBus(options: PostgresEventBusOptions): EventBus & {
  start(): Promise<void>;
  close(): void;
} {
  const { logger, writer } = options;
  const watched = new Map<string, WatchedRun>();
  const remoteListeners = new Set<(runIds: readonly string[]) => void>();
  const cancelListeners = new Set<(runId: string, reason: string) => void>();
  /** Runs to read: from where (when nothing was delivered yet) and up to which seq (undefined: all). */
  const wanted = new Map<string, { from: number; upTo: number | undefined }>();
  let reading = false;
  let closed = false;
  const stops: Array<() => void> = [];

  const deliver = (run: WatchedRun, event: StoredEvent) => {
    run.cursor = event.seq;
    for (const listener of run.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not keep the others from getting the event.
      }
    }
  };

  const want = (runId: string, from: number, upTo: number | undefined) => {
    const previous = wanted.get(runId);
    wanted.set(
      runId,
      previous
        ? {
            from: Math.min(previous.from, from),
            upTo:
              previous.upTo === undefined || upTo === undefined ? undefined : Math.max(previous.upTo, upTo),
          }
        : { from, upTo },
    );
    if (!reading) {
      reading = true;
      setImmediate(read);
    }
  };

  const read = async () => {
    while (wanted.size > 0 && !closed) {
      const ranges: Array<{ runId: string; after: number; upTo?: number }> = [];
      const batch = [...wanted];
      wanted.clear();
      for (const [runId, { from, upTo }] of batch) {
        const run = watched.get(runId);
        if (!run) continue;
        const after = run.cursor ?? from - 1;
        if (upTo !== undefined && after >= upTo) continue;
        ranges.push(upTo === undefined ? { runId, after } : { runId, after, upTo });
      }
      if (ranges.length === 0) continue;
      try {
        for (const event of await options.runs.eventsOf(ranges)) {
          const run = watched.get(event.runId);
          if (run && (run.cursor === undefined || event.seq === run.cursor + 1)) deliver(run, event);
        }
      } catch (error) {
        logger.error({ err: error }, 'reading notified events failed; trying again');
        for (const [runId, range] of batch) want(runId, range.from, range.upTo);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    reading = false;
  };

  const onNotification = (payload: string) => {
    const lines = payload.split('\n');
    if (lines[0] === writer) return;
    const runIds: string[] = [];
    for (let i = 1; i < lines.length; i++) {
      const [runId, from, to] = lines[i]!.split(' ');
      if (!runId) continue;
      runIds.push(runId);
      if (watched.has(runId)) want(runId, Number(from), Number(to));
    }
    for (const listener of remoteListeners) listener(runIds);
  };

  const onControl = (payload: string) => {
    let message: { cancel?: unknown; reason?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (typeof message.cancel !== 'string') return;
    const reason = typeof message.reason === 'string' ? message.reason : 'cancelled by request';
    for (const listener of cancelListeners) listener(message.cancel, reason);
  };

  return {
    async start() {
      stops.push(await options.listener.listen(options.channel, onNotification));
      if (options.control) stops.push(await options.listener.listen(options.control.channel, onControl));
      stops.push(
        options.listener.onReconnect(() => {
          for (const [runId, run] of watched) want(runId, (run.cursor ?? 0) + 1, undefined);
        }),
      );
    },
    close() {
      closed = true;
      for (const stop of stops.splice(0)) stop();
    },
    publish(events) {
      for (const event of events) {
        const run = watched.get(event.runId);
        if (!run) continue;
        if (run.cursor === undefined || event.seq === run.cursor + 1) deliver(run, event);
        // Events of this run committed by another process are not delivered yet: read up to this one.
        else if (event.seq > run.cursor + 1) want(event.runId, event.seq, event.seq);
      }
    },
    async notifyInTransaction(events: readonly StoredEvent[], tx: SqlExecutor) {
      if (events.length === 0) return;
      const ranges = new Map<string, { from: number; to: number }>();
      for (const event of events) {
        const range = ranges.get(event.runId);
        if (!range) ranges.set(event.runId, { from: event.seq, to: event.seq });
        else {
          range.from = Math.min(range.from, event.seq);
          range.to = Math.max(range.to, event.seq);
        }
      }
      const payloads: string[] = [];
      let payload = writer;
      for (const [runId, { from, to }] of ranges) {
        const line = `\n${runId} ${from} ${to}`;
        if (payload.length + line.length > MAX_PAYLOAD) {
          payloads.push(payload);
          payload = writer;
        }
        payload += line;
      }
      payloads.push(payload);
      await tx.executeSql('select pg_notify($1, p) from unnest($2::text[]) as p', [
        options.channel,
        payloads,
      ]);
    },
    onRemoteCommit(listener) {
      remoteListeners.add(listener);
      return () => remoteListeners.delete(listener);
    },
    async requestCancel(runId, reason) {
      if (!options.control) return;
      const payload = JSON.stringify({ cancel: runId, reason: reason.slice(0, 1000) });
      await options.control.sql.executeSql('select pg_notify($1, $2)', [options.control.channel, payload]);
    },
    onCancelRequest(listener) {
      cancelListeners.add(listener);
      return () => cancelListeners.delete(listener);
    },
    subscribe(runId, listener) {
      let run = watched.get(runId);
      if (!run) {
        run = { listeners: new Set(), cursor: undefined };
        watched.set(runId, run);
      }
      run.listeners.add(listener);
      return () => {
        const current = watched.get(runId);
        if (!current) return;
        current.listeners.delete(listener);
        if (current.listeners.size === 0) watched.delete(runId);
      };
    },
    get watchedRuns() {
      return watched.size;
    },
  };
}
