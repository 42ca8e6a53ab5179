import { CompiledQuery, type Kysely } from 'kysely';
import type { RunRowUpdate } from '../../dialect-adapter.ts';
import type { Database } from '../../tables.ts';

const COLUMNS = [
  'id',
  'status',
  'state',
  'error',
  'pending',
  'last_seq',
  'started_at',
  'finished_at',
  'lease_version',
] as const;
/** PostgreSQL takes 65,535 parameters per statement. */
const ROWS_PER_STATEMENT = Math.floor(65_000 / COLUMNS.length);
const compiled = new Map<number, string>();

/**
 * The fenced run-row updates of one group commit as one statement: `UPDATE … FROM (VALUES …)` joined
 * on id and lease version, returning the ids it updated (the others are fenced). One round trip
 * instead of one per run: over a network, that is most of a commit's cost. Values arrive untyped
 * (text) and are cast where the columns are numbers.
 */
export async function updateRunRows(
  db: Kysely<Database>,
  rows: readonly RunRowUpdate[],
): Promise<Set<string>> {
  const applied = new Set<string>();
  for (let first = 0; first < rows.length; first += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(first, first + ROWS_PER_STATEMENT);
    const values: unknown[] = [];
    for (const row of chunk)
      values.push(
        row.id,
        row.status,
        row.state,
        row.error,
        row.pending,
        row.lastSeq,
        row.startedAt,
        row.finishedAt,
        row.leaseVersion,
      );
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(sqlFor(chunk.length), values));
    for (const { id } of result.rows) applied.add(id);
  }
  return applied;
}

function sqlFor(rows: number): string {
  let sql = compiled.get(rows);
  if (sql === undefined) {
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`,
    ).join(', ');
    sql =
      'update runs as r set status = v.status, state = v.state, error = v.error, pending = v.pending, ' +
      'last_seq = v.last_seq::integer, started_at = v.started_at::bigint, finished_at = v.finished_at::bigint ' +
      `from (values ${tuples}) as v(${COLUMNS.join(', ')}) ` +
      'where r.id = v.id and r.lease_version = v.lease_version::integer returning r.id';
    compiled.set(rows, sql);
    if (compiled.size > 128) compiled.delete(compiled.keys().next().value!);
  }
  return sql;
}
