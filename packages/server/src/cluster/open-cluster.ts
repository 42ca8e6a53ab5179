import type { Logger } from '../observability/logger.ts';
import type { EventBus } from '../runs/event-bus.ts';
import type { RunQueue } from '../runs/run-queue.ts';
import type { Store } from '../storage/store.ts';
import { createPgBossRunQueue, startPgBoss } from './pg-boss-run-queue.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';
import { clusterChannels, PostgresListener } from './postgres-listener.ts';

/** The pg-boss queue every process of a deployment shares. */
export const RUN_QUEUE = 'weft-runs';

export interface ClusterOptions {
  /** The open PostgreSQL store; pg-boss runs on its connections. */
  store: Store;
  /** The database URL (the listening connection is one of its own). */
  url: string;
  /** The store's schema, if not the default: it names the notification channels. */
  schema?: string | undefined;
  /** pg-boss's schema. */
  queueSchema: string;
  /** Jobs this process executes at once (workers). */
  concurrency: number;
  pollMs: number;
  /** This process's name in leases and notifications. */
  writer: string;
  logger: Logger;
}

/** What a process of a multi-process deployment shares with the others: the queue and the event bus. */
export interface Cluster {
  queue: RunQueue;
  bus: EventBus;
  /** Stops pg-boss and the listening connection (after the run manager closed). */
  close(): Promise<void>;
}

/**
 * Joins a multi-process deployment on PostgreSQL: starts pg-boss (creating its schema and the run
 * queue on first use), opens the connection that LISTENs for events and queued jobs, and builds the
 * shared queue and the cross-process event bus over them.
 */
export async function openCluster(options: ClusterOptions): Promise<Cluster> {
  const { store, logger } = options;
  const channels = clusterChannels(options.schema);
  const listener = new PostgresListener({ url: options.url, logger });
  await listener.start();
  try {
    const boss = await startPgBoss({ sql: store.sql, schema: options.queueSchema, queue: RUN_QUEUE, logger });
    const queue = createPgBossRunQueue({
      boss,
      name: RUN_QUEUE,
      store,
      concurrency: options.concurrency,
      wakeups: { listener, channel: channels.jobs },
      pollMs: options.pollMs,
      logger,
    });
    const bus = createPostgresEventBus({
      listener,
      channel: channels.events,
      control: { channel: channels.control, sql: store.sql },
      runs: store.runs,
      writer: options.writer,
      logger,
    });
    await bus.start();
    return {
      queue,
      bus,
      async close() {
        bus.close();
        await boss.stop({ graceful: false, close: false });
        await listener.close();
      },
    };
  } catch (error) {
    await listener.close();
    throw error;
  }
}
