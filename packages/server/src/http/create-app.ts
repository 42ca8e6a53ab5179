import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ServerError } from '../errors.ts';
import type { AppDeps } from './app-deps.ts';
import { requireToken } from './auth.ts';
import { docsPage } from './docs-page.ts';
import { serveEditor } from './editor-files.ts';
import { errorBody, errorResponse } from './error-response.ts';
import { openApiDocument } from './openapi.ts';
import { limitBody } from './read-json.ts';
import { graphRoutes } from './routes/graph-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { systemRoutes } from './routes/system-routes.ts';

/**
 * The HTTP app: pure wiring of the routes over the given dependencies. It opens nothing itself, so
 * tests call it in-process with `app.request(…)`; `main.ts` serves it on a socket.
 *
 * @example
 * const app = createApp({ store, tools, runs, logger, config });
 * const res = await app.request('/api/health');
 */
export function createApp(deps: AppDeps): Hono {
  const { config, logger, metrics } = deps;
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error, logger));
  app.notFound((c) =>
    c.json(errorBody(new ServerError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)), 404),
  );

  if (config.corsOrigins.length > 0) {
    const origins = cors({
      origin: config.corsOrigins,
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    });
    app.use('/api/*', origins);
    app.use('/metrics', origins);
  }
  // The token is checked before anything reads the body.
  if (config.apiToken) {
    app.use('/api/*', requireToken(config.apiToken));
    app.use('/metrics', requireToken(config.apiToken));
  }
  app.use('/api/*', limitBody(config.bodyLimit));

  app.route('/api', systemRoutes(deps));
  app.get('/metrics', async (c) => {
    if (!metrics) throw new ServerError('NOT_FOUND', 'metrics are not enabled');
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  if (config.apiRoutes === false) {
    app.all('*', (c) => {
      throw new ServerError(
        'NOT_FOUND',
        `no route ${c.req.method} ${c.req.path}: this process is a worker (--mode worker); send API requests to an api process`,
      );
    });
    return app;
  }
  app.route('/api/graphs', graphRoutes(deps));
  app.route('/api', runRoutes(deps));

  const spec = openApiDocument(config.version);
  const docs = docsPage(spec);
  app.get('/api/openapi.json', (c) => c.json(spec));
  app.get('/api/ws', () => {
    throw new ServerError('UPGRADE_REQUIRED', 'GET /api/ws is a WebSocket endpoint: send Upgrade: websocket');
  });
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', docs.csp);
    return c.html(docs.html);
  });
  app.all('/api/*', (c) => {
    throw new ServerError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`);
  });
  app.get('*', (c) => serveEditor(c, config.editorDir));
  return app;
}
