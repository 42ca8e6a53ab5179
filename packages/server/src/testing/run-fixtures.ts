import type { NewRun, RunRecord, RunWriteBatch, StoredEvent } from '../storage/store.ts';

/** A run record for repository tests (a queued run of graph `g` unless patched). */
export const record = (id: string, patch: Partial<RunRecord> = {}): RunRecord => ({
  id,
  graphId: 'g',
  graphVersion: 1,
  status: 'queued',
  input: { n: 1 },
  state: null,
  error: null,
  pending: [],
  createdAt: 1000,
  startedAt: null,
  finishedAt: null,
  lastSeq: 0,
  ...patch,
});

/** A new run with its first lease (version 1, owner `test`). */
export const newRun = (
  id: string,
  patch: Partial<RunRecord> = {},
  document: NewRun['document'] = null,
): NewRun => ({
  record: record(id, patch),
  document,
  leaseOwner: 'test',
  leaseVersion: 1,
});

/** A stored event of run `runId` (a `node.*` type gets node id `a`). */
export const event = (runId: string, seq: number, type = 'node.started'): StoredEvent => ({
  runId,
  seq,
  type,
  nodeId: type.startsWith('node.') ? 'a' : null,
  ts: 1000 + seq,
  json: JSON.stringify({ type, runId, seq, ts: 1000 + seq }),
});

/** A group commit with nothing in it but what is patched in. */
export const batch = (patch: Partial<RunWriteBatch>): RunWriteBatch => ({
  inserts: [],
  updates: [],
  events: [],
  checkpoints: [],
  dropCheckpoints: [],
  now: 2000,
  ...patch,
});
