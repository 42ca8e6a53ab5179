import { describe, expect, it } from 'vitest';
import { randomSchema, TEST_POSTGRES_URL } from '../testing/test-stores.ts';
import { openPostgres } from './dialect/postgres/open-postgres.ts';
import { openSqlite } from './dialect/sqlite/open-sqlite.ts';
import type { OpenDatabase } from './dialect-adapter.ts';
import { createMigrations, migrateToLatest } from './migrations.ts';

const dialects: Array<{ name: string; open(): Promise<OpenDatabase> }> = [
  { name: 'sqlite', open: async () => openSqlite({ file: ':memory:' }) },
  {
    name: 'postgres',
    open: () => openPostgres({ url: TEST_POSTGRES_URL, schema: randomSchema(), dropSchemaOnClose: true }),
  },
];

describe.each(dialects)('migrations on $name', ({ open }) => {
  it('migrate an empty database, and again without effect', async () => {
    const database = await open();
    try {
      await migrateToLatest(database.db, database.adapter);
      await migrateToLatest(database.db, database.adapter);
      const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
      expect(tables).toEqual(
        expect.arrayContaining(['checkpoints', 'graph_versions', 'graphs', 'meta', 'run_events', 'runs']),
      );
    } finally {
      await database.close();
    }
  });

  it('0002 takes the envelope out of events stored with it', async () => {
    const database = await open();
    try {
      await migrateToLatest(database.db, database.adapter);
      const full = JSON.stringify({ type: 'node.log', message: 'hi', runId: 'r', seq: 1, ts: 5 });
      await database.db
        .insertInto('run_events')
        .values({ run_id: 'r', seq: 1, type: 'node.log', node_id: null, ts: 5, data: full })
        .execute();
      await createMigrations(database.adapter)['0002_event_data_without_envelope']!.up(database.db);
      const row = await database.db.selectFrom('run_events').select('data').executeTakeFirstOrThrow();
      expect(row.data).toBe('{"type":"node.log","message":"hi"}');
    } finally {
      await database.close();
    }
  });
});
