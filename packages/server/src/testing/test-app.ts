import type { AnyTool } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { AppConfig } from '../http/app-deps.ts';
import { createApp } from '../http/create-app.ts';
import { silentLogger } from '../observability/logger.ts';
import { createMetrics, type ServerMetrics } from '../observability/metrics.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { openStore } from '../storage/open-store.ts';
import type { Store } from '../storage/store.ts';

export { approvalGraph, threeNodeGraph } from './graphs.ts';

/** A parsed JSON response. */
// biome-ignore lint/suspicious/noExplicitAny: tests read many response shapes; typing each would only restate the zod schemas
export type JsonBody = any;

/** A response of `TestApp.call`. */
export interface TestResponse {
  status: number;
  body: JsonBody;
  headers: Headers;
}

/** Asserts the status and the `{ error: { code, message } }` shape of an error answer. */
export function expectError(res: TestResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
}

export interface TestApp extends Runtime {
  app: Hono;
  store: Store;
  metrics: ServerMetrics;
  /** A JSON request to the app, in-process; `body` is sent as JSON unless it is a string. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  tools?: AnyTool[];
  store?: Store;
  concurrency?: number;
  config?: Partial<AppConfig>;
}

/** A full app over an in-memory SQLite store (or the given one), for in-process route tests. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = options.store ?? (await openStore({ database: ':memory:' }));
  const tools = createBuiltinRegistry(options.tools ?? []);
  const logger = silentLogger();
  const metrics = createMetrics({ processMetrics: false });
  const runtime = createRuntime({
    store,
    tools,
    logger,
    concurrency: options.concurrency ?? 50,
    maxNodes: 5000,
    observer: metrics,
  });
  const config: AppConfig = {
    bodyLimit: 1024 * 1024,
    corsOrigins: [],
    maxNodes: 5000,
    version: 'test',
    ...options.config,
  };
  const app = createApp({ store, tools, runs: runtime.runs, logger, metrics, config });
  return {
    ...runtime,
    app,
    store,
    metrics,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const response = await app.request(path, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await runtime.runs.close(0);
      await store.close();
    },
  };
}

/** Polls until `check` returns a value other than undefined (tests only). */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
