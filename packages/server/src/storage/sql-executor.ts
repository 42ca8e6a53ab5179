import { CompiledQuery, type Kysely } from 'kysely';
import type { SqlExecutor } from './store.ts';
import type { Database } from './tables.ts';

/**
 * Raw SQL over a Kysely instance or transaction: how pg-boss (its `db` option) and the event bus's
 * notifications run on the store's own connections, inside its transactions when given one.
 */
export function sqlExecutor(db: Pick<Kysely<Database>, 'executeQuery'>): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] };
    },
  };
}
