import { sql } from 'kysely';
import type { OpenDatabase } from './dialect-adapter.ts';
import { KyselyGraphRepository } from './kysely-graph-repository.ts';
import { KyselyLeaseRepository } from './kysely-lease-repository.ts';
import { KyselyRunRepository } from './kysely-run-repository.ts';
import { sqlExecutor } from './sql-executor.ts';
import type { MetaRepository, Store } from './store.ts';

/** The `Store` over an open Kysely database, whichever the dialect. */
export function createKyselyStore(open: OpenDatabase): Store {
  const { db, adapter } = open;
  const meta: MetaRepository = {
    async get(key) {
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    async set(key, value) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
  return {
    dialect: adapter.name,
    describe: open.describe,
    graphs: new KyselyGraphRepository(db, adapter),
    runs: new KyselyRunRepository(db, adapter),
    leases: new KyselyLeaseRepository(db, adapter),
    meta,
    sql: sqlExecutor(db),
    transaction(work) {
      return db
        .transaction()
        .execute((trx) => work({ sql: sqlExecutor(trx), leases: new KyselyLeaseRepository(trx, adapter) }));
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => open.close(),
  };
}
