import { sql } from 'kysely';
import type { OpenDatabase } from './dialect-adapter.ts';
import { KyselyGraphRepository } from './kysely-graph-repository.ts';
import { KyselyRunRepository } from './kysely-run-repository.ts';
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
    meta,
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => open.close(),
  };
}
