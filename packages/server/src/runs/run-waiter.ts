import { ServerError } from '../errors.ts';
import type { RunRecord, RunRepository } from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';

const STOPS = new Set(['run.completed', 'run.failed', 'run.cancelled', 'run.waiting']);

/**
 * Resolves with a run once it stops — completed, failed, cancelled or waiting — after seq `after`,
 * wherever it executes: it listens on the bus first, then looks at the stored run, which may have
 * stopped already. What it resolves with is read from the store, so it is committed.
 *
 * @example
 * const run = await whenStopped(bus, store.runs, runId, 0);
 */
export function whenStopped(
  bus: EventBus,
  runs: Pick<RunRepository, 'get'>,
  runId: string,
  after: number,
): Promise<RunRecord> {
  return new Promise<RunRecord>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      stop();
      runs
        .get(runId)
        .then(
          (record) =>
            record ? resolve(record) : reject(new ServerError('RUN_NOT_FOUND', `run '${runId}' was deleted`)),
          reject,
        );
    };
    const stop = bus.subscribe(runId, (event) => {
      if (event.seq > after && STOPS.has(event.type)) finish();
    });
    runs.get(runId).then(
      (record) => {
        if (record && record.lastSeq > after && STOPS.has(`run.${record.status}`)) finish();
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        stop();
        reject(error);
      },
    );
  });
}
