import type { Checkpoint, GraphDocument, JsonValue, RunStatus } from '@weft/engine';
import type { Kysely, Selectable } from 'kysely';
import type { DialectAdapter, RunRowUpdate } from './dialect-adapter.ts';
import { compactEventJson, expandEventJson } from './event-envelope.ts';
import { pruneRuns } from './kysely-run-retention.ts';
import { MultiRowInsert } from './multi-row-insert.ts';
import { sqlExecutor } from './sql-executor.ts';
import type {
  RetentionPolicy,
  RunQuery,
  RunRecord,
  RunRepository,
  RunWriteBatch,
  StoredEvent,
} from './store.ts';
import type { Database, RunsTable } from './tables.ts';

/** Runs, their events and checkpoints, in plain Kysely shared by both dialects. */
export class KyselyRunRepository implements RunRepository {
  private readonly runInsert: MultiRowInsert;
  private readonly eventInsert: MultiRowInsert;
  private readonly updateRunRows: DialectAdapter['updateRunRows'];

  constructor(
    private readonly db: Kysely<Database>,
    adapter: DialectAdapter,
  ) {
    this.updateRunRows = adapter.updateRunRows;
    this.runInsert = new MultiRowInsert('runs', RUN_INSERT_COLUMNS, adapter.maxParameters);
    this.eventInsert = new MultiRowInsert(
      'run_events',
      ['run_id', 'seq', 'type', 'node_id', 'ts', 'data'],
      adapter.maxParameters,
    );
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRunRecord(row);
  }

  async list(query: RunQuery): Promise<{ runs: RunRecord[]; nextCursor: string | null }> {
    let q = this.db.selectFrom('runs').selectAll();
    if (query.graphId !== undefined) q = q.where('graph_id', '=', query.graphId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.cursor !== undefined) q = q.where('id', '<', query.cursor);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit).map(toRunRecord);
    return { runs: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async events(runId: string, after: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('run_events')
      .select(['run_id', 'seq', 'type', 'node_id', 'ts', 'data'])
      .where('run_id', '=', runId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toStoredEvent);
  }

  async eventsOf(
    ranges: ReadonlyArray<{ runId: string; after: number; upTo?: number }>,
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let i = 0; i < ranges.length; i += 100) {
      const chunk = ranges.slice(i, i + 100);
      const rows = await this.db
        .selectFrom('run_events')
        .select(['run_id', 'seq', 'type', 'node_id', 'ts', 'data'])
        .where((eb) =>
          eb.or(
            chunk.map((r) =>
              eb.and([
                eb('run_id', '=', r.runId),
                eb('seq', '>', r.after),
                ...(r.upTo === undefined ? [] : [eb('seq', '<=', r.upTo)]),
              ]),
            ),
          ),
        )
        .orderBy('run_id')
        .orderBy('seq')
        .execute();
      for (const row of rows) events.push(toStoredEvent(row));
    }
    return events;
  }

  async document(runId: string): Promise<GraphDocument | undefined> {
    const row = await this.db
      .selectFrom('runs')
      .select('document')
      .where('id', '=', runId)
      .executeTakeFirst();
    return row?.document ? (JSON.parse(row.document) as GraphDocument) : undefined;
  }

  async checkpoint(runId: string): Promise<Checkpoint | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select('data')
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row && (JSON.parse(row.data) as Checkpoint);
  }

  async unfinished(): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('status', 'in', ['queued', 'running'])
      .orderBy('id')
      .execute();
    return rows.map(toRunRecord);
  }

  async commit(batch: RunWriteBatch): Promise<{ fenced: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      const fenced: string[] = [];
      if (this.updateRunRows && batch.updates.length > 1) {
        const applied = await this.updateRunRows(
          trx,
          batch.updates.map(({ record, leaseVersion }) => runRowUpdate(record, leaseVersion)),
        );
        for (const { record } of batch.updates) if (!applied.has(record.id)) fenced.push(record.id);
      } else {
        for (const { record, leaseVersion } of batch.updates) {
          const result = await trx
            .updateTable('runs')
            .set(runColumns(record))
            .where('id', '=', record.id)
            .where('lease_version', '=', leaseVersion)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) fenced.push(record.id);
        }
      }
      const skip = fenced.length > 0 ? new Set(fenced) : undefined;
      if (batch.inserts.length > 0) {
        const values: unknown[] = [];
        for (const run of batch.inserts) {
          const r = run.record;
          values.push(
            r.id,
            r.graphId,
            r.graphVersion,
            run.document ? JSON.stringify(run.document) : null,
            r.status,
            JSON.stringify(r.input),
            r.state === null ? null : JSON.stringify(r.state),
            r.error === null ? null : JSON.stringify(r.error),
            r.pending.length === 0 ? null : JSON.stringify(r.pending),
            r.lastSeq,
            r.createdAt,
            r.startedAt,
            r.finishedAt,
            run.leaseOwner,
            run.leaseVersion,
          );
        }
        await this.runInsert.run(trx, values);
      }
      const events = skip ? batch.events.filter((e) => !skip.has(e.runId)) : batch.events;
      if (events.length > 0) {
        const values: unknown[] = new Array(events.length * 6);
        let i = 0;
        for (const e of events) {
          values[i++] = e.runId;
          values[i++] = e.seq;
          values[i++] = e.type;
          values[i++] = e.nodeId;
          values[i++] = e.ts;
          values[i++] = compactEventJson(e.json, e.runId, e.seq, e.ts);
        }
        await this.eventInsert.run(trx, values);
      }
      const checkpoints = skip ? batch.checkpoints.filter((c) => !skip.has(c.runId)) : batch.checkpoints;
      if (checkpoints.length > 0) {
        await trx
          .insertInto('checkpoints')
          .values(
            checkpoints.map((c) => ({
              run_id: c.runId,
              seq: c.checkpoint.seq,
              data: c.json,
              updated_at: batch.now,
            })),
          )
          .onConflict((oc) =>
            oc.column('run_id').doUpdateSet((eb) => ({
              seq: eb.ref('excluded.seq'),
              data: eb.ref('excluded.data'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      const drop = skip ? batch.dropCheckpoints.filter((id) => !skip.has(id)) : batch.dropCheckpoints;
      for (let i = 0; i < drop.length; i += 500) {
        await trx
          .deleteFrom('checkpoints')
          .where('run_id', 'in', drop.slice(i, i + 500))
          .execute();
      }
      if (batch.inTransaction) await batch.inTransaction(sqlExecutor(trx), { events, fenced: skip ?? NONE });
      return { fenced };
    });
  }

  prune(policy: RetentionPolicy): Promise<number> {
    return pruneRuns(this.db, policy);
  }
}

const NONE: ReadonlySet<string> = new Set();

function toStoredEvent(r: {
  run_id: string;
  seq: number;
  type: string;
  node_id: string | null;
  ts: number;
  data: string;
}): StoredEvent {
  return {
    runId: r.run_id,
    seq: r.seq,
    type: r.type,
    nodeId: r.node_id,
    ts: r.ts,
    json: expandEventJson(r.data, r.run_id, r.seq, r.ts),
  };
}

const RUN_INSERT_COLUMNS = [
  'id',
  'graph_id',
  'graph_version',
  'document',
  'status',
  'input',
  'state',
  'error',
  'pending',
  'last_seq',
  'created_at',
  'started_at',
  'finished_at',
  'lease_owner',
  'lease_version',
] as const;

/** The columns of a run that change while it runs. */
function runColumns(record: RunRecord) {
  return {
    status: record.status,
    state: record.state === null ? null : JSON.stringify(record.state),
    error: record.error === null ? null : JSON.stringify(record.error),
    pending: record.pending.length === 0 ? null : JSON.stringify(record.pending),
    last_seq: record.lastSeq,
    started_at: record.startedAt,
    finished_at: record.finishedAt,
  };
}

/** The same columns for an update of many rows in one statement, with the lease it is fenced by. */
function runRowUpdate(record: RunRecord, leaseVersion: number): RunRowUpdate {
  const columns = runColumns(record);
  return {
    id: record.id,
    status: columns.status,
    state: columns.state,
    error: columns.error,
    pending: columns.pending,
    lastSeq: columns.last_seq,
    startedAt: columns.started_at,
    finishedAt: columns.finished_at,
    leaseVersion,
  };
}

export function toRunRecord(row: Selectable<RunsTable>): RunRecord {
  return {
    id: row.id,
    graphId: row.graph_id,
    graphVersion: row.graph_version,
    status: row.status as RunStatus,
    input: JSON.parse(row.input) as JsonValue,
    state: row.state === null ? null : JSON.parse(row.state),
    error: row.error === null ? null : JSON.parse(row.error),
    pending: row.pending === null ? [] : JSON.parse(row.pending),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    lastSeq: row.last_seq,
  };
}
