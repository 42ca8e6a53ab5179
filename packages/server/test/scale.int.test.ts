import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../src/testing/test-server.ts';
import { ClusterProcesses } from './cluster-processes.ts';
import { api, type ServerProcess, until } from './server-process.ts';

const TOOLS = fileURLToPath(new URL('./fixtures/scale-tools.ts', import.meta.url));
const RUNS = 300;
const NODES = ['a', 'b', 'c', 'd', 'e'];

/** a → (b ∥ c) → d (join) → e, every node a random 10–80 ms wait. */
const graph = {
  format: 'weft.graph/1',
  id: 'scale',
  name: 'Scale',
  nodes: NODES.map((id) => ({ id, tool: 'scale.step', config: { minMs: 10, maxMs: 80 } })),
  edges: [
    { id: 'ab', from: 'a', to: 'b' },
    { id: 'ac', from: 'a', to: 'c' },
    { id: 'bd', from: 'b', to: 'd' },
    { id: 'cd', from: 'c', to: 'd' },
    { id: 'de', from: 'd', to: 'e' },
  ],
};

interface StoredEventRow {
  run_id: string;
  seq: number;
  type: string;
  node_id: string | null;
  data: string;
}

let cluster: ClusterProcesses;
let apiProcess: ServerProcess;

beforeAll(async () => {
  cluster = new ClusterProcesses(['--tools', TOOLS, '--examples', '/nonexistent-examples'], {
    WEFT_CONCURRENCY: '40',
  });
  await cluster.start(1, 3);
  apiProcess = cluster.apis[0]!;
});
afterAll(async () => {
  await cluster?.close();
});

describe('scale-out: 1 api and 3 worker processes on PostgreSQL', () => {
  it('completes 300 runs while workers are SIGKILLed: no node completes twice, events are gapless, and the WebSocket saw them all', async () => {
    await api(apiProcess.url, 'POST', '/api/graphs', graph);
    const client = new TestClient(`${apiProcess.url.replace('http', 'ws')}/api/ws`);
    await client.opened;

    // Submit the runs at a steady pace (so that some are always in flight), following each on the socket.
    const runIds: string[] = [];
    const submitting = (async () => {
      for (let i = 0; i < RUNS; i += 5) {
        const started = await Promise.all(
          Array.from({ length: 5 }, () =>
            api<{ run: { id: string } }>(apiProcess.url, 'POST', '/api/graphs/scale/runs', { input: { i } }),
          ),
        );
        for (const { run } of started) {
          runIds.push(run.id);
          client.send({ type: 'subscribe', runId: run.id, after: 0 });
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();

    // Three times, two seconds apart: SIGKILL a random worker among those holding runs, and start a new one.
    const restarts: Array<Promise<void>> = [];
    const killedPids: number[] = [];
    for (let k = 0; k < 3; k++) {
      await new Promise((resolve) => setTimeout(resolve, k === 0 ? 1000 : 2000));
      const victim = await until(
        async () => {
          const live = cluster.workers.filter(
            (w) => w.child.exitCode === null && w.child.signalCode === null,
          );
          const holding = [];
          for (const worker of live) if ((await cluster.heldBy(worker)).length > 0) holding.push(worker);
          return holding.length > 0 ? holding[Math.floor(Math.random() * holding.length)] : undefined;
        },
        30_000,
        20,
      );
      await victim.stop('SIGKILL');
      killedPids.push(victim.child.pid!);
      cluster.workers.splice(cluster.workers.indexOf(victim), 1);
      restarts.push(
        cluster.spawn('worker').then((worker) => {
          cluster.workers.push(worker);
        }),
      );
    }
    await submitting;
    await Promise.all(restarts);
    expect(killedPids).toHaveLength(3);
    expect(runIds).toHaveLength(RUNS);

    const completed = await until(
      async () => {
        const [row] = await cluster.query<{ n: string }>(
          `select count(*) as n from runs where status = 'completed' and id = any($1)`,
          [runIds],
        );
        return Number(row!.n) === RUNS ? true : undefined;
      },
      60_000,
      100,
    );
    expect(completed).toBe(true);

    // Every run: events gapless from 1, each node completed exactly once (one visit each), run.completed last.
    const rows = await cluster.query<StoredEventRow>(
      'select run_id, seq, type, node_id, data from run_events where run_id = any($1) order by run_id, seq',
      [runIds],
    );
    const byRun = new Map<string, StoredEventRow[]>();
    for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
    let takenOver = 0;
    const ranOn = new Set<number>();
    for (const runId of runIds) {
      const events = byRun.get(runId) ?? [];
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const completions = events.filter((e) => e.type === 'node.completed');
      const visits = completions.map(
        (e) => `${e.node_id}#${(JSON.parse(e.data) as { visit: number }).visit}`,
      );
      expect(new Set(visits).size).toBe(visits.length);
      expect(completions.map((e) => e.node_id).sort()).toEqual(NODES);
      expect(events.filter((e) => e.type === 'run.completed')).toHaveLength(1);
      expect(events.at(-1)?.type).toBe('run.completed');
      if (events.some((e) => e.type === 'run.resumed')) takenOver++;
      for (const e of completions)
        ranOn.add((JSON.parse(e.data) as { patch: Record<string, number> }).patch[`${e.node_id}Pid`]!);
    }
    // Each kill left at least one run behind, which another worker continued from its checkpoint.
    expect(takenOver).toBeGreaterThanOrEqual(1);
    expect(killedPids.some((pid) => ranOn.has(pid))).toBe(true);

    // The WebSocket client on the api process saw every event of every run, in order, once.
    const seenPerRun = () => {
      const counts = new Map<string, number>();
      for (const event of client.events()) counts.set(event.runId, (counts.get(event.runId) ?? 0) + 1);
      return counts;
    };
    await until(
      () => {
        const counts = seenPerRun();
        return runIds.every((id) => counts.get(id) === byRun.get(id)!.length) ? true : undefined;
      },
      30_000,
      100,
    );
    for (const runId of runIds) {
      const seen = client.events(runId);
      expect(seen.map((e) => e.seq)).toEqual(byRun.get(runId)!.map((e) => e.seq));
      expect(seen.map((e) => e.type)).toEqual(byRun.get(runId)!.map((e) => e.type));
    }
    client.close();
  }, 180_000);
});
