import { describe, expect, it } from 'vitest';
import { events } from '../testing/fixtures.ts';
import { applyRunEvents, emptyOverlay, overlayAt } from './run-overlay.ts';

const targets = new Map([
  ['e1', 'b'],
  ['e2', 'c'],
]);
const targetOf = (id: string) => targets.get(id);

const run = events('r1', [
  { type: 'run.started', graphId: 'g', input: {}, state: {} },
  { type: 'node.started', nodeId: 'a', visit: 1, attempt: 1 },
  { type: 'node.completed', nodeId: 'a', visit: 1, patch: { x: 1 }, durationMs: 5 },
  { type: 'edge.fired', edgeId: 'e1', nodeId: 'a' },
  { type: 'edge.dead', edgeId: 'e2', nodeId: 'a' },
  { type: 'node.skipped', nodeId: 'c' },
  { type: 'node.started', nodeId: 'b', visit: 1, attempt: 1 },
  {
    type: 'node.failed',
    nodeId: 'b',
    visit: 1,
    attempt: 1,
    willRetry: true,
    error: { code: 'X', message: 'boom' },
  },
  { type: 'node.retrying', nodeId: 'b', visit: 1, attempt: 2, delayMs: 10 },
  { type: 'node.started', nodeId: 'b', visit: 1, attempt: 2 },
  {
    type: 'node.failed',
    nodeId: 'b',
    visit: 1,
    attempt: 2,
    willRetry: false,
    error: { code: 'X', message: 'boom' },
  },
  { type: 'run.failed', error: { code: 'X', message: 'boom', nodeId: 'b' } },
]);

describe('applyRunEvents', () => {
  it('tracks node and edge statuses through a failing run', () => {
    const overlay = applyRunEvents(emptyOverlay, run, targetOf);
    expect(overlay.status).toBe('failed');
    expect(overlay.nodes.a).toMatchObject({
      status: 'completed',
      durationMs: 5,
      output: { x: 1 },
      visits: 1,
    });
    expect(overlay.nodes.b).toMatchObject({ status: 'failed', attempt: 2, error: { code: 'X' } });
    expect(overlay.nodes.c!.status).toBe('skipped');
    expect(overlay.edges).toEqual({ e1: { fired: 1, dead: false }, e2: { fired: 0, dead: true } });
    expect(overlay.error).toEqual({ code: 'X', message: 'boom', nodeId: 'b' });
    expect(overlay.lastSeq).toBe(12);
  });

  it('gives the same result in one batch or many, and skips replayed events', () => {
    let overlay = emptyOverlay;
    for (const e of run) overlay = applyRunEvents(overlay, [e], targetOf);
    overlay = applyRunEvents(overlay, run.slice(3, 6), targetOf);
    expect(overlay).toEqual(applyRunEvents(emptyOverlay, run, targetOf));
  });

  it('marks the target of a fired edge as queued and retrying nodes as retrying', () => {
    expect(overlayAt(run, 4, targetOf).nodes.b!.status).toBe('queued');
    expect(overlayAt(run, 9, targetOf).nodes.b!.status).toBe('retrying');
  });

  it('leaves untouched views identical (copy-on-write)', () => {
    const before = applyRunEvents(emptyOverlay, run.slice(0, 6), targetOf);
    const after = applyRunEvents(before, run.slice(6, 8), targetOf);
    expect(after.nodes.a).toBe(before.nodes.a);
    expect(after.nodes.b).not.toBe(before.nodes.b);
    expect(after.edges).toBe(before.edges);
  });

  it('counts visits on loops and handles waiting, resume and cancel', () => {
    const loop = events('r2', [
      { type: 'run.started', graphId: 'g', input: {}, state: {} },
      { type: 'node.started', nodeId: 'a', visit: 1, attempt: 1 },
      { type: 'node.completed', nodeId: 'a', visit: 1, patch: {}, durationMs: 1 },
      { type: 'node.started', nodeId: 'a', visit: 2, attempt: 1 },
      { type: 'node.completed', nodeId: 'a', visit: 2, patch: {}, durationMs: 2 },
      { type: 'node.started', nodeId: 'ask', visit: 1, attempt: 1 },
      { type: 'run.waiting', pending: [{ nodeId: 'ask', visit: 1, payload: { prompt: 'ok?' } }] },
    ]);
    const waiting = applyRunEvents(emptyOverlay, loop);
    expect(waiting.nodes.a).toMatchObject({ visits: 2, totalMs: 3 });
    expect(waiting.status).toBe('waiting');
    expect(waiting.nodes.ask!.status).toBe('waiting');
    expect(waiting.pending).toHaveLength(1);
    expect(waiting.waitingSeq).toBe(7);
    const resumed = applyRunEvents(waiting, [
      { runId: 'r2', seq: 8, ts: 0, type: 'run.resumed', nodeId: 'ask', value: true },
      { runId: 'r2', seq: 9, ts: 0, type: 'node.started', nodeId: 'ask', visit: 1, attempt: 1 },
      { runId: 'r2', seq: 10, ts: 0, type: 'run.cancelled', reason: 'user' },
    ]);
    expect(resumed.pending).toHaveLength(0);
    expect(resumed.status).toBe('cancelled');
    expect(resumed.nodes.ask!.status).toBe('cancelled');
    expect(resumed.nodes.a!.status).toBe('completed');
  });
});
