import { resolve } from 'node:path';
import { openPostgres } from './dialect/postgres/open-postgres.ts';
import { openSqlite } from './dialect/sqlite/open-sqlite.ts';
import { createKyselyStore } from './kysely-store.ts';
import { migrateToLatest } from './migrations.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** A `postgres://` (or `postgresql://`) URL, a SQLite file path, or `:memory:`. */
  database: string;
  /** PostgreSQL only: keep the tables in this schema. */
  schema?: string;
  /** PostgreSQL only: drop `schema` on close (tests). */
  dropSchemaOnClose?: boolean;
  /** PostgreSQL only, see `PostgresOptions.poolSize` and `idleInTransactionTimeoutMs`. */
  poolSize?: number;
  idleInTransactionTimeoutMs?: number;
  /** SQLite only, see `SqliteOptions.synchronous`. */
  sqliteSynchronous?: 'full' | 'normal';
}

/** True for `postgres://…` and `postgresql://…` URLs. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Opens the database the URL or path names and brings its schema up to date.
 *
 * @example
 * const store = await openStore({ database: './data/weft.db' });
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const open = isPostgresUrl(options.database)
    ? await openPostgres({
        url: options.database,
        ...(options.schema ? { schema: options.schema } : {}),
        ...(options.dropSchemaOnClose ? { dropSchemaOnClose: true } : {}),
        ...(options.poolSize ? { poolSize: options.poolSize } : {}),
        ...(options.idleInTransactionTimeoutMs
          ? { idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs }
          : {}),
      })
    : openSqlite({
        file: options.database === ':memory:' ? ':memory:' : resolve(options.database),
        ...(options.sqliteSynchronous ? { synchronous: options.sqliteSynchronous } : {}),
      });
  try {
    await migrateToLatest(open.db, open.adapter, options.schema);
  } catch (error) {
    await open.close();
    throw error;
  }
  return createKyselyStore(open);
}
