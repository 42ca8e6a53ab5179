import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';

/** `/api/health` and `/api/tools`. */
export function systemRoutes({ store, tools, config, logger }: AppDeps): Hono {
  const app = new Hono();
  // The registry never changes while the server runs: describe it once.
  const toolsJson = JSON.stringify({ tools: tools.describe() });

  app.get('/health', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ok', db: 'ok', version: config.version });
    } catch (error) {
      logger.error({ err: error }, 'health check: the database does not answer');
      return c.json({ status: 'error', db: 'error', version: config.version }, 503);
    }
  });

  app.get('/tools', (c) => {
    c.header('Content-Type', 'application/json');
    return c.body(toolsJson);
  });

  return app;
}
