import { GRAPH_ID_PATTERN, type GraphDocument, type JsonValue, validateGraph } from '@weft/engine';
import { type Context, Hono } from 'hono';
import { ServerError } from '../../errors.ts';
import type { AcceptedRun } from '../../runs/run-manager.ts';
import type { AppDeps } from '../app-deps.ts';
import { invalidGraph } from '../graph-check.ts';
import { parseWith, readBody } from '../read-json.ts';
import { runJson } from '../run-json.ts';
import {
  eventsQuery,
  listRunsQuery,
  resumeRequest,
  runDocumentRequest,
  startRunRequest,
} from '../schemas.ts';

/** Run routes, mounted at `/api`: start, list, read, events, cancel, resume. */
export function runRoutes({ store, tools, runs, config }: AppDeps): Hono {
  const app = new Hono();

  /** 202 with the run once its row is durable, or with `wait` 200 once it stops. */
  const answer = async (c: Context, accepted: AcceptedRun, wait: boolean | undefined) => {
    if (wait) return c.json({ run: runJson(await accepted.done) }, 200);
    await accepted.accepted;
    return c.json({ run: runJson(accepted.record) }, 202);
  };

  app.post('/graphs/:id/runs', async (c) => {
    const graphId = c.req.param('id');
    if (!GRAPH_ID_PATTERN.test(graphId)) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${graphId}'`);
    const body = await readBody(c, startRunRequest);
    const source = body.version === undefined ? { graphId } : { graphId, version: body.version };
    return answer(c, await runs.start(source, (body.input ?? null) as JsonValue), body.wait);
  });

  app.post('/runs', async (c) => {
    const body = await readBody(c, runDocumentRequest);
    const errors = validateGraph(body.graph, tools, { maxNodes: config.maxNodes });
    if (errors.length > 0) throw invalidGraph(errors);
    const accepted = await runs.start(
      { document: body.graph as GraphDocument },
      (body.input ?? null) as JsonValue,
    );
    return answer(c, accepted, body.wait);
  });

  app.get('/runs', async (c) => {
    const query = parseWith(listRunsQuery, c.req.query(), 'query');
    const page = await store.runs.list({
      limit: query.limit,
      ...(query.graphId === undefined ? {} : { graphId: query.graphId }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return c.json({ runs: page.runs.map(runJson), nextCursor: page.nextCursor });
  });

  app.get('/runs/:id', async (c) => {
    const id = c.req.param('id');
    const run = await store.runs.get(id);
    if (!run) throw new ServerError('RUN_NOT_FOUND', `no run '${id}'`);
    return c.json({ run: runJson(run) });
  });

  app.get('/runs/:id/events', async (c) => {
    const id = c.req.param('id');
    const query = parseWith(eventsQuery, c.req.query(), 'query');
    const events = await store.runs.events(id, query.after, query.limit);
    if (events.length === 0 && !(await store.runs.get(id)))
      throw new ServerError('RUN_NOT_FOUND', `no run '${id}'`);
    // Stored events are JSON already: pass them through verbatim.
    c.header('Content-Type', 'application/json');
    return c.body(`{"events":[${events.map((e) => e.json).join(',')}]}`);
  });

  app.post('/runs/:id/cancel', async (c) => {
    const run = await runs.cancel(c.req.param('id'));
    return c.json({ run: runJson(run) });
  });

  app.post('/runs/:id/resume', async (c) => {
    const body = await readBody(c, resumeRequest);
    const accepted = await runs.resume(c.req.param('id'), body.nodeId, (body.value ?? null) as JsonValue);
    return answer(c, accepted, body.wait);
  });

  return app;
}
