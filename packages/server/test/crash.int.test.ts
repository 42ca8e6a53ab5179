import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  approveThenRecord,
  readCalls,
  type ServerProcess,
  startServerProcess,
  until,
} from './server-process.ts';

const TOOLS = fileURLToPath(new URL('./fixtures/recording-tools.ts', import.meta.url));

let dir: string;
let servers: ServerProcess[] = [];
let env: Record<string, string>;
let args: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-crash-'));
  env = { WEFT_TEST_RECORD: join(dir, 'calls.jsonl') };
  args = ['--db', join(dir, 'weft.db'), '--tools', TOOLS, '--examples', join(dir, 'no-examples')];
});
afterEach(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

const start = async () => {
  const server = await startServerProcess(args, env);
  servers.push(server);
  return server;
};

const chain = (ids: string[], extra: { nodes?: unknown[]; edges?: unknown[] } = {}) => ({
  format: 'weft.graph/1',
  id: 'chain',
  name: 'Chain',
  nodes: [...ids.map((id) => ({ id, tool: 'test.record', config: { ms: 120 } })), ...(extra.nodes ?? [])],
  edges: [...ids.slice(1).map((id, i) => ({ id: `e${i}`, from: ids[i]!, to: id })), ...(extra.edges ?? [])],
});

/** Reads the stored events straight from the database file (the server is dead at that moment). */
function storedEvents(runId: string): Array<{ seq: number; type: string; node_id: string | null }> {
  const db = new Sqlite(join(dir, 'weft.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('select seq, type, node_id from run_events where run_id = ? order by seq')
      .all(runId) as never;
  } finally {
    db.close();
  }
}

const expectGapless = (seqs: number[]) => expect(seqs).toEqual(seqs.map((_, i) => i + 1));

describe('crash recovery with a real server process', () => {
  it('a run survives SIGKILL mid-run: it completes after restart, no completed node runs twice, events are gapless', async () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    const first = await start();
    await api(first.url, 'POST', '/api/graphs', chain(nodes));
    const { run } = await api<{ run: { id: string } }>(first.url, 'POST', '/api/graphs/chain/runs', {});
    await until(() =>
      readCalls(env.WEFT_TEST_RECORD!).some((c) => c.nodeId === 'n3' && c.phase === 'end') ? true : undefined,
    );
    await first.stop('SIGKILL');

    const before = storedEvents(run.id);
    const completedBefore = new Set(before.filter((e) => e.type === 'node.completed').map((e) => e.node_id));
    expect(completedBefore.size).toBeGreaterThanOrEqual(2);
    expect(completedBefore.size).toBeLessThan(nodes.length);

    const second = await start();
    const done = await until(async () => {
      const { run: current } = await api<{
        run: { status: string; lastSeq: number; state: Record<string, string> };
      }>(second.url, 'GET', `/api/runs/${run.id}`);
      return current.status === 'completed' ? current : undefined;
    });
    expect(Object.keys(done.state).filter((k) => nodes.includes(k))).toHaveLength(nodes.length);

    const calls = readCalls(env.WEFT_TEST_RECORD!);
    const secondPid = second.child.pid;
    const rerun = calls.filter((c) => c.pid === secondPid && c.phase === 'start').map((c) => c.nodeId);
    for (const node of completedBefore) expect(rerun).not.toContain(node);
    // A node that was in flight runs again with the same idempotency key.
    for (const call of calls.filter((c) => c.pid === secondPid)) {
      const earlier = calls.find((c) => c.pid !== secondPid && c.nodeId === call.nodeId);
      if (earlier) expect(call.key).toBe(earlier.key);
    }

    const { events } = await api<{ events: Array<{ seq: number; type: string; nodeId?: string }> }>(
      second.url,
      'GET',
      `/api/runs/${run.id}/events?limit=10000`,
    );
    expectGapless(events.map((e) => e.seq));
    for (const node of nodes)
      expect(events.filter((e) => e.type === 'node.completed' && e.nodeId === node)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('run.completed');
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('a waiting run stays waiting across SIGKILL and resumes after restart', async () => {
    const first = await start();
    await api(
      first.url,
      'POST',
      '/api/graphs',
      chain(['before'], {
        nodes: [
          { id: 'approve', tool: 'core.approval', config: { prompt: 'Ship it?', key: 'approved' } },
          { id: 'after', tool: 'test.record', config: { ms: 10 } },
        ],
        edges: [
          { id: 'x1', from: 'before', to: 'approve' },
          { id: 'x2', from: 'approve', to: 'after' },
        ],
      }),
    );
    const { run } = await api<{ run: { id: string; status: string } }>(
      first.url,
      'POST',
      '/api/graphs/chain/runs',
      {
        wait: true,
      },
    );
    expect(run.status).toBe('waiting');
    await first.stop('SIGKILL');

    const second = await start();
    const { run: stored } = await api<{ run: { status: string; pending: Array<{ nodeId: string }> } }>(
      second.url,
      'GET',
      `/api/runs/${run.id}`,
    );
    expect(stored).toMatchObject({ status: 'waiting', pending: [{ nodeId: 'approve' }] });
    const { run: resumed } = await api<{ run: { status: string; state: Record<string, unknown> } }>(
      second.url,
      'POST',
      `/api/runs/${run.id}/resume`,
      { nodeId: 'approve', value: 'yes', wait: true },
    );
    expect(resumed).toMatchObject({ status: 'completed', state: { approved: 'yes' } });
    const calls = readCalls(env.WEFT_TEST_RECORD!).filter((c) => c.phase === 'start');
    expect(calls.map((c) => c.nodeId)).toEqual(['before', 'after']);
    const { events } = await api<{ events: Array<{ seq: number }> }>(
      second.url,
      'GET',
      `/api/runs/${run.id}/events`,
    );
    expectGapless(events.map((e) => e.seq));
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('an accepted answer that had not run yet survives SIGKILL: after restart the run resumes with it', async () => {
    // One run at a time: the answered run waits in the queue behind a slow one when the server dies.
    env.WEFT_CONCURRENCY = '1';
    const first = await start();
    await api(first.url, 'POST', '/api/graphs', approveThenRecord('approve'));
    await api(first.url, 'POST', '/api/graphs', chain(['slow']));
    type Run = { id: string; status: string; state: Record<string, unknown> | null; pending: unknown[] };
    const { run } = await api<{ run: Run }>(first.url, 'POST', '/api/graphs/approve/runs', { wait: true });
    expect(run.status).toBe('waiting');
    const { run: slow } = await api<{ run: Run }>(first.url, 'POST', '/api/graphs/chain/runs', {});
    await until(() => readCalls(env.WEFT_TEST_RECORD!).find((c) => c.nodeId === 'slow'));
    const { run: accepted } = await api<{ run: Run }>(first.url, 'POST', `/api/runs/${run.id}/resume`, {
      nodeId: 'approve',
      value: 'ship',
    });
    // Accepted (202, queued behind the slow run) and the answer is not shown back.
    expect(accepted.status).toBe('queued');
    expect(JSON.stringify(accepted)).not.toContain('ship');
    await first.stop('SIGKILL');
    expect(readCalls(env.WEFT_TEST_RECORD!).some((c) => c.nodeId === 'after')).toBe(false);

    const second = await start();
    const done = await until(async () => {
      const { run: current } = await api<{ run: Run }>(second.url, 'GET', `/api/runs/${run.id}`);
      return current.status === 'queued' || current.status === 'running' ? undefined : current;
    });
    expect(done).toMatchObject({ status: 'completed', state: { approved: 'ship' }, pending: [] });
    expect(
      readCalls(env.WEFT_TEST_RECORD!).filter((c) => c.nodeId === 'after' && c.phase === 'start'),
    ).toHaveLength(1);
    const { events } = await api<{ events: Array<{ seq: number; type: string; nodeId?: string }> }>(
      second.url,
      'GET',
      `/api/runs/${run.id}/events`,
    );
    expectGapless(events.map((e) => e.seq));
    expect(events.filter((e) => e.type === 'run.resumed').map((e) => e.nodeId)).toEqual(['approve']);
    await until(async () => {
      const { run: current } = await api<{ run: Run }>(second.url, 'GET', `/api/runs/${slow.id}`);
      return current.status === 'completed' ? true : undefined;
    });
    expect(await second.stop('SIGTERM')).toBe(0);
  });
});
