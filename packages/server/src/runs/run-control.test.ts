import { describe, expect, it } from 'vitest';
import type { SqlExecutor, StoredEvent } from '../storage/store.ts';
import { event, record } from '../testing/run-fixtures.ts';
import { createInProcessEventBus, type EventBus } from './event-bus.ts';
import { checkWaitingFor, clusterCommitHook } from './run-control.ts';
import { createInProcessRunQueue, type RunJob, type RunQueue } from './run-queue.ts';

const tx: SqlExecutor = { executeSql: async () => ({ rows: [] }) };

describe('clusterCommitHook', () => {
  it('is absent for one process: nothing extra in its commits', () => {
    expect(
      clusterCommitHook(createInProcessRunQueue({ concurrency: 1 }), createInProcessEventBus()),
    ).toBeUndefined();
  });

  it('queues the jobs of the commit’s runs but not of fenced ones, and announces the events written', async () => {
    const enqueued: RunJob[][] = [];
    const notified: StoredEvent[][] = [];
    const queue = {
      shared: true,
      async enqueue(jobs: readonly RunJob[]) {
        enqueued.push([...jobs]);
      },
    } as Partial<RunQueue> as RunQueue;
    const bus = {
      ...createInProcessEventBus(),
      async notifyInTransaction(events: readonly StoredEvent[]) {
        notified.push([...events]);
      },
    } as EventBus;
    const hook = clusterCommitHook(queue, bus)!;
    const events = [event('a', 1)];
    await hook(tx, { events, fenced: new Set(['b']) }, [
      { kind: 'start', runId: 'a', leaseVersion: 1 },
      { kind: 'start', runId: 'b', leaseVersion: 1 },
    ]);
    expect(enqueued).toEqual([[{ kind: 'start', runId: 'a', leaseVersion: 1 }]]);
    expect(notified).toEqual([events]);
    await hook(tx, { events: [], fenced: new Set() }, []);
    expect(enqueued).toHaveLength(1);
    expect(notified).toHaveLength(1);
  });
});

describe('checkWaitingFor', () => {
  it('says what the run is doing, or which node does wait', () => {
    expect(() => checkWaitingFor(record('r', { status: 'running' }), 'a')).toThrow('it is running');
    const waiting = record('r', { status: 'waiting', pending: [{ nodeId: 'b', visit: 1, payload: null }] });
    expect(() => checkWaitingFor(waiting, 'a')).toThrow("'b' is");
    expect(() => checkWaitingFor(waiting, 'b')).not.toThrow();
  });
});
