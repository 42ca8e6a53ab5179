import { GRAPH_ID_PATTERN, validateGraph } from '@weft/engine';
import { Hono } from 'hono';
import { ServerError } from '../../errors.ts';
import type { AppDeps } from '../app-deps.ts';
import { checkGraphForSave } from '../graph-check.ts';
import { parseWith, readBody, readJson } from '../read-json.ts';
import { graphJson, isoTime } from '../run-json.ts';
import { draftQuery, validateRequest, versionParam } from '../schemas.ts';

/** `/api/graphs…`: validate, list, create, read, save a version, delete, version history. */
export function graphRoutes({ store, tools, runs, config }: AppDeps): Hono {
  const app = new Hono();
  const isDraft = (query: Record<string, string>) => parseWith(draftQuery, query, 'query').draft === 'true';
  const graphId = (id: string) => {
    if (!GRAPH_ID_PATTERN.test(id)) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'`);
    return id;
  };

  app.post('/validate', async (c) => {
    const { graph } = await readBody(c, validateRequest);
    const errors = validateGraph(graph, tools, { maxNodes: config.maxNodes });
    return c.json({ valid: errors.length === 0, errors });
  });

  app.get('/', async (c) => {
    const graphs = await store.graphs.list();
    return c.json({
      graphs: graphs.map((g) => ({
        ...g,
        createdAt: isoTime(g.createdAt),
        updatedAt: isoTime(g.updatedAt),
        lastRun: g.lastRun && { ...g.lastRun, createdAt: isoTime(g.lastRun.createdAt) },
      })),
    });
  });

  app.post('/', async (c) => {
    const draft = isDraft(c.req.query());
    const checked = checkGraphForSave(await readJson(c), tools, { maxNodes: config.maxNodes, draft });
    const created = await store.graphs.create({ ...checked, now: Date.now() });
    runs.graphChanged(checked.document.id);
    if (created === 'exists')
      throw new ServerError(
        'GRAPH_EXISTS',
        `a graph '${checked.document.id}' exists; save a new version with PUT`,
      );
    return c.json({ id: checked.document.id, version: created.version }, 201);
  });

  app.get('/:id', async (c) => {
    const id = graphId(c.req.param('id'));
    const record = await store.graphs.get(id);
    if (!record) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'`);
    return c.json(graphJson(record));
  });

  app.put('/:id', async (c) => {
    const id = graphId(c.req.param('id'));
    const draft = isDraft(c.req.query());
    const checked = checkGraphForSave(await readJson(c), tools, { maxNodes: config.maxNodes, draft });
    if (checked.document.id !== id)
      throw new ServerError(
        'ID_MISMATCH',
        `the document's id '${checked.document.id}' differs from '${id}' in the URL`,
      );
    const saved = await store.graphs.save({ ...checked, now: Date.now() });
    runs.graphChanged(id);
    if (saved === 'not-found')
      throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'; create it with POST /api/graphs`);
    return c.json({ id, version: saved.version });
  });

  app.delete('/:id', async (c) => {
    const id = graphId(c.req.param('id'));
    if (!(await store.graphs.head(id))) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'`);
    await runs.cancelWaiting(id);
    await store.graphs.delete(id);
    runs.graphChanged(id);
    return c.body(null, 204);
  });

  app.get('/:id/versions', async (c) => {
    const id = graphId(c.req.param('id'));
    const versions = await store.graphs.versions(id);
    if (!versions) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'`);
    return c.json({ versions: versions.map((v) => ({ ...v, createdAt: isoTime(v.createdAt) })) });
  });

  app.get('/:id/versions/:version', async (c) => {
    const id = graphId(c.req.param('id'));
    const version = parseWith(versionParam, c.req.param('version'), 'query');
    const record = await store.graphs.getVersion(id, version);
    if (!record) {
      if (!(await store.graphs.head(id))) throw new ServerError('GRAPH_NOT_FOUND', `no graph '${id}'`);
      throw new ServerError('VERSION_NOT_FOUND', `graph '${id}' has no version ${version}`);
    }
    return c.json(graphJson(record));
  });

  return app;
}
