import type { GraphDocument, Problem, RunStatus } from '@weft/engine';
import type { Kysely, Selectable } from 'kysely';
import type { DialectAdapter } from './dialect-adapter.ts';
import type { GraphRecord, GraphRepository, GraphSummary, GraphVersionInput } from './store.ts';
import type { Database, GraphsTable, GraphVersionsTable } from './tables.ts';

/** Graphs and their immutable versions, in plain Kysely shared by both dialects. */
export class KyselyGraphRepository implements GraphRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  async list(): Promise<GraphSummary[]> {
    const rows = await this.db
      .selectFrom('graphs as g')
      .innerJoin('graph_versions as v', (join) =>
        join.onRef('v.graph_id', '=', 'g.id').onRef('v.version', '=', 'g.latest_version'),
      )
      .select((eb) => [
        'g.id',
        'g.name',
        'g.description',
        'g.latest_version',
        'g.created_at',
        'g.updated_at',
        'v.valid',
        eb
          .selectFrom('runs as r')
          .select('r.id')
          .whereRef('r.graph_id', '=', 'g.id')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('last_run_id'),
      ])
      .orderBy('g.updated_at', 'desc')
      .orderBy('g.id')
      .execute();
    const runIds = rows.map((r) => r.last_run_id).filter((id): id is string => typeof id === 'string');
    const lastRuns = new Map<string, { id: string; status: RunStatus; createdAt: number }>();
    for (let i = 0; i < runIds.length; i += 500) {
      const found = await this.db
        .selectFrom('runs')
        .select(['id', 'status', 'created_at'])
        .where('id', 'in', runIds.slice(i, i + 500))
        .execute();
      for (const r of found)
        lastRuns.set(r.id, { id: r.id, status: r.status as RunStatus, createdAt: r.created_at });
    }
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      version: r.latest_version,
      valid: r.valid === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastRun: (r.last_run_id && lastRuns.get(r.last_run_id)) || null,
    }));
  }

  async get(id: string): Promise<GraphRecord | undefined> {
    const row = await this.db
      .selectFrom('graphs as g')
      .innerJoin('graph_versions as v', (join) =>
        join.onRef('v.graph_id', '=', 'g.id').onRef('v.version', '=', 'g.latest_version'),
      )
      .selectAll('v')
      .select('g.created_at as graph_created_at')
      .where('g.id', '=', id)
      .executeTakeFirst();
    return row && toRecord(row, row.graph_created_at);
  }

  async head(id: string) {
    const row = await this.db
      .selectFrom('graphs')
      .select(['latest_version', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { version: row.latest_version, updatedAt: row.updated_at };
  }

  async getVersion(id: string, version: number): Promise<GraphRecord | undefined> {
    const row = await this.db
      .selectFrom('graph_versions as v')
      .innerJoin('graphs as g', 'g.id', 'v.graph_id')
      .selectAll('v')
      .select('g.created_at as graph_created_at')
      .where('v.graph_id', '=', id)
      .where('v.version', '=', version)
      .executeTakeFirst();
    return row && toRecord(row, row.graph_created_at);
  }

  async versions(id: string) {
    const graph = await this.db.selectFrom('graphs').select('id').where('id', '=', id).executeTakeFirst();
    if (!graph) return undefined;
    const rows = await this.db
      .selectFrom('graph_versions')
      .select(['version', 'name', 'valid', 'created_at'])
      .where('graph_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      name: r.name,
      valid: r.valid === 1,
      createdAt: r.created_at,
    }));
  }

  async create(input: GraphVersionInput): Promise<{ version: number } | 'exists'> {
    const { document: doc, now } = input;
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('graphs')
          .values({
            id: doc.id,
            name: doc.name,
            description: doc.description ?? null,
            latest_version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx.insertInto('graph_versions').values(versionRow(input, 1)).execute();
      });
    } catch (error) {
      if (this.adapter.isUniqueViolation(error)) return 'exists';
      throw error;
    }
    return { version: 1 };
  }

  async save(input: GraphVersionInput): Promise<{ version: number } | 'not-found'> {
    const { document: doc, now } = input;
    return this.db.transaction().execute(async (trx) => {
      // One atomic increment hands out the version number, so concurrent saves never collide.
      const bumped = await trx
        .updateTable('graphs')
        .set((eb) => ({
          latest_version: eb('latest_version', '+', 1),
          name: doc.name,
          description: doc.description ?? null,
          updated_at: now,
        }))
        .where('id', '=', doc.id)
        .returning('latest_version')
        .executeTakeFirst();
      if (!bumped) return 'not-found' as const;
      await trx.insertInto('graph_versions').values(versionRow(input, bumped.latest_version)).execute();
      return { version: bumped.latest_version };
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('graph_versions').where('graph_id', '=', id).execute();
      const result = await trx.deleteFrom('graphs').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('graphs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function versionRow(input: GraphVersionInput, version: number) {
  return {
    graph_id: input.document.id,
    version,
    name: input.document.name,
    document: JSON.stringify(input.document),
    valid: input.valid ? 1 : 0,
    errors: JSON.stringify(input.errors),
    created_at: input.now,
  };
}

function toRecord(
  row: Selectable<GraphVersionsTable>,
  graphCreatedAt: GraphsTable['created_at'],
): GraphRecord {
  return {
    id: row.graph_id,
    version: row.version,
    document: JSON.parse(row.document) as GraphDocument,
    valid: row.valid === 1,
    errors: JSON.parse(row.errors) as Problem[],
    createdAt: graphCreatedAt,
    updatedAt: row.created_at,
  };
}
