import { describe, expect, it } from 'vitest';
import type { RunRecord, RunRepository } from '../storage/store.ts';
import { event, record } from '../testing/run-fixtures.ts';
import { createInProcessEventBus } from './event-bus.ts';
import { whenStopped } from './run-waiter.ts';

const runs = (stored: RunRecord | undefined) =>
  ({ get: async () => stored }) as Partial<RunRepository> as Pick<RunRepository, 'get'>;

describe('whenStopped (wait: true for a run another process executes)', () => {
  it('resolves with the stored run at its first stopping event after `after`', async () => {
    const bus = createInProcessEventBus();
    let current = record('r1', { status: 'queued', lastSeq: 4 });
    const repository = { get: async () => current } as Partial<RunRepository> as Pick<RunRepository, 'get'>;
    let resolved: RunRecord | undefined;
    whenStopped(bus, repository, 'r1', 4).then((r) => {
      resolved = r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    // The answer it waits for starts after seq 4: an older stop, and events that are not stops, do nothing.
    bus.publish([
      event('r1', 3, 'run.waiting'),
      event('r1', 5, 'run.resumed'),
      event('r1', 6, 'node.started'),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBeUndefined();
    expect(bus.watchedRuns).toBe(1);
    current = record('r1', { status: 'waiting', lastSeq: 9 });
    bus.publish([event('r1', 9, 'run.waiting')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toEqual(current);
    expect(bus.watchedRuns).toBe(0);
  });

  it('resolves at once when the stored run already stopped', async () => {
    const bus = createInProcessEventBus();
    const stored = record('r2', { status: 'completed', lastSeq: 7 });
    expect(await whenStopped(bus, runs(stored), 'r2', 0)).toEqual(stored);
    expect(bus.watchedRuns).toBe(0);
  });

  it('rejects when the run is gone', async () => {
    const bus = createInProcessEventBus();
    const gone = whenStopped(bus, runs(undefined), 'r3', 0);
    bus.publish([event('r3', 1, 'run.failed')]);
    await expect(gone).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});
