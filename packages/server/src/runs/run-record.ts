import type { JsonValue, RunEvent } from '@weft/engine';
import type { RunRecord } from '../storage/store.ts';
import type { RunJob } from './run-queue.ts';

/**
 * How a run that lost its executor goes on: with the answer it had accepted (the run stays queued until
 * the answer is executed), from its last checkpoint, or from the start.
 */
export function continuation(record: RunRecord): RunJob {
  const answered = record.pending.find((p) => p.answer !== undefined);
  if (answered) return { kind: 'resume', runId: record.id, nodeId: answered.nodeId, value: answered.answer! };
  return { kind: record.lastSeq === 0 ? 'start' : 'recover', runId: record.id };
}

/**
 * Folds one event into the run's record: the run row is derived from the events written in the same
 * transaction, so the two can never disagree.
 */
export function applyRunEvent(record: RunRecord, event: RunEvent): void {
  record.lastSeq = event.seq;
  switch (event.type) {
    case 'run.started':
      record.status = 'running';
      record.startedAt = event.ts;
      return;
    case 'run.resumed':
      record.status = 'running';
      record.pending = [];
      record.startedAt ??= event.ts;
      return;
    case 'run.waiting':
      record.status = 'waiting';
      record.pending = event.pending;
      return;
    case 'run.completed':
    case 'run.failed':
    case 'run.cancelled':
      // The status is the event's name: run.completed → completed, and so on.
      record.status = event.type.slice('run.'.length) as 'completed' | 'failed' | 'cancelled';
      if (event.type === 'run.completed') record.state = event.state;
      if (event.type === 'run.failed') record.error = event.error;
      record.finishedAt = event.ts;
      record.pending = [];
      return;
    default:
      return;
  }
}

/** True once a run can never change again. */
export function isFinished(status: RunRecord['status']): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** A run as it is accepted: queued, nothing happened yet. */
export function newRunRecord(
  id: string,
  graphId: string,
  graphVersion: number | null,
  input: JsonValue,
  now: number,
): RunRecord {
  return {
    id,
    graphId,
    graphVersion,
    status: 'queued',
    input,
    state: null,
    error: null,
    pending: [],
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    lastSeq: 0,
  };
}
