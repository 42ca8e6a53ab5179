import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/main.ts';
import { silentLogger } from '../src/observability/logger.ts';
import { TestClient } from '../src/testing/test-server.ts';
import { ClusterProcesses } from './cluster-processes.ts';
import { api, approveThenRecord, readCalls, until } from './server-process.ts';

const TOOLS = fileURLToPath(new URL('./fixtures/recording-tools.ts', import.meta.url));

let dir: string;
let record: string;
let cluster: ClusterProcesses;
/** Two api processes: A and B. */
let a: string;
let b: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-cluster-'));
  record = join(dir, 'calls.jsonl');
  // Two runs at a time per worker, so that a queue can be filled.
  cluster = new ClusterProcesses(['--tools', TOOLS, '--examples', join(dir, 'no-examples')], {
    WEFT_TEST_RECORD: record,
    WEFT_CONCURRENCY: '2',
  });
  await cluster.start(2, 2);
  a = cluster.apis[0]!.url;
  b = cluster.apis[1]!.url;
  await api(a, 'POST', '/api/graphs', approveThenRecord('approve-then-record'));
  await api(a, 'POST', '/api/graphs', {
    format: 'weft.graph/1',
    id: 'long',
    name: 'Long',
    nodes: [
      { id: 'quick', tool: 'test.record', config: { ms: 10 } },
      { id: 'long', tool: 'test.record', config: { ms: 60_000 } },
    ],
    edges: [{ id: 'e1', from: 'quick', to: 'long' }],
  });
});
afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

type Run = { id: string; status: string; state: Record<string, unknown> | null; lastSeq: number };

describe('api and worker processes', () => {
  it('a run started on one api process is followed live over the WebSocket of another', async () => {
    const client = new TestClient(`${b.replace('http', 'ws')}/api/ws`);
    await client.opened;
    const { run } = await api<{ run: Run }>(a, 'POST', '/api/graphs/approve-then-record/runs', {});
    client.send({ type: 'subscribe', runId: run.id, after: 0 });
    await client.waitFor((m) => (m.event as { type?: string } | undefined)?.type === 'run.waiting');
    const { run: resumed } = await api<{ run: Run }>(b, 'POST', `/api/runs/${run.id}/resume`, {
      nodeId: 'approve',
      value: 'yes',
    });
    expect(resumed.status).toBe('queued');
    await client.waitFor((m) => (m.event as { type?: string } | undefined)?.type === 'run.completed');
    const seqs = client.events(run.id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    client.close();
  });

  it('resumes a waiting run from any api process, and answers wait: true there', async () => {
    const { run } = await api<{ run: Run }>(a, 'POST', '/api/graphs/approve-then-record/runs', {
      wait: true,
    });
    expect(run.status).toBe('waiting');
    const { run: done } = await api<{ run: Run }>(b, 'POST', `/api/runs/${run.id}/resume`, {
      nodeId: 'approve',
      value: 'shipped',
      wait: true,
    });
    expect(done).toMatchObject({ status: 'completed', state: { approved: 'shipped' } });
    // A second answer finds it no longer waiting, on either process.
    const again = await fetch(`${a}/api/runs/${run.id}/resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nodeId: 'approve', value: 'again' }),
    });
    expect(again.status).toBe(409);
  });

  it('cancels a run from an api process while a worker executes it: the worker stops at once', async () => {
    const { run } = await api<{ run: Run }>(b, 'POST', '/api/graphs/long/runs', {});
    const started = await until(() =>
      readCalls(record).find((c) => c.nodeId === 'long' && c.phase === 'start' && c.key.startsWith(run.id)),
    );
    const holder = cluster.workers.find((w) => w.child.pid === started.pid)!;
    const { run: cancelled } = await api<{ run: Run }>(a, 'POST', `/api/runs/${run.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.state).toMatchObject({ quick: `${run.id}:quick:1` });
    // The worker notices (another process wrote to its run) and aborts the 60-second node.
    await until(async () => {
      const metrics = await (await fetch(`${holder.url}/metrics`)).text();
      return /^weft_runs_active 0$/m.test(metrics) ? true : undefined;
    });
    const { events } = await api<{ events: Array<{ seq: number; type: string }> }>(
      b,
      'GET',
      `/api/runs/${run.id}/events`,
    );
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(events.filter((e) => e.type === 'node.completed')).toHaveLength(1);
    const second = await fetch(`${b}/api/runs/${run.id}/cancel`, { method: 'POST' });
    expect(second.status).toBe(409);
  });

  it('cancels a run whose worker does not answer: after the grace the api process ends it from its checkpoint', async () => {
    type Event = { seq: number; type: string; nodeId?: string };
    const { run } = await api<{ run: Run }>(a, 'POST', '/api/graphs/long/runs', {});
    const started = await until(() =>
      readCalls(record).find((c) => c.nodeId === 'long' && c.phase === 'start' && c.key.startsWith(run.id)),
    );
    const eventsOf = async () =>
      (await api<{ events: Event[] }>(b, 'GET', `/api/runs/${run.id}/events`)).events;
    // `quick` is durable before the worker freezes: its checkpoint is what the cancelled run shows.
    await until(async () =>
      (await eventsOf()).some((e) => e.type === 'node.started' && e.nodeId === 'long') ? true : undefined,
    );
    const holder = cluster.workers.find((w) => w.child.pid === started.pid)!;
    holder.child.kill('SIGSTOP');
    try {
      // The frozen worker cannot answer: the api process waits its grace (the lease, 1.5 s here) or
      // for the lease to lapse, then takes the run over.
      const { run: cancelled } = await api<{ run: Run }>(a, 'POST', `/api/runs/${run.id}/cancel`);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.state).toMatchObject({ quick: `${run.id}:quick:1` });
    } finally {
      holder.child.kill('SIGCONT');
    }
    // Thawed, the worker finds the run gone from it and stops; it writes nothing more.
    await until(async () => {
      const metrics = await (await fetch(`${holder.url}/metrics`)).text();
      return /^weft_runs_active 0$/m.test(metrics) ? true : undefined;
    });
    const events = await eventsOf();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(events.filter((e) => e.type === 'run.cancelled')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'node.completed').map((e) => e.nodeId)).toEqual(['quick']);
  });

  it('cancels a queued run that no worker has taken yet; its job then does nothing', async () => {
    const running = async () => {
      const [row] = await cluster.query<{ n: string }>(
        `select count(*) as n from runs where graph_id = 'long' and status = 'running'`,
      );
      return Number(row!.n);
    };
    // Every worker slot (2 workers × 2) gets a long run, so the next run waits in the queue.
    const fillers: Run[] = [];
    for (let i = 0; i < 4; i++)
      fillers.push((await api<{ run: Run }>(a, 'POST', '/api/graphs/long/runs', {})).run);
    await until(async () => ((await running()) === 4 ? true : undefined));
    const { run } = await api<{ run: Run }>(a, 'POST', '/api/graphs/long/runs', {});
    expect((await api<{ run: Run }>(b, 'GET', `/api/runs/${run.id}`)).run.status).toBe('queued');
    const { run: cancelled } = await api<{ run: Run }>(b, 'POST', `/api/runs/${run.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    for (const filler of fillers) await api(a, 'POST', `/api/runs/${filler.id}/cancel`);
    // Its job reaches a worker once slots free up, finds the run claimed away, and is dropped.
    await until(async () => {
      const [row] = await cluster.query<{ n: string }>(
        `select count(*) as n from "${cluster.schema}_pgboss".job where state in ('created', 'retry', 'active')`,
      );
      return Number(row!.n) === 0 ? true : undefined;
    });
    expect(readCalls(record).filter((c) => c.key.startsWith(run.id))).toEqual([]);
    const { events } = await api<{ events: Array<{ seq: number; type: string }> }>(
      a,
      'GET',
      `/api/runs/${run.id}/events`,
    );
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'run.cancelled']]);
  });

  it('refuses --mode api or worker without PostgreSQL', async () => {
    await expect(
      createServer({ database: ':memory:', mode: 'worker', logger: silentLogger(), examplesDir: null }),
    ).rejects.toThrow('postgres://');
  });
});
