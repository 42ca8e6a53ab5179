import pg from 'pg';
import type { Logger } from '../observability/logger.ts';

export type NotificationHandler = (payload: string) => void;

export interface PostgresListenerOptions {
  url: string;
  logger: Logger;
  /** Pause before connecting again after the connection dropped. */
  reconnectMs?: number;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on the channels the process cares about (the event
 * bus, the job queue's wake-ups) and hands each notification to its handlers. When the connection
 * drops it reconnects, listens again, and tells the `onReconnect` handlers, since notifications sent
 * meanwhile are lost: they read what they missed from the tables.
 *
 * @example
 * const listener = new PostgresListener({ url, logger });
 * await listener.start();
 * await listener.listen('weft_events', (payload) => console.log(payload));
 */
export class PostgresListener {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PostgresListenerOptions) {}

  /** Connects and listens on every channel registered so far. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Calls `handler` with the payload of every notification on `channel`; returns how to stop. */
  async listen(channel: string, handler: NotificationHandler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.client) await this.client.query(`LISTEN ${quote(channel)}`);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** Calls `handler` after each reconnection (notifications may have been missed). */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'weft-listener' });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.options.logger.error(
            { err: error, channel: message.channel },
            'a notification handler failed',
          );
        }
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quote(channel)}`);
    this.client = client;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => {});
    this.options.logger.warn({ err: error }, 'the PostgreSQL notification connection dropped; reconnecting');
    const retry = () => {
      if (this.closed) return;
      this.connect().then(
        () => {
          this.options.logger.info('the PostgreSQL notification connection is back');
          for (const handler of this.reconnectHandlers) handler();
        },
        () => {
          this.reconnectTimer = setTimeout(retry, this.options.reconnectMs ?? 1000);
        },
      );
    };
    this.reconnectTimer = setTimeout(retry, this.options.reconnectMs ?? 1000);
  }
}

/** A channel name as a quoted identifier (LISTEN takes an identifier, `pg_notify` a string). */
function quote(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}

/** The channels of one deployment; a custom schema gets its own, so deployments in one database stay apart. */
export function clusterChannels(schema?: string): { events: string; jobs: string; control: string } {
  const prefix = schema ? `${schema}.` : '';
  return { events: `${prefix}weft_events`, jobs: `${prefix}weft_jobs`, control: `${prefix}weft_control` };
}
