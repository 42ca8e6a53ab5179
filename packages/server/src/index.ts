/**
 * @weft/server: the Hono app, Kysely storage (SQLite | PostgreSQL), the durable run manager, the
 * WebSocket event stream and the `weft` CLI.
 *
 * @example
 * import { createServer } from '@weft/server';
 * const server = await createServer({ database: './data/weft.db', tools: [myTool] });
 * const { url } = await server.listen();
 */
export { type Cluster, type ClusterOptions, openCluster, RUN_QUEUE } from './cluster/open-cluster.ts';
export { createPgBossRunQueue, startPgBoss } from './cluster/pg-boss-run-queue.ts';
export { createPostgresEventBus } from './cluster/postgres-event-bus.ts';
export { clusterChannels, PostgresListener } from './cluster/postgres-listener.ts';
export type { ServerOptions } from './config/server-options.ts';
export { ServerError, type ServerErrorCode } from './errors.ts';
export type { AppConfig, AppDeps } from './http/app-deps.ts';
export { createApp } from './http/create-app.ts';
export { type CreateServerOptions, createServer, SERVER_VERSION, type WeftServer } from './main.ts';
export { createLogger, type Logger, silentLogger } from './observability/logger.ts';
export { createMetrics, type RunObserver, type ServerMetrics } from './observability/metrics.ts';
export { createInProcessEventBus, type EventBus } from './runs/event-bus.ts';
export { GraphCatalog, type RunSource } from './runs/graph-catalog.ts';
export { type AcceptedRun, RunManager, type RunRole } from './runs/run-manager.ts';
export { runQueueConformanceCases } from './runs/run-queue.conformance.ts';
export { createInProcessRunQueue, type JobClaim, type RunJob, type RunQueue } from './runs/run-queue.ts';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';
export { isPostgresUrl, type OpenStoreOptions, openStore } from './storage/open-store.ts';
export type { Lease, LeaseRepository, RunRecord, SqlExecutor, Store, StoredEvent } from './storage/store.ts';
