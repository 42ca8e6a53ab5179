import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DialectAdapter, OpenDatabase } from '../../dialect-adapter.ts';
import type { Database } from '../../tables.ts';
import { updateRunRows } from './fenced-run-update.ts';

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  timestampType: 'bigint',
  maxParameters: 65_000,
  isUniqueViolation: (error) => (error as { code?: unknown })?.code === '23505',
  nowMs: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`,
  skipLocked: true,
  updateRunRows,
};

const INT8_OID = 20;

/** Millisecond timestamps are bigint columns; they fit a JS number exactly, so read them as numbers. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloaded getTypeParser signature cannot be forwarded typed
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

export interface PostgresOptions {
  url: string;
  /** Keep every table in this schema (created if missing); the tests use one random schema each. */
  schema?: string;
  /** Drop `schema` when the database is closed (tests). */
  dropSchemaOnClose?: boolean;
  poolSize?: number;
  /**
   * PostgreSQL ends a session that stays idle inside a transaction this long (a frozen process), so
   * its row locks cannot hold up the processes that take its runs over.
   */
  idleInTransactionTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a connection pool to PostgreSQL. */
export async function openPostgres(options: PostgresOptions): Promise<OpenDatabase> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const settings = [
    ...(schema ? [`-c search_path="${schema}"`] : []),
    ...(options.idleInTransactionTimeoutMs
      ? [`-c idle_in_transaction_session_timeout=${Math.ceil(options.idleInTransactionTimeoutMs)}`]
      : []),
  ];
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  });
  // A connection PostgreSQL ends (a restart, or the idle-in-transaction timeout of a process that was
  // frozen) emits 'error'; unheard, that would end the process. The pool drops an idle one, and the
  // next statement on a checked-out one fails, so whoever used it sees the error.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(options.url);
  url.password = '';
  return {
    db,
    adapter: postgresAdapter,
    describe: `${url.toString()}${schema ? ` (schema ${schema})` : ''}`,
    async close() {
      await db.destroy();
      if (schema && options.dropSchemaOnClose) {
        const admin = new pg.Client({ connectionString: options.url });
        await admin.connect();
        try {
          await admin.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await admin.end();
        }
      }
    },
  };
}
