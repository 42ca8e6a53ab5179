import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import type { ToolRegistry } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import type { Hono } from 'hono';
import { type Cluster, openCluster } from './cluster/open-cluster.ts';
import { DEFAULT_OPTIONS, type ServerOptions } from './config/server-options.ts';
import { createApp } from './http/create-app.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type ServerMetrics } from './observability/metrics.ts';
import { startRetention } from './runs/retention.ts';
import type { RunManager } from './runs/run-manager.ts';
import { createRuntime } from './runtime.ts';
import { importExamples } from './startup/import-examples.ts';
import { loadToolModules } from './startup/load-tool-modules.ts';
import { isPostgresUrl, openStore } from './storage/open-store.ts';
import type { Store } from './storage/store.ts';
import { attachWebSocket, type WebSocketEndpoint } from './ws/attach-websocket.ts';

export const SERVER_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** A Weft server: open database, tools, run manager and HTTP app, ready to `listen`. */
export interface WeftServer {
  readonly options: ServerOptions;
  readonly app: Hono;
  readonly store: Store;
  readonly runs: RunManager;
  readonly tools: ToolRegistry;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  /** Runs picked up from a previous process at start. */
  readonly recovered: number;
  /** Starts accepting HTTP and WebSocket connections; resolves with the address actually bound. */
  listen(): Promise<{ url: string; host: string; port: number }>;
  /** Stops accepting, lets running runs finish for `shutdownGraceMs`, writes what is buffered, closes the database. */
  close(): Promise<void>;
}

export type CreateServerOptions = Partial<ServerOptions> & { logger?: Logger };

/**
 * The one place that opens the database and sockets. Loads tool modules, migrates the database,
 * resumes the runs a previous process left unfinished, imports the example graphs on first start.
 *
 * @example
 * const server = await createServer({ database: './data/weft.db', tools: [myTool] });
 * const { url } = await server.listen();
 */
export async function createServer(input: CreateServerOptions = {}): Promise<WeftServer> {
  const options: ServerOptions = {
    ...DEFAULT_OPTIONS,
    documentsRoot: process.cwd(),
    examplesDir: null,
    ...input,
  };
  const { mode } = options;
  const shared = mode !== 'all';
  if (shared && !isPostgresUrl(options.database))
    throw new Error(
      `--mode ${mode} shares runs between processes through PostgreSQL: give a postgres:// database (--db or DATABASE_URL), or use --mode all`,
    );
  const logger = input.logger ?? createLogger({ level: options.logLevel });
  const builtins = createBuiltinRegistry();
  const moduleTools = await loadToolModules(
    options.toolModules,
    builtins.list().map((t) => t.id),
    process.cwd(),
  );
  const tools = createBuiltinRegistry([...options.tools, ...moduleTools]);
  const store = await openStore({
    database: options.database,
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
    ...(options.databasePoolSize ? { poolSize: options.databasePoolSize } : {}),
    // A frozen process's open transaction must not hold up the takeover of its runs.
    ...(shared ? { idleInTransactionTimeoutMs: options.leaseMs } : {}),
    sqliteSynchronous: options.sqliteSynchronous,
  });
  const owner = `weft-${mode}-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let cluster: Cluster | undefined;
  try {
    if (shared)
      cluster = await openCluster({
        store,
        url: options.database,
        schema: options.databaseSchema,
        queueSchema:
          options.queueSchema ?? (options.databaseSchema ? `${options.databaseSchema}_pgboss` : 'pgboss'),
        concurrency: options.concurrency,
        pollMs: options.queuePollMs,
        writer: owner,
        logger,
      });
  } catch (error) {
    await store.close();
    throw error;
  }
  const metrics = createMetrics();
  const { runs } = createRuntime({
    store,
    tools,
    logger,
    concurrency: options.concurrency,
    maxNodes: options.maxNodes,
    maxSubgraphDepth: options.maxSubgraphDepth,
    observer: metrics,
    services: {
      http: { allow: options.httpAllow },
      ...(options.llm ? { llm: options.llm } : {}),
      documentsRoot: options.documentsRoot,
    },
    role: mode,
    owner,
    ...(cluster
      ? {
          queue: cluster.queue,
          bus: cluster.bus,
          leaseMs: options.leaseMs,
          ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
        }
      : {}),
  });
  const recovered = await runs.recover();
  const serves = mode !== 'worker';
  if (serves && options.examplesDir)
    await importExamples(store, tools, options.examplesDir, logger, options.maxNodes);
  const app = createApp({
    store,
    tools,
    runs,
    logger,
    metrics,
    config: {
      apiToken: options.apiToken,
      bodyLimit: options.bodyLimit,
      corsOrigins: options.corsOrigins,
      maxNodes: options.maxNodes,
      editorDir: options.editorDir,
      version: SERVER_VERSION,
      apiRoutes: serves,
    },
  });
  // Retention belongs to the processes that serve the API (pruning from every worker would only repeat it).
  const stopRetention = serves
    ? startRetention(
        store,
        { maxAgeDays: options.retentionDays, maxRunsPerGraph: options.retentionRunsPerGraph },
        logger,
      )
    : () => {};
  logger.info(
    { database: store.describe, mode, owner, tools: tools.list().length, recovered },
    'Weft server ready',
  );

  let http: Server | undefined;
  let ws: WebSocketEndpoint | undefined;
  let closing: Promise<void> | undefined;
  return {
    options,
    app,
    store,
    runs,
    tools,
    metrics,
    logger,
    recovered,
    async listen() {
      const server = createAdaptorServer({ fetch: app.fetch }) as Server;
      http = server;
      if (serves)
        ws = attachWebSocket(server, {
          bus: runs.bus,
          runs: store.runs,
          logger,
          apiToken: options.apiToken,
          allowedOrigins: [...options.wsOrigins, ...options.corsOrigins],
          maxBufferedBytes: options.wsMaxBufferedBytes,
        });
      const endpoint = ws;
      metrics.bind({
        activeRuns: () => runs.activeRuns,
        queueDepth: () => runs.queueDepth(),
        webSocketClients: () => endpoint?.clients ?? 0,
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      return { url: `http://${host}:${port}`, host: options.host, port };
    },
    close() {
      closing ??= (async () => {
        stopRetention();
        ws?.close();
        const stopped = http
          ? new Promise<void>((resolve) => http!.close(() => resolve()))
          : Promise.resolve();
        http?.closeIdleConnections();
        await runs.close(options.shutdownGraceMs);
        http?.closeAllConnections();
        await stopped;
        await cluster?.close();
        await store.close();
        logger.flush?.();
      })();
      return closing;
    },
  };
}
