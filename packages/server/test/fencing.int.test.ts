import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterProcesses } from './cluster-processes.ts';
import { api, readCalls, until } from './server-process.ts';

const TOOLS = fileURLToPath(new URL('./fixtures/recording-tools.ts', import.meta.url));

let dir: string;
let record: string;
let cluster: ClusterProcesses;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-fencing-'));
  record = join(dir, 'calls.jsonl');
  cluster = new ClusterProcesses(['--tools', TOOLS, '--examples', join(dir, 'no-examples')], {
    WEFT_TEST_RECORD: record,
  });
  await cluster.start(1, 2);
});
afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

/** `first` → `slow` (3 s) → `last`, each recording which process ran it. */
const graph = {
  format: 'weft.graph/1',
  id: 'fenced',
  name: 'Fenced',
  nodes: [
    { id: 'first', tool: 'test.record', config: { ms: 20 } },
    { id: 'slow', tool: 'test.record', config: { ms: 3000 } },
    { id: 'last', tool: 'test.record', config: { ms: 20 } },
  ],
  edges: [
    { id: 'e1', from: 'first', to: 'slow' },
    { id: 'e2', from: 'slow', to: 'last' },
  ],
};

interface Event {
  seq: number;
  type: string;
  nodeId?: string;
  patch?: Record<string, unknown>;
}

describe('fencing across processes', () => {
  it('a worker frozen while it held a run cannot write once another worker took the run over', async () => {
    const apiUrl = cluster.apis[0]!.url;
    await api(apiUrl, 'POST', '/api/graphs', graph);
    const { run } = await api<{ run: { id: string } }>(apiUrl, 'POST', '/api/graphs/fenced/runs', {});

    // Freeze the worker while `slow` runs on it: its heartbeat stops, its lease lapses.
    const started = await until(() =>
      readCalls(record).find((c) => c.nodeId === 'slow' && c.phase === 'start'),
    );
    const stale = cluster.workers.find((w) => w.child.pid === started.pid)!;
    const fresh = cluster.workers.find((w) => w !== stale)!;
    stale.child.kill('SIGSTOP');

    // The other worker takes the run over from its checkpoint and finishes it.
    const done = await until(
      async () => {
        const { run: current } = await api<{ run: { status: string; state: Record<string, unknown> } }>(
          apiUrl,
          'GET',
          `/api/runs/${run.id}`,
        );
        return current.status === 'completed' ? current : undefined;
      },
      30_000,
      50,
    );
    const { events: before } = await api<{ events: Event[] }>(apiUrl, 'GET', `/api/runs/${run.id}/events`);

    // The frozen worker wakes up with `slow` done in its own eyes. It finds out — its heartbeat sees
    // the lease gone, or its commit is fenced, or (frozen inside a transaction, which PostgreSQL ended
    // after its idle timeout) its commit fails — and stops; the writes it tries on the way are refused.
    stale.child.kill('SIGCONT');
    const logged = (text: string) =>
      stale
        .stderr()
        .split('\n')
        .some((l) => l.includes(text) && l.includes(run.id));
    await until(() => (logged('writes refused') || logged('writing runs failed') ? true : undefined));
    // Its executor is gone: it executes nothing any more.
    await until(async () => {
      const metrics = await (await fetch(`${stale.url}/metrics`)).text();
      return /^weft_runs_active 0$/m.test(metrics) ? true : undefined;
    });

    const { events } = await api<{ events: Event[] }>(apiUrl, 'GET', `/api/runs/${run.id}/events`);
    expect(events).toEqual(before);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const node of ['first', 'slow', 'last'])
      expect(events.filter((e) => e.type === 'node.completed' && e.nodeId === node)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'run.completed')).toHaveLength(1);
    // `slow` and `last` completed on the worker that took over; the same idempotency key both times.
    const freshPid = fresh.child.pid;
    expect(done.state).toMatchObject({ slowPid: freshPid, lastPid: freshPid });
    for (const e of events.filter((e) => e.type === 'node.completed' && e.nodeId !== 'first'))
      expect(e.patch?.[`${e.nodeId}Pid`]).toBe(freshPid);
    const slowCalls = readCalls(record).filter((c) => c.nodeId === 'slow' && c.phase === 'start');
    expect(slowCalls.map((c) => c.pid)).toEqual([stale.child.pid, freshPid]);
    expect(new Set(slowCalls.map((c) => c.key)).size).toBe(1);
    // No checkpoint is left behind by the stale worker either.
    expect(await cluster.query(`select run_id from checkpoints where run_id = $1`, [run.id])).toEqual([]);
  }, 90_000);
});
