import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectAdapter } from './dialect-adapter.ts';
import { compactEventJson } from './event-envelope.ts';

/**
 * The one set of migrations, for both dialects: column types that differ come from the adapter.
 * Migrations are append-only; never edit one that has shipped.
 */
export function createMigrations(adapter: DialectAdapter): Record<string, Migration> {
  const ts = adapter.timestampType;
  return {
    '0001_initial': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current table types
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('graphs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('latest_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', ts, (c) => c.notNull())
          .addColumn('updated_at', ts, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('graph_versions')
          .addColumn('graph_id', 'text', (c) => c.notNull().references('graphs.id').onDelete('cascade'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('valid', 'integer', (c) => c.notNull())
          .addColumn('errors', 'text', (c) => c.notNull())
          .addColumn('created_at', ts, (c) => c.notNull())
          .addPrimaryKeyConstraint('graph_versions_pk', ['graph_id', 'version'])
          .execute();
        await db.schema
          .createTable('runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('graph_id', 'text', (c) => c.notNull())
          .addColumn('graph_version', 'integer')
          .addColumn('document', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('input', 'text', (c) => c.notNull())
          .addColumn('state', 'text')
          .addColumn('error', 'text')
          .addColumn('pending', 'text')
          .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', ts, (c) => c.notNull())
          .addColumn('started_at', ts)
          .addColumn('finished_at', ts)
          .addColumn('lease_owner', 'text')
          .addColumn('lease_version', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_expires_at', ts)
          .execute();
        await db.schema.createIndex('runs_graph_idx').on('runs').columns(['graph_id', 'id']).execute();
        await db.schema.createIndex('runs_status_idx').on('runs').columns(['status', 'id']).execute();
        await db.schema
          .createTable('run_events')
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('node_id', 'text')
          .addColumn('ts', ts, (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('run_events_pk', ['run_id', 'seq'])
          .execute();
        await db.schema
          .createTable('checkpoints')
          .addColumn('run_id', 'text', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('updated_at', ts, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_event_data_without_envelope': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current table types
      async up(db: Kysely<any>) {
        // Events written before this migration carry their envelope in `data` too; take it out.
        let after = { run_id: '', seq: 0 };
        for (;;) {
          const rows = await db
            .selectFrom('run_events')
            .select(['run_id', 'seq', 'ts', 'data'])
            .where((eb) =>
              eb.or([
                eb('run_id', '>', after.run_id),
                eb.and([eb('run_id', '=', after.run_id), eb('seq', '>', after.seq)]),
              ]),
            )
            .orderBy('run_id')
            .orderBy('seq')
            .limit(1000)
            .execute();
          if (rows.length === 0) return;
          for (const row of rows) {
            const data = compactEventJson(row.data, row.run_id, row.seq, Number(row.ts));
            if (data !== row.data)
              await db
                .updateTable('run_events')
                .set({ data })
                .where('run_id', '=', row.run_id)
                .where('seq', '=', row.seq)
                .execute();
          }
          const last = rows[rows.length - 1]!;
          after = { run_id: last.run_id, seq: last.seq };
        }
      },
    },
  };
}

/** Brings the schema up to date; throws with the failing migration's name when one fails. */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  adapter: DialectAdapter,
  schema?: string,
): Promise<void> {
  const migrations = createMigrations(adapter);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'weft_migrations',
    migrationLockTableName: 'weft_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `database migration ${failed ? `'${failed.migrationName}' ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
