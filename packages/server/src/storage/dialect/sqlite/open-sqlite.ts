import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DialectAdapter, OpenDatabase } from '../../dialect-adapter.ts';
import type { Database } from '../../tables.ts';
import { withStatementCache } from './statement-cache.ts';

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  timestampType: 'integer',
  maxParameters: 32_000,
  isUniqueViolation: (error) =>
    typeof (error as { code?: unknown })?.code === 'string' &&
    /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test((error as { code: string }).code),
  nowMs: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`,
  skipLocked: false,
};

export interface SqliteOptions {
  /** A file path, or `:memory:`. */
  file: string;
  /**
   * `full` (default) syncs the write-ahead log on every commit: a committed run survives a power cut.
   * `normal` survives a crash of the process but may lose the last commits on power loss.
   */
  synchronous?: 'full' | 'normal';
}

/** Opens (creating if needed) a SQLite database in WAL mode. */
export function openSqlite(options: SqliteOptions): OpenDatabase {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const raw = new Sqlite(options.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return {
    db,
    adapter: sqliteAdapter,
    describe: `sqlite:${options.file}`,
    close: () => db.destroy(),
  };
}
