import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalGraph, createTestApp, type TestApp, threeNodeGraph } from '../testing/test-app.ts';

let t: TestApp;
let waitingRun: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.call('POST', '/api/graphs', threeNodeGraph('fuzz'));
  await t.call('POST', '/api/graphs', approvalGraph());
  waitingRun = (await t.call('POST', '/api/graphs/approval/runs', { wait: true })).body.run.id;
});
afterAll(async () => {
  await t.close();
});

/** A response must be a success or a 4xx in the error shape: never a 5xx, never a bare error. */
function expectHandled(res: { status: number; body: unknown }, what: string): void {
  if (res.status >= 500)
    throw new Error(`${what} → ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status >= 400) {
    const error = (res.body as { error?: { code?: unknown; message?: unknown } })?.error;
    if (typeof error?.code !== 'string' || typeof error?.message !== 'string')
      throw new Error(
        `${what} → ${res.status} without the error shape: ${JSON.stringify(res.body).slice(0, 300)}`,
      );
  }
}

const POST_TARGETS = [
  ['POST', '/api/graphs'],
  ['POST', '/api/graphs?draft=true'],
  ['PUT', '/api/graphs/fuzz?draft=true'],
  ['POST', '/api/graphs/validate'],
  ['POST', '/api/runs'],
  ['POST', '/api/graphs/fuzz/runs'],
  ['POST', '/api/graphs/approval/runs'],
  ['POST', '/api/runs/{waiting}/resume'],
  ['POST', '/api/runs/{waiting}/cancel'],
] as const;

const target = fc.constantFrom(...POST_TARGETS);
const json = fc.jsonValue({ maxDepth: 4 });

/** A valid graph with one part replaced by something random: the shape the validator must survive. */
const mutatedGraph = fc
  .record({
    field: fc.constantFrom(
      'format',
      'id',
      'name',
      'nodes',
      'edges',
      'state',
      'limits',
      'output',
      'description',
    ),
    nodeField: fc.constantFrom(
      'id',
      'tool',
      'config',
      'retry',
      'timeoutMs',
      'maxVisits',
      'position',
      'label',
    ),
    edgeField: fc.constantFrom('id', 'from', 'to', 'when', 'else', 'onError'),
    value: json,
    where: fc.constantFrom('graph', 'node', 'edge'),
  })
  .map(({ field, nodeField, edgeField, value, where }) => {
    const graph = structuredClone(
      threeNodeGraph(`m${Math.abs(JSON.stringify(value).length % 97)}`),
    ) as Record<string, unknown>;
    if (where === 'graph') graph[field] = value;
    if (where === 'node') (graph.nodes as Array<Record<string, unknown>>)[1]![nodeField] = value;
    if (where === 'edge') (graph.edges as Array<Record<string, unknown>>)[0]![edgeField] = value;
    return graph;
  });

const body = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ raw: text })),
  json.map((value) => ({ raw: JSON.stringify(value) })),
  mutatedGraph.map((graph) => ({ raw: JSON.stringify(graph) })),
  fc
    .record(
      { graph: fc.oneof(mutatedGraph, json), input: json, wait: fc.oneof(fc.boolean(), json) },
      { requiredKeys: [] },
    )
    .map((value) => ({ raw: JSON.stringify(value) })),
  fc
    .record(
      { nodeId: fc.oneof(fc.string(), json), value: json, version: json, extra: json },
      { requiredKeys: [] },
    )
    .map((value) => ({ raw: JSON.stringify(value) })),
);

describe('fuzzing the API with malformed bodies and documents', () => {
  it('answers 1,200 random requests with 2xx or 4xx in the error shape, and stays healthy', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(target, body, async ([method, path], { raw }) => {
        requests++;
        const url = path.replace('{waiting}', waitingRun);
        const res = await t.call(method, url, raw);
        expectHandled(res, `${method} ${url} ${raw.slice(0, 120)}`);
      }),
      { numRuns: 1200 },
    );
    expect(requests).toBeGreaterThanOrEqual(1200);

    expect((await t.call('GET', '/api/health')).body).toMatchObject({ status: 'ok' });
    const run = await t.call('POST', '/api/graphs/fuzz/runs', { wait: true });
    expect(run.body.run.status).toBe('completed');
  });

  it('answers random query strings and ids with 2xx or 4xx', async () => {
    const text = fc.string({ maxLength: 40 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/runs?limit=',
          '/api/runs?status=',
          '/api/runs?cursor=',
          '/api/runs/',
          '/api/graphs/',
          '/api/graphs/fuzz/versions/',
        ),
        text,
        fc.constantFrom('', '/events?after=', '/events?limit='),
        text,
        async (prefix, a, suffix, b) => {
          const res = await t.call('GET', `${prefix}${a}${prefix.endsWith('/') ? suffix + b : ''}`);
          expectHandled(res, `GET ${prefix}${a}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
