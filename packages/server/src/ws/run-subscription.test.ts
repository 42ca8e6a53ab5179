import { describe, expect, it } from 'vitest';
import { createInProcessEventBus } from '../runs/event-bus.ts';
import type { RunRepository, StoredEvent } from '../storage/store.ts';
import { RunSubscription } from './run-subscription.ts';

const event = (seq: number, type = 'node.log'): StoredEvent => ({
  runId: 'r',
  seq,
  type,
  nodeId: null,
  ts: 0,
  json: `{"seq":${seq}}`,
});

/** A store whose reads can be held open, so live events arrive while the replay is in progress. */
function store(initial: number) {
  const stored: StoredEvent[] = Array.from({ length: initial }, (_, i) => event(i + 1));
  let gate: Promise<void> = Promise.resolve();
  const runs = {
    async events(_runId: string, after: number, limit: number) {
      await gate;
      return stored.filter((e) => e.seq > after).slice(0, limit);
    },
  } as unknown as RunRepository;
  return {
    runs,
    stored,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

const sink = (into: number[]) => ({
  deliver: (e: StoredEvent) => into.push(e.seq),
  congested: () => false,
  drained: async () => {},
  overflow: () => {},
});

describe('RunSubscription', () => {
  it('replays, then goes live, delivering events that arrive during the replay once', async () => {
    const s = store(1200);
    const bus = createInProcessEventBus();
    const got: number[] = [];
    const release = s.hold();
    const sub = new RunSubscription('r', 100, bus, s.runs, sink(got));
    const started = sub.start();
    // Committed and published while the replay still reads: in the store and on the bus.
    for (let seq = 1201; seq <= 1210; seq++) {
      s.stored.push(event(seq));
      bus.publish([event(seq)]);
    }
    release();
    await started;
    for (let seq = 1211; seq <= 1215; seq++) {
      s.stored.push(event(seq));
      bus.publish([event(seq)]);
    }
    expect(got).toEqual(Array.from({ length: 1115 }, (_, i) => i + 101));
  });

  it('fills a gap in live events from the store', async () => {
    const s = store(3);
    const bus = createInProcessEventBus();
    const got: number[] = [];
    const sub = new RunSubscription('r', 0, bus, s.runs, sink(got));
    await sub.start();
    s.stored.push(event(4), event(5));
    bus.publish([event(5)]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual([1, 2, 3, 4, 5]);
    bus.publish([event(5)]);
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets go of the bus after the final event, and delivers nothing once closed', async () => {
    const s = store(2);
    const bus = createInProcessEventBus();
    const got: number[] = [];
    const sub = new RunSubscription('r', 0, bus, s.runs, sink(got));
    await sub.start();
    expect(bus.watchedRuns).toBe(1);
    bus.publish([event(3, 'run.completed')]);
    expect(bus.watchedRuns).toBe(0);
    const other = new RunSubscription('r', 3, bus, s.runs, sink(got));
    await other.start();
    other.close();
    bus.publish([event(4)]);
    expect(got).toEqual([1, 2, 3]);
  });

  it('reports an overflow when live events held during a slow replay pass the limit', async () => {
    const s = store(1);
    const bus = createInProcessEventBus();
    let overflowed = 0;
    const release = s.hold();
    const sub = new RunSubscription('r', 0, bus, s.runs, { ...sink([]), overflow: () => overflowed++ }, 30);
    const started = sub.start();
    bus.publish([event(2), event(3)]);
    expect(overflowed).toBe(0);
    bus.publish([event(4), event(5), event(6)]);
    expect(overflowed).toBeGreaterThan(0);
    sub.close();
    release();
    await started;
  });
});
