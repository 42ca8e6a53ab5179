import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the run manager reports as it goes; the Prometheus metrics below implement it. */
export interface RunObserver {
  runStarted(): void;
  runEnded(status: 'completed' | 'failed' | 'cancelled' | 'waiting'): void;
  nodeCompleted(tool: string, durationMs: number): void;
  committed(stats: { runs: number; events: number; ms: number }): void;
}

export const silentObserver: RunObserver = {
  runStarted() {},
  runEnded() {},
  nodeCompleted() {},
  committed() {},
};

export interface MetricsSources {
  activeRuns(): number;
  /** Of every process, with a shared queue: asked of the database at each scrape. */
  queueDepth(): Promise<number>;
  webSocketClients(): number;
}

export interface ServerMetrics extends RunObserver {
  readonly registry: Registry;
  /** Connects the gauges to the live values they report. */
  bind(sources: MetricsSources): void;
}

/**
 * The server's Prometheus metrics in a registry of their own (no global default registry), served at
 * `GET /metrics`.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'weft_' });
  const started = new Counter({
    name: 'weft_runs_started_total',
    help: 'Runs accepted.',
    registers: [registry],
  });
  const ended = {
    completed: new Counter({
      name: 'weft_runs_completed_total',
      help: 'Runs that completed.',
      registers: [registry],
    }),
    failed: new Counter({ name: 'weft_runs_failed_total', help: 'Runs that failed.', registers: [registry] }),
    cancelled: new Counter({
      name: 'weft_runs_cancelled_total',
      help: 'Runs that were cancelled.',
      registers: [registry],
    }),
    waiting: new Counter({
      name: 'weft_runs_waiting_total',
      help: 'Times a run stopped to wait for a human.',
      registers: [registry],
    }),
  };
  const nodeDuration = new Histogram({
    name: 'weft_node_duration_seconds',
    help: 'Duration of completed node attempts, by tool.',
    labelNames: ['tool'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  const commitDuration = new Histogram({
    name: 'weft_store_commit_duration_seconds',
    help: 'Duration of one group commit (events, checkpoints and run rows of every run in the batch).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  const commitEvents = new Counter({
    name: 'weft_store_events_written_total',
    help: 'Events written to the database.',
    registers: [registry],
  });
  let sources: MetricsSources = {
    activeRuns: () => 0,
    queueDepth: async () => 0,
    webSocketClients: () => 0,
  };
  new Gauge({
    name: 'weft_runs_active',
    help: 'Runs being executed now.',
    registers: [registry],
    collect() {
      this.set(sources.activeRuns());
    },
  });
  new Gauge({
    name: 'weft_queue_depth',
    help: 'Runs waiting for an execution slot.',
    registers: [registry],
    async collect() {
      this.set(await sources.queueDepth());
    },
  });
  new Gauge({
    name: 'weft_websocket_clients',
    help: 'Open WebSocket connections.',
    registers: [registry],
    collect() {
      this.set(sources.webSocketClients());
    },
  });
  return {
    registry,
    bind(next) {
      sources = next;
    },
    runStarted: () => started.inc(),
    runEnded: (status) => ended[status].inc(),
    nodeCompleted: (tool, ms) => nodeDuration.observe({ tool }, ms / 1000),
    committed(stats) {
      commitDuration.observe(stats.ms / 1000);
      commitEvents.inc(stats.events);
    },
  };
}
