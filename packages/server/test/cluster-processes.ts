import pg from 'pg';
import { dropSchemas, randomSchema, TEST_POSTGRES_URL } from '../src/testing/test-stores.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** Settings of the test deployments: short leases so that takeovers happen within a test. */
export const CLUSTER_TEST_ENV = {
  WEFT_LEASE_MS: '1500',
  WEFT_HEARTBEAT_MS: '300',
  WEFT_QUEUE_POLL_MS: '200',
  WEFT_DATABASE_POOL_SIZE: '4',
};

/**
 * A multi-process deployment of real `weft serve` processes on a throw-away PostgreSQL schema (and
 * pg-boss schema next to it). Api processes start first (they migrate), then workers.
 */
export class ClusterProcesses {
  readonly schema = randomSchema();
  readonly apis: ServerProcess[] = [];
  readonly workers: ServerProcess[] = [];
  /** Every process ever started, dead ones included, to stop them all at the end. */
  private readonly all: ServerProcess[] = [];
  readonly db = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2 });

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string> = {},
  ) {}

  async start(apis: number, workers: number): Promise<void> {
    for (let i = 0; i < apis; i++) this.apis.push(await this.spawn('api'));
    this.workers.push(...(await Promise.all(Array.from({ length: workers }, () => this.spawn('worker')))));
  }

  /** Starts one more process of the deployment and resolves once it listens. */
  async spawn(mode: 'api' | 'worker'): Promise<ServerProcess> {
    const server = await startServerProcess(['--mode', mode, '--db', TEST_POSTGRES_URL, ...this.args], {
      ...CLUSTER_TEST_ENV,
      WEFT_DATABASE_SCHEMA: this.schema,
      ...this.env,
    });
    this.all.push(server);
    return server;
  }

  /** Rows of the deployment's tables, read straight from PostgreSQL. */
  async query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    const client = await this.db.connect();
    try {
      await client.query(`set search_path to "${this.schema}"`);
      return (await client.query(sql, values)).rows as T[];
    } finally {
      client.release();
    }
  }

  /** Unfinished runs whose lease the given process holds. */
  async heldBy(server: ServerProcess): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `select id from runs where status = 'running' and lease_owner like $1`,
      [`weft-worker-%-${server.child.pid}-%`],
    );
    return rows.map((r) => r.id);
  }

  /** Kills every process (a stopped one is continued first) and drops the schemas. */
  async close(): Promise<void> {
    for (const server of this.all) {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGCONT');
      await server.stop('SIGKILL');
    }
    await this.db.end();
    await dropSchemas(this.schema, `${this.schema}_pgboss`);
  }
}
