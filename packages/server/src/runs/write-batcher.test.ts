import type { Checkpoint } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import type {
  AppliedWrites,
  RunRecord,
  RunRepository,
  RunWriteBatch,
  StoredEvent,
} from '../storage/store.ts';
import { createInProcessEventBus } from './event-bus.ts';
import type { RunJob } from './run-queue.ts';
import { type TrackedRun, WriteBatcher } from './write-batcher.ts';

const tracked = (id: string, status: RunRecord['status'] = 'running'): TrackedRun => ({
  record: {
    id,
    graphId: 'g',
    graphVersion: 1,
    status,
    input: null,
    state: null,
    error: null,
    pending: [],
    createdAt: 1,
    startedAt: 1,
    finishedAt: null,
    lastSeq: 0,
  },
  leaseOwner: 'me',
  leaseVersion: 1,
  document: null,
});

const event = (runId: string, seq: number): StoredEvent => ({
  runId,
  seq,
  type: 'node.log',
  nodeId: 'a',
  ts: 1,
  json: JSON.stringify({ runId, seq }),
});

const checkpoint = (runId: string, seq: number) => ({ runId, seq }) as unknown as Checkpoint;

/** A repository that records commits and can be told to fence runs or fail. */
function recordingRepository(options: { fence?: string[]; fail?: boolean; delayMs?: number } = {}) {
  const commits: RunWriteBatch[] = [];
  const repo = {
    async commit(batch: RunWriteBatch) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fail) throw new Error('disk full');
      commits.push(batch);
      return { fenced: options.fence ?? [] };
    },
  } as unknown as RunRepository;
  return { repo, commits };
}

describe('WriteBatcher (group commit)', () => {
  it('writes the events and checkpoints of many runs in one transaction, keeping only the latest checkpoint', async () => {
    const { repo, commits } = recordingRepository();
    const batcher = new WriteBatcher(repo, createInProcessEventBus());
    const a = tracked('a');
    const b = tracked('b');
    batcher.insert(a);
    batcher.event(a, event('a', 1));
    batcher.checkpoint(a, checkpoint('a', 1));
    batcher.event(b, event('b', 1));
    batcher.event(a, event('a', 2));
    await batcher.checkpoint(a, checkpoint('a', 2));
    expect(commits).toHaveLength(1);
    expect(commits[0]!.inserts.map((r) => r.record.id)).toEqual(['a']);
    expect(commits[0]!.updates.map((u) => u.record.id)).toEqual(['b']);
    expect(commits[0]!.events.map((e) => `${e.runId}${e.seq}`)).toEqual(['a1', 'b1', 'a2']);
    expect(commits[0]!.checkpoints.map((c) => c.checkpoint.seq)).toEqual([2]);
  });

  it('drops the checkpoint of a run that ended, and writes what arrives during a commit in the next one', async () => {
    const { repo, commits } = recordingRepository({ delayMs: 20 });
    const batcher = new WriteBatcher(repo, createInProcessEventBus());
    const a = tracked('a');
    const first = batcher.checkpoint(a, checkpoint('a', 1));
    await new Promise((resolve) => setImmediate(resolve));
    a.record.status = 'completed';
    batcher.event(a, event('a', 2));
    const second = batcher.checkpoint(a, checkpoint('a', 2));
    await first;
    expect(commits).toHaveLength(1);
    await second;
    expect(commits).toHaveLength(2);
    expect(commits[1]).toMatchObject({ checkpoints: [], dropCheckpoints: ['a'] });
  });

  it('publishes events only after they are committed, and not those of fenced runs', async () => {
    const { repo } = recordingRepository({ fence: ['stale'] });
    const bus = createInProcessEventBus();
    const fenced: string[][] = [];
    const batcher = new WriteBatcher(repo, bus, { onFenced: (ids) => fenced.push(ids) });
    const seen: string[] = [];
    bus.subscribe('a', (e) => seen.push(`a${e.seq}`));
    bus.subscribe('stale', (e) => seen.push(`stale${e.seq}`));
    batcher.event(tracked('a'), event('a', 1));
    batcher.event(tracked('stale'), event('stale', 1));
    expect(seen).toEqual([]);
    await batcher.durable();
    expect(seen).toEqual(['a1']);
    expect(fenced).toEqual([['stale']]);
  });

  it('rejects the writers of a failed commit and goes on with the next batch', async () => {
    const failing = recordingRepository({ fail: true });
    const errors: unknown[] = [];
    const batcher = new WriteBatcher(failing.repo, createInProcessEventBus(), {
      onError: (e) => errors.push(e),
    });
    await expect(batcher.checkpoint(tracked('a'), checkpoint('a', 1))).rejects.toThrow('disk full');
    expect(errors).toHaveLength(1);
  });

  it('ignores writes after close (a process going down abandons its runs)', async () => {
    const { repo, commits } = recordingRepository();
    const batcher = new WriteBatcher(repo, createInProcessEventBus());
    batcher.event(tracked('a'), event('a', 1));
    await batcher.close();
    expect(commits).toHaveLength(1);
    batcher.event(tracked('a'), event('a', 2));
    await batcher.checkpoint(tracked('a'), checkpoint('a', 2));
    expect(commits).toHaveLength(1);
  });

  it('hands the jobs of new runs and what was applied to the commit hook, inside the commit', async () => {
    const { repo, commits } = recordingRepository();
    const seen: Array<{ jobs: readonly RunJob[]; applied: AppliedWrites }> = [];
    const batcher = new WriteBatcher(repo, createInProcessEventBus(), {
      inTransaction: async (_tx, applied, jobs) => {
        seen.push({ jobs, applied });
      },
    });
    const a = tracked('a', 'queued');
    await batcher.insert(a, { kind: 'start', runId: 'a', leaseVersion: 1 });
    const write = commits[0]!;
    expect(write.inserts.map((i) => i.record.id)).toEqual(['a']);
    const applied: AppliedWrites = { events: [], fenced: new Set() };
    await write.inTransaction!({ executeSql: async () => ({ rows: [] }) }, applied);
    expect(seen).toEqual([{ jobs: [{ kind: 'start', runId: 'a', leaseVersion: 1 }], applied }]);
    // Without a hook (one process), a commit carries none.
    const plain = recordingRepository();
    await new WriteBatcher(plain.repo, createInProcessEventBus()).insert(tracked('b', 'queued'));
    expect(plain.commits[0]!.inTransaction).toBeUndefined();
  });
});
