import type { RunStatus } from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { Lease, RunRecord, RunRepository, Store, TransactionHook } from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';
import type { GraphCatalog } from './graph-catalog.ts';
import { outputState } from './run-execution.ts';
import type { RunJob, RunQueue } from './run-queue.ts';
import { isFinished } from './run-record.ts';
import { whenStopped } from './run-waiter.ts';

/** A run the manager accepted: the run as accepted (queued), when its row is durable, and when it stops. */
export interface AcceptedRun {
  /** The run as it was accepted: `queued`, with `lastSeq` the seq to follow its new events after. */
  record: RunRecord;
  /** Resolves once the run's row (and everything before it) is committed. */
  accepted: Promise<void>;
  /** Resolves with the run once it is completed, failed, cancelled or waiting, and durably so. */
  readonly done: Promise<RunRecord>;
}

/** A run another process executes: `done` watches the bus, from its first use only (202 answers never use it). */
export function acceptedElsewhere(
  bus: EventBus,
  runs: Pick<RunRepository, 'get'>,
  record: RunRecord,
  accepted: Promise<void>,
): AcceptedRun {
  let done: Promise<RunRecord> | undefined;
  return {
    record,
    accepted,
    get done() {
      done ??= whenStopped(bus, runs, record.id, record.lastSeq);
      return done;
    },
  };
}

/**
 * What a group commit adds to its transaction in a multi-process deployment: the jobs of the new runs
 * it writes (not of fenced ones) and the notification of the events it writes.
 */
export function clusterCommitHook(
  queue: RunQueue,
  bus: EventBus,
): ((...args: [...Parameters<TransactionHook>, readonly RunJob[]]) => Promise<void>) | undefined {
  const notify = bus.notifyInTransaction?.bind(bus);
  if (!queue.shared && !notify) return undefined;
  return async (tx, applied, jobs) => {
    const live = applied.fenced.size > 0 ? jobs.filter((j) => !applied.fenced.has(j.runId)) : jobs;
    if (live.length > 0) await queue.enqueue(live, tx);
    if (notify && applied.events.length > 0) await notify(applied.events, tx);
  };
}

/** Throws `NOT_WAITING` unless the run waits for `nodeId`. */
export function checkWaitingFor(record: RunRecord, nodeId: string): void {
  if (record.status !== 'waiting')
    throw new ServerError('NOT_WAITING', `run '${record.id}' is not waiting: it is ${record.status}`);
  if (!record.pending.some((p) => p.nodeId === nodeId)) {
    const waiting = record.pending.map((p) => `'${p.nodeId}'`).join(', ');
    throw new ServerError(
      'NOT_WAITING',
      `node '${nodeId}' of run '${record.id}' is not waiting; ${waiting} is`,
      { pending: record.pending },
    );
  }
}

/** A run that stops without its executor shows the state of its last checkpoint, as one that stops with it. */
export async function stateFromCheckpoint(
  store: Pick<Store, 'runs'>,
  catalog: GraphCatalog,
  record: RunRecord,
): Promise<void> {
  const checkpoint = await store.runs.checkpoint(record.id);
  if (!checkpoint) return;
  const graph = await catalog.forRun(record).catch(() => undefined);
  record.state = graph ? outputState(graph, checkpoint.state) : checkpoint.state;
}

/**
 * Answers a waiting run through a shared queue: claims it (waiting → queued) and queues the answer
 * with the new lease version, in one transaction — a second answer finds it queued, and a process
 * that dies halfway leaves it waiting.
 */
export async function queueResume(
  store: Pick<Store, 'transaction'>,
  queue: RunQueue,
  owner: string,
  job: Extract<RunJob, { kind: 'resume' }>,
): Promise<Lease> {
  const lease = await store.transaction(async (tx) => {
    const claimed = await tx.leases.claim(job.runId, owner, { statuses: ['waiting'], status: 'queued' });
    if (claimed) await queue.enqueue([{ ...job, leaseVersion: claimed.leaseVersion }], tx.sql);
    return claimed;
  });
  if (!lease) throw new ServerError('NOT_WAITING', `run '${job.runId}' is not waiting any more`);
  return lease;
}

/**
 * Claims a run in one of `statuses` for `owner` (fencing whoever held it); throws `RUN_NOT_FOUND`,
 * `RUN_FINISHED` or `NOT_WAITING` when it is not there to claim.
 */
export async function claimRun(
  store: Pick<Store, 'leases' | 'runs'>,
  runId: string,
  owner: string,
  statuses: readonly RunStatus[],
  leaseMs?: number,
): Promise<Lease> {
  const lease = await store.leases.claim(runId, owner, { statuses, ...(leaseMs ? { leaseMs } : {}) });
  if (lease) return lease;
  const record = await store.runs.get(runId);
  if (!record) throw new ServerError('RUN_NOT_FOUND', `no run '${runId}'`);
  if (isFinished(record.status))
    throw new ServerError('RUN_FINISHED', `run '${runId}' already ended: it is ${record.status}`);
  throw new ServerError('NOT_WAITING', `run '${runId}' is not waiting: it is ${record.status}`);
}
