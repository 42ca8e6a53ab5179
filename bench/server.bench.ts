/**
 * `pnpm bench server`: the server's bars (DESIGN §7), against a real `weft serve` process on SQLite with
 * durable commits (synchronous = FULL):
 * 1. REST throughput: completed runs/s of a 3-node graph, POST /api/graphs/three/runs with `wait: true`,
 *    50 connections (autocannon, in this process; the server in its own).
 * 2. WebSocket fan-out: 100 subscribers follow one run that streams 10,000 events at about 2,000 per
 *    second (a fast token stream; 200,000 deliveries/s in all); every subscriber must get every event
 *    exactly once, in order (zero loss), and the delivery latency is measured from the event's
 *    timestamp to its arrival.
 * Flags: --duration <s> (REST measurement, default 15). Ends with one JSON line of the figures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threeNodeGraph } from '../packages/server/src/testing/graphs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// autocannon, ws and better-sqlite3 are dependencies of @weft/server; the benchmark loads them from
// there, typed by the little it uses.
const serverRequire = createRequire(join(root, 'packages/server/package.json'));
interface AutocannonResult {
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
interface BenchSocket {
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  send(data: string): void;
  close(): void;
}
interface ReadonlyDatabase {
  prepare(sql: string): { get(): unknown };
  close(): void;
}
const autocannon = serverRequire('autocannon') as Autocannon;
const WebSocket = serverRequire('ws') as new (url: string) => BenchSocket;
const Sqlite = serverRequire('better-sqlite3') as new (
  file: string,
  options: { readonly: boolean },
) => ReadonlyDatabase;
const durationFlag = process.argv.indexOf('--duration');
const DURATION = durationFlag > 0 ? Number(process.argv[durationFlag + 1]) : 15;
const SUBSCRIBERS = 100;
const EVENTS = 10_000;

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(dir: string): Promise<Server> {
  mkdirSync(join(dir, 'no-examples'), { recursive: true });
  const child = spawn(
    process.execPath,
    [
      join(root, 'packages/server/bin/weft.mjs'),
      'serve',
      '--port',
      '0',
      '--db',
      join(dir, 'weft.db'),
      '--examples',
      join(dir, 'no-examples'),
      '--tools',
      join(root, 'packages/server/test/fixtures/bench-tools.ts'),
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /Weft listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`weft serve exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ run: { id: string; lastSeq: number } }>;
}

const percentile = (sorted: Float64Array | number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// ---- 1. REST throughput ---------------------------------------------------------------------------

const threeNodes = threeNodeGraph();

async function restThroughput(url: string, seconds: number) {
  let completed = 0;
  let other = 0;
  const result = await autocannon({
    url: `${url}/api/graphs/three/runs`,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: { text: 'hello' }, wait: true }),
        onResponse: (status: number, body: string) => {
          if (status === 200 && body.includes('"status":"completed"')) completed++;
          else other++;
        },
      },
    ],
  });
  return { result, completed, other };
}

// ---- 2. WebSocket fan-out -------------------------------------------------------------------------

/** `…,"seq":12,"ts":1795…}}`: every event ends with its envelope. */
const ENVELOPE_TAIL = /"seq":(\d+),"ts":(\d+)\}\}$/;
const EVENT_TYPE = /^\{"type":"event","event":\{"type":"([a-z.]+)"/;

async function fanOut(url: string) {
  const graph = {
    format: 'weft.graph/1',
    id: 'stream',
    name: 'Stream',
    nodes: [
      { id: 'warmup', tool: 'core.delay', config: { ms: 1500 } },
      { id: 'emit', tool: 'bench.emit', config: { count: EVENTS, every: 20, pauseMs: 10 } },
    ],
    edges: [{ id: 'e1', from: 'warmup', to: 'emit' }],
  };
  const { run } = await api(url, 'POST', '/api/runs', { graph });
  const wsUrl = `${url.replace('http', 'ws')}/api/ws`;
  const latencies = new Float64Array(SUBSCRIBERS * EVENTS);
  let samples = 0;
  let firstTs = Number.POSITIVE_INFINITY;
  let lastTs = 0;
  const perClient: Array<{ seqs: number[]; streamed: number }> = [];
  const finished: Array<Promise<void>> = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const socket = new WebSocket(wsUrl);
    const mine = { seqs: [] as number[], streamed: 0 };
    perClient.push(mine);
    finished.push(
      new Promise<void>((resolve, reject) => {
        socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', runId: run.id, after: 0 })));
        socket.on('message', (data: Buffer) => {
          const now = Date.now();
          // Read the envelope without parsing the whole message, so the clients (one process for all
          // 100) measure the server rather than their own JSON parsing.
          const text = data.toString();
          const tail = ENVELOPE_TAIL.exec(text);
          if (!tail) return;
          const type = EVENT_TYPE.exec(text)?.[1];
          mine.seqs.push(Number(tail[1]));
          if (type === 'node.stream') {
            mine.streamed++;
            const ts = Number(tail[2]);
            latencies[samples++] = now - ts;
            if (ts < firstTs) firstTs = ts;
            if (ts > lastTs) lastTs = ts;
          }
          if (type === 'run.completed' || type === 'run.failed') {
            socket.close();
            resolve();
          }
        });
        socket.on('error', reject);
      }),
    );
  }
  const started = Date.now();
  await Promise.all(finished);
  const seconds = (Date.now() - started) / 1000;
  const final = await api(url, 'GET', `/api/runs/${run.id}`);
  let lost = 0;
  let duplicates = 0;
  for (const { seqs } of perClient) {
    const unique = new Set(seqs);
    duplicates += seqs.length - unique.size;
    lost += final.run.lastSeq - unique.size;
  }
  const ordered = perClient.every(({ seqs }) => seqs.every((s, i) => s === i + 1));
  const streamed = perClient.reduce((sum, c) => sum + c.streamed, 0);
  const sorted = latencies.subarray(0, samples).sort();
  return {
    lastSeq: final.run.lastSeq,
    lost,
    duplicates,
    ordered,
    streamed,
    seconds,
    emitSeconds: (lastTs - firstTs) / 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
  };
}

// ---- main -----------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'weft-bench-server-'));
try {
  const server = await startServer(dir);
  console.log(`server: ${server.url} (SQLite ${join(dir, 'weft.db')}, WAL, synchronous=FULL)`);
  await api(server.url, 'POST', '/api/graphs', threeNodes);

  console.log('REST: warming up 3 s …');
  await restThroughput(server.url, 3);
  console.log(`REST: measuring ${DURATION} s, 50 connections, POST /api/graphs/three/runs {wait:true} …`);
  const rest = await restThroughput(server.url, DURATION);
  const runsPerSecond = rest.completed / DURATION;
  console.log(
    `REST: ${rest.completed} completed runs in ${DURATION} s = ${runsPerSecond.toFixed(0)} runs/s ` +
      `(latency p50 ${rest.result.latency.p50} ms, p99 ${rest.result.latency.p99} ms; other answers: ${rest.other}, errors: ${rest.result.errors})`,
  );

  console.log(`WebSocket: ${SUBSCRIBERS} subscribers × ${EVENTS} streamed events …`);
  const ws = await fanOut(server.url);
  console.log(
    `WebSocket: ${ws.streamed} stream events delivered (${SUBSCRIBERS} × ${ws.streamed / SUBSCRIBERS}), ` +
      `lost ${ws.lost}, duplicates ${ws.duplicates}, in order: ${ws.ordered}; ` +
      `latency p50 ${ws.p50} ms, p99 ${ws.p99} ms, max ${ws.max} ms; ` +
      `emitted in ${ws.emitSeconds.toFixed(1)} s (${Math.round(EVENTS / ws.emitSeconds).toLocaleString('en')} events/s, ` +
      `${Math.round(ws.streamed / ws.emitSeconds).toLocaleString('en')} deliveries/s)`,
  );
  await server.stop();

  // Durability: every answered run is in the database file.
  const db = new Sqlite(join(dir, 'weft.db'), { readonly: true });
  const stored = (
    db.prepare("select count(*) as n from runs where status = 'completed'").get() as { n: number }
  ).n;
  db.close();
  console.log(`durability: ${stored} completed runs in the database file after shutdown`);

  console.log(
    JSON.stringify({
      bench: 'server',
      restRunsPerSecond: Math.round(runsPerSecond),
      restLatencyP99Ms: rest.result.latency.p99,
      restNon2xx: rest.result.non2xx,
      restErrors: rest.result.errors,
      storedCompletedRuns: stored,
      wsSubscribers: SUBSCRIBERS,
      wsEvents: EVENTS,
      wsLost: ws.lost,
      wsDuplicates: ws.duplicates,
      wsInOrder: ws.ordered,
      wsLatencyP50Ms: ws.p50,
      wsLatencyP99Ms: ws.p99,
      wsLatencyMaxMs: ws.max,
      wsEventsPerSecond: Math.round(EVENTS / ws.emitSeconds),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
