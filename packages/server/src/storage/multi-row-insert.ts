import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

/**
 * Multi-row inserts for the write path, compiled once per (table, row count): Kysely builds the SQL
 * (so each dialect gets its own placeholders and quoting), and later batches of the same size reuse it
 * with fresh parameters instead of building and compiling a query tree of thousands of values again.
 * Rows are split so that no statement exceeds the dialect's parameter limit.
 */
export class MultiRowInsert {
  private readonly compiled = new Map<number, string>();

  constructor(
    private readonly table: keyof Database,
    private readonly columns: readonly string[],
    private readonly maxParameters: number,
    private readonly capacity = 128,
  ) {}

  /** Inserts `values.length / columns.length` rows given as one flat list, column by column per row. */
  async run(db: Kysely<Database>, values: unknown[]): Promise<void> {
    const width = this.columns.length;
    const rows = values.length / width;
    const perStatement = Math.max(1, Math.floor(this.maxParameters / width));
    for (let first = 0; first < rows; first += perStatement) {
      const count = Math.min(perStatement, rows - first);
      const parameters = values.slice(first * width, (first + count) * width);
      await db.executeQuery(CompiledQuery.raw(this.sql(db, count), parameters));
    }
  }

  private sql(db: Kysely<Database>, rows: number): string {
    let sql = this.compiled.get(rows);
    if (sql === undefined) {
      const row = Object.fromEntries(this.columns.map((column) => [column, null]));
      // biome-ignore lint/suspicious/noExplicitAny: the table is chosen at run time; the SQL is all that is kept
      sql = (db as Kysely<any>)
        .insertInto(this.table)
        .values(Array.from({ length: rows }, () => row))
        .compile().sql;
      this.compiled.set(rows, sql);
      if (this.compiled.size > this.capacity) this.compiled.delete(this.compiled.keys().next().value!);
    }
    return sql;
  }
}
