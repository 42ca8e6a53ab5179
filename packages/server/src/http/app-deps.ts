import type { ToolRegistry } from '@weft/engine';
import type { Logger } from '../observability/logger.ts';
import type { ServerMetrics } from '../observability/metrics.ts';
import type { RunManager } from '../runs/run-manager.ts';
import type { Store } from '../storage/store.ts';

/** Settings of the HTTP app; `main.ts` fills them from flags and the environment. */
export interface AppConfig {
  /** When set, every `/api/*` route and `/metrics` need `Authorization: Bearer <token>`. */
  apiToken?: string | undefined;
  /** Largest request body in bytes (1 MiB by default). */
  bodyLimit: number;
  /** Origins allowed by CORS; CORS is off when empty. */
  corsOrigins: string[];
  /** Largest graph accepted, in nodes. */
  maxNodes: number;
  /** The built editor (`packages/editor/dist`); a placeholder page is served when it has no index.html. */
  editorDir?: string | undefined;
  /** The server's version, reported by `/api/health`. */
  version: string;
  /**
   * A worker process (`--mode worker`) serves `/api/health`, `/api/tools` and `/metrics` only; runs,
   * graphs, the WebSocket and the editor are the api processes' (default true).
   */
  apiRoutes?: boolean;
}

/** Everything `createApp` wires together; nothing in the app opens a database or a socket itself. */
export interface AppDeps {
  store: Store;
  tools: ToolRegistry;
  runs: RunManager;
  logger: Logger;
  metrics?: ServerMetrics | undefined;
  config: AppConfig;
}
