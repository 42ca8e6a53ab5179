import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './tables.ts';

/**
 * What differs between the SQL dialects, as data and small functions: everything else is shared Kysely
 * code. Each dialect folder exports one `open…` function that returns this next to its Kysely instance.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** Column type for millisecond timestamps (64-bit). */
  readonly timestampType: 'integer' | 'bigint';
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** True when the error is a unique or primary key violation. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * The database's clock in milliseconds since the epoch. Leases are timed by it, so processes on
   * machines whose clocks disagree still agree on when a lease lapsed.
   */
  readonly nowMs: RawBuilder<number>;
  /** `SELECT … FOR UPDATE SKIP LOCKED` exists (PostgreSQL); SQLite has one writer and no row locks. */
  readonly skipLocked: boolean;
  /**
   * Writes the fenced run-row updates of a group commit in one statement and returns the ids it
   * updated. Where absent (SQLite: no network between the statements) each row is its own update.
   */
  readonly updateRunRows?: (db: Kysely<Database>, rows: readonly RunRowUpdate[]) => Promise<Set<string>>;
}

/** The columns of a run row that change while it runs, serialised, and the lease the update is fenced by. */
export interface RunRowUpdate {
  id: string;
  status: string;
  state: string | null;
  error: string | null;
  pending: string | null;
  lastSeq: number;
  startedAt: number | null;
  finishedAt: number | null;
  leaseVersion: number;
}

/** An open database: the Kysely instance, its adapter, and how to close it. */
export interface OpenDatabase {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  /** A description safe for logs (no password). */
  describe: string;
  /** Closes the connections; for a test schema on PostgreSQL, drops the schema first when asked. */
  close(): Promise<void>;
}
