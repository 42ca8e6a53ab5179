/**
 * `pnpm bench scale`: how Weft scales out on PostgreSQL. For 1, 2 and 4 worker processes (`weft serve
 * --mode worker`) behind one api process (`--mode api`) — real processes on a fresh schema of the
 * local PostgreSQL — it measures completed runs per second of a graph of five I/O-bound 20 ms nodes
 * (`core.delay`, one after the other: at least 100 ms per run):
 * 1. the api process alone accepts a backlog of runs over REST (32 clients, no `wait`); pg-boss queues
 *    each run's job with its row;
 * 2. then the workers start; from the moment all of them listen, the rate at which they complete the
 *    backlog is measured from the runs table, until every run is completed.
 * Two series: each worker executing at most 10 runs at once (what I/O-bound work scales with: every
 * worker adds 10 runs in flight), and at the default 100 (where the machine, not the workers, is the
 * limit). Flags: --workers 1,2,4, --series 10,100. Ends with one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// pg is a dependency of @weft/server; the benchmark loads it from there, typed by the little it uses.
const serverRequire = createRequire(join(root, 'packages/server/package.json'));
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
const pg = serverRequire('pg') as { Client: new (options: { connectionString: string }) => PgClient };

const DATABASE = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return (at > 0 ? process.argv[at + 1] : undefined) ?? fallback;
};
const WORKER_COUNTS = flag('workers', '1,2,4').split(',').map(Number);
const SERIES = flag('series', '10,100').split(',').map(Number);
const CLIENTS = 32;
/** Backlog per configuration: about five seconds of work for the workers at the expected rate. */
const backlog = (workers: number, concurrency: number) => Math.min(3000, workers * concurrency * 35);

const graph = {
  format: 'weft.graph/1',
  id: 'five-delays',
  name: 'Five 20 ms steps',
  nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, tool: 'core.delay', config: { ms: 20 } })),
  edges: ['a', 'b', 'c', 'd'].map((from, i) => ({ id: `e${i}`, from, to: 'bcde'[i]! })),
};

interface Proc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function serve(mode: 'api' | 'worker', schema: string, concurrency: number): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'packages/server/bin/weft.mjs'),
      'serve',
      '--mode',
      mode,
      '--port',
      '0',
      '--db',
      DATABASE,
      '--concurrency',
      String(concurrency),
      '--examples',
      join(root, 'bench/no-examples'),
      '--log-level',
      'error',
    ],
    { env: { ...process.env, WEFT_DATABASE_SCHEMA: schema }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /Weft listening on (\S+)/.exec(out);
      if (match)
        resolve({
          url: match[1]!,
          child,
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`weft serve --mode ${mode} exited with ${code}`)));
  });
}

async function post(url: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  await res.text();
}

async function countCompleted(db: PgClient, schema: string): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from "${schema}".runs where status = 'completed'`,
  );
  return rows[0]!.n as number;
}

interface Result {
  concurrency: number;
  workers: number;
  runs: number;
  /** Runs the api accepted per second while no worker ran. */
  acceptedPerSecond: number;
  /** Runs completed per second once every worker listened, until the backlog was done. */
  runsPerSecond: number;
  seconds: number;
}

async function measure(workers: number, concurrency: number, db: PgClient): Promise<Result> {
  const schema = `weft_bench_${randomBytes(5).toString('hex')}`;
  const runs = backlog(workers, concurrency);
  const procs: Proc[] = [];
  try {
    const apiProcess = await serve('api', schema, concurrency);
    procs.push(apiProcess);
    await post(apiProcess.url, '/api/graphs', graph);
    const submitStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < runs) {
          next++;
          await post(apiProcess.url, '/api/graphs/five-delays/runs', {});
        }
      }),
    );
    const acceptedPerSecond = Math.round(runs / ((performance.now() - submitStart) / 1000));
    const started = Array.from({ length: workers }, () => serve('worker', schema, concurrency));
    procs.push(...(await Promise.all(started)));
    const windowStart = performance.now();
    const before = await countCompleted(db, schema);
    while ((await countCompleted(db, schema)) < runs) await new Promise((resolve) => setTimeout(resolve, 25));
    const seconds = (performance.now() - windowStart) / 1000;
    return {
      concurrency,
      workers,
      runs,
      acceptedPerSecond,
      runsPerSecond: Math.round((runs - before) / seconds),
      seconds: Math.round(seconds * 100) / 100,
    };
  } finally {
    for (const proc of procs) await proc.stop();
    await db.query(`drop schema if exists "${schema}" cascade`);
    await db.query(`drop schema if exists "${schema}_pgboss" cascade`);
  }
}

const db = new pg.Client({ connectionString: DATABASE });
await db.connect();
const results: Result[] = [];
try {
  console.log(
    `runs of 5 × core.delay 20 ms in a chain (≥ 100 ms each); one api process accepts a backlog from ${CLIENTS} REST clients, then the workers complete it (${cpus().length} cores, PostgreSQL on the same machine)`,
  );
  for (const concurrency of SERIES) {
    for (const workers of WORKER_COUNTS) {
      const result = await measure(workers, concurrency, db);
      results.push(result);
      const base = results.find((r) => r.concurrency === concurrency)!.runsPerSecond;
      console.log(
        `${concurrency} runs at once per worker, ${workers} worker${workers === 1 ? ' ' : 's'}: ${String(result.runsPerSecond).padStart(4)} completed runs/s (${(result.runsPerSecond / base).toFixed(2)}×; ${result.runs} runs, ${result.seconds} s); the api accepted ${result.acceptedPerSecond} runs/s`,
      );
    }
  }
} finally {
  await db.end();
}
console.log(JSON.stringify({ bench: 'scale', graph: '5 × core.delay 20 ms', cores: cpus().length, results }));
