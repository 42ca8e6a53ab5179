import type { Clock, ToolRegistry, ToolServices } from '@weft/engine';
import type { Logger } from './observability/logger.ts';
import type { RunObserver } from './observability/metrics.ts';
import { createInProcessEventBus, type EventBus } from './runs/event-bus.ts';
import { GraphCatalog } from './runs/graph-catalog.ts';
import { RunManager, type RunRole } from './runs/run-manager.ts';
import { createInProcessRunQueue, type RunQueue } from './runs/run-queue.ts';
import { servicesWithSubgraphs } from './runs/subgraph-runner.ts';
import type { Store } from './storage/store.ts';

export interface RuntimeOptions {
  store: Store;
  tools: ToolRegistry;
  logger: Logger;
  /** Runs executing at once, server-wide. */
  concurrency: number;
  maxNodes: number;
  /** Services for tools (HTTP policy, LLM settings, documents folder); the sub-graph runner is added here. */
  services?: ToolServices;
  maxSubgraphDepth?: number;
  observer?: RunObserver;
  bus?: EventBus;
  queue?: RunQueue;
  clock?: Clock;
  /** `all` (default) with the in-process queue; `api` or `worker` with a shared one (`queue`). */
  role?: RunRole;
  /** Names this process in run leases. */
  owner?: string;
  /** Shared queue: lease duration and heartbeat period of workers. */
  leaseMs?: number;
  heartbeatMs?: number;
}

export interface Runtime {
  catalog: GraphCatalog;
  bus: EventBus;
  queue: RunQueue;
  runs: RunManager;
}

/** Wires the run side of a server (catalog, bus, queue, run manager) over an open store. Opens nothing. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const catalog = new GraphCatalog(options.store, options.tools, options.maxNodes);
  const bus = options.bus ?? createInProcessEventBus();
  const queue = options.queue ?? createInProcessRunQueue({ concurrency: options.concurrency });
  const services = servicesWithSubgraphs({
    catalog,
    tools: options.tools,
    services: options.services ?? {},
    maxDepth: options.maxSubgraphDepth ?? 5,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const runs = new RunManager({
    store: options.store,
    tools: options.tools,
    catalog,
    bus,
    queue,
    logger: options.logger,
    services,
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.role ? { role: options.role } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  return { catalog, bus, queue, runs };
}
