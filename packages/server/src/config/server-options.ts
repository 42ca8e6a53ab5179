import type { AnyTool } from '@weft/engine';
import type { LlmSettings } from '@weft/tools';

/** Everything `createServer` can be told. `resolveServerOptions` fills the defaults. */
export interface ServerOptions {
  /** SQLite file (default `./data/weft.db`), `:memory:`, or a `postgres://` URL. */
  database: string;
  /** PostgreSQL only: keep the tables in this schema. */
  databaseSchema?: string | undefined;
  /** PostgreSQL only: connections per process (default 10). */
  databasePoolSize?: number | undefined;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** When set, every `/api/*` route, `/metrics` and the WebSocket upgrade need it as a bearer token. */
  apiToken?: string | undefined;
  bodyLimit: number;
  corsOrigins: string[];
  /** Origins besides the server's own that may open the WebSocket. */
  wsOrigins: string[];
  /** Modules (TypeScript or JavaScript) whose exported tools are registered after the built-ins. */
  toolModules: string[];
  /** Tools given in code (`createServer({ tools })`). */
  tools: AnyTool[];
  /** Folder of example graphs imported on first start; null: none. */
  examplesDir: string | null;
  /** The built editor; a placeholder page is served when it is missing. */
  editorDir?: string | undefined;
  /** `all` runs the API and executes runs; `api` and `worker` split them (PostgreSQL scale-out). */
  mode: 'all' | 'api' | 'worker';
  /** `api`/`worker`: pg-boss's schema (default `pgboss`, or `<databaseSchema>_pgboss`). */
  queueSchema?: string | undefined;
  /** `worker`: how long a run's lease lasts without a heartbeat; a dead worker's runs move on after it. */
  leaseMs: number;
  /** `worker`: heartbeat period (default a third of `leaseMs`). */
  heartbeatMs?: number | undefined;
  /** `worker`: how often an idle worker looks for jobs when no wake-up notification came. */
  queuePollMs: number;
  /** Runs executing at once, server-wide; more wait in the queue. */
  concurrency: number;
  maxNodes: number;
  /** Private hosts/CIDRs the HTTP tool may reach. */
  httpAllow: string[];
  llm?: LlmSettings | undefined;
  documentsRoot: string;
  /** Finished runs older than this are deleted (0: keep forever). */
  retentionDays: number;
  /** At most this many finished runs are kept per graph (0: no limit). */
  retentionRunsPerGraph: number;
  logLevel: string;
  wsMaxBufferedBytes: number;
  sqliteSynchronous: 'full' | 'normal';
  /** How long a shutdown waits for running runs before leaving them to the next start. */
  shutdownGraceMs: number;
  maxSubgraphDepth: number;
}

export const DEFAULT_OPTIONS: Omit<ServerOptions, 'documentsRoot' | 'examplesDir'> = {
  database: './data/weft.db',
  host: '127.0.0.1',
  port: 3000,
  bodyLimit: 1024 * 1024,
  corsOrigins: [],
  wsOrigins: [],
  toolModules: [],
  tools: [],
  mode: 'all',
  leaseMs: 30_000,
  queuePollMs: 1000,
  concurrency: 100,
  maxNodes: 5000,
  httpAllow: [],
  retentionDays: 14,
  retentionRunsPerGraph: 10_000,
  logLevel: 'info',
  wsMaxBufferedBytes: 8 * 1024 * 1024,
  sqliteSynchronous: 'full',
  shutdownGraceMs: 5000,
  maxSubgraphDepth: 5,
};

/** Flags of `weft serve`, already split into values (strings as typed). */
export interface ServeFlags {
  port?: string;
  host?: string;
  db?: string;
  tools?: string[];
  examples?: string;
  mode?: string;
  concurrency?: string;
  'log-level'?: string;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not '${value}'`);
  return n;
}

/**
 * Server options from the environment and `weft serve` flags (flags win). Pure: the caller passes
 * `process.env`. Throws an `Error` naming the setting when a value is malformed.
 */
export function serverOptionsFrom(
  env: Record<string, string | undefined>,
  flags: ServeFlags,
  defaults: { examplesDir: string | null; editorDir?: string | undefined; cwd: string },
): Partial<ServerOptions> {
  const mode = flags.mode ?? 'all';
  if (mode !== 'all' && mode !== 'api' && mode !== 'worker')
    throw new Error(`--mode must be all, api or worker, not '${mode}'`);
  const llmBase = env.WEFT_LLM_BASE_URL ?? env.OPENAI_BASE_URL;
  const llmKey = env.WEFT_LLM_API_KEY ?? env.OPENAI_API_KEY;
  const options: Partial<ServerOptions> = {
    database: flags.db ?? env.DATABASE_URL ?? DEFAULT_OPTIONS.database,
    databaseSchema: env.WEFT_DATABASE_SCHEMA || undefined,
    databasePoolSize: integer('WEFT_DATABASE_POOL_SIZE', env.WEFT_DATABASE_POOL_SIZE, 1),
    queueSchema: env.WEFT_QUEUE_SCHEMA || undefined,
    leaseMs: integer('WEFT_LEASE_MS', env.WEFT_LEASE_MS, 100),
    heartbeatMs: integer('WEFT_HEARTBEAT_MS', env.WEFT_HEARTBEAT_MS, 10),
    queuePollMs: integer('WEFT_QUEUE_POLL_MS', env.WEFT_QUEUE_POLL_MS, 10),
    host: flags.host ?? env.HOST ?? DEFAULT_OPTIONS.host,
    port: integer('--port / PORT', flags.port ?? env.PORT, 0) ?? DEFAULT_OPTIONS.port,
    apiToken: env.WEFT_API_TOKEN || undefined,
    bodyLimit: integer('WEFT_BODY_LIMIT', env.WEFT_BODY_LIMIT, 1024) ?? DEFAULT_OPTIONS.bodyLimit,
    corsOrigins: list(env.WEFT_CORS_ORIGINS),
    wsOrigins: list(env.WEFT_WS_ORIGINS),
    toolModules: flags.tools ?? [],
    examplesDir: flags.examples ?? env.WEFT_EXAMPLES_DIR ?? defaults.examplesDir,
    editorDir: defaults.editorDir,
    mode,
    concurrency: integer('--concurrency / WEFT_CONCURRENCY', flags.concurrency ?? env.WEFT_CONCURRENCY, 1),
    httpAllow: list(env.WEFT_HTTP_ALLOW),
    documentsRoot: env.WEFT_DOCUMENTS_DIR ?? defaults.cwd,
    retentionDays: integer('WEFT_RETENTION_DAYS', env.WEFT_RETENTION_DAYS, 0),
    retentionRunsPerGraph: integer('WEFT_RETENTION_RUNS_PER_GRAPH', env.WEFT_RETENTION_RUNS_PER_GRAPH, 0),
    logLevel: flags['log-level'] ?? env.WEFT_LOG_LEVEL,
    wsMaxBufferedBytes: integer('WEFT_WS_MAX_BUFFER', env.WEFT_WS_MAX_BUFFER, 1024),
    llm: llmBase
      ? {
          baseUrl: llmBase,
          ...(llmKey ? { apiKey: llmKey } : {}),
          ...(env.WEFT_LLM_MODEL ? { model: env.WEFT_LLM_MODEL } : {}),
        }
      : undefined,
  };
  for (const key of Object.keys(options) as Array<keyof ServerOptions>)
    if (options[key] === undefined) delete options[key];
  return options;
}
