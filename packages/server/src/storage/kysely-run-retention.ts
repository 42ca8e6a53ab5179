import type { Kysely } from 'kysely';
import { runIdFloor } from './run-id.ts';
import { FINISHED_STATUSES, type RetentionPolicy } from './store.ts';
import type { Database } from './tables.ts';

/** Deletes finished runs (and their events and checkpoints) outside the policy; returns how many. */
export async function pruneRuns(db: Kysely<Database>, policy: RetentionPolicy): Promise<number> {
  let deleted = 0;
  if (policy.createdBefore !== undefined) {
    const before = policy.createdBefore;
    deleted += await deleteWhile(db, () =>
      db
        .selectFrom('runs')
        .select('id')
        .where('status', 'in', FINISHED_STATUSES)
        // Run ids grow with their creation time: the id bound makes this a range scan of the key.
        .where('id', '<', runIdFloor(before))
        .where('created_at', '<', before)
        .limit(500)
        .execute(),
    );
  }
  if (policy.keepPerGraph !== undefined) {
    const keep = policy.keepPerGraph;
    const crowded = await db
      .selectFrom('runs')
      .select((eb) => ['graph_id', eb.fn.countAll<number | string>().as('n')])
      .where('status', 'in', FINISHED_STATUSES)
      .groupBy('graph_id')
      .having((eb) => eb.fn.countAll(), '>', keep)
      .execute();
    for (const { graph_id } of crowded) {
      const boundary = await db
        .selectFrom('runs')
        .select('id')
        .where('graph_id', '=', graph_id)
        .where('status', 'in', FINISHED_STATUSES)
        .orderBy('id', 'desc')
        .offset(keep)
        .limit(1)
        .executeTakeFirst();
      if (!boundary) continue;
      deleted += await deleteWhile(db, () =>
        db
          .selectFrom('runs')
          .select('id')
          .where('graph_id', '=', graph_id)
          .where('status', 'in', FINISHED_STATUSES)
          .where('id', '<=', boundary.id)
          .limit(500)
          .execute(),
      );
    }
  }
  return deleted;
}

/** Deletes the runs the query finds, with their events and checkpoints, until it finds none. */
async function deleteWhile(
  db: Kysely<Database>,
  find: () => Promise<Array<{ id: string }>>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await find()).map((r) => r.id);
    if (ids.length === 0) return total;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('run_events').where('run_id', 'in', ids).execute();
      await trx.deleteFrom('checkpoints').where('run_id', 'in', ids).execute();
      await trx.deleteFrom('runs').where('id', 'in', ids).execute();
    });
    total += ids.length;
  }
}
