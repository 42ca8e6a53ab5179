import type { GraphRecord, RunRecord } from '../storage/store.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A run as the API shows it (DESIGN §6): ISO times, `null` where not set, `pending` always a list. */
export function runJson(run: RunRecord) {
  return {
    id: run.id,
    graphId: run.graphId,
    graphVersion: run.graphVersion,
    status: run.status,
    input: run.input,
    state: run.state,
    error: run.error,
    pending: run.pending.map(({ answer: _, ...question }) => question),
    createdAt: iso(run.createdAt),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    lastSeq: run.lastSeq,
  };
}

/** A stored graph version as `GET /api/graphs/:id` shows it. */
export function graphJson(record: GraphRecord) {
  return {
    graph: record.document,
    version: record.version,
    valid: record.valid,
    errors: record.errors,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}

export { iso as isoTime };
