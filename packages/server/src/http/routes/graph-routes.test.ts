import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvalGraph,
  createTestApp,
  expectError,
  type TestApp,
  threeNodeGraph,
} from '../../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const invalidGraph = () => ({
  ...threeNodeGraph('broken'),
  edges: [{ id: 'e1', from: 'a', to: 'nowhere' }],
});

describe('POST /api/graphs/validate', () => {
  it('answers valid for a good graph and every problem for a bad one (200 both)', async () => {
    const ok = await t.call('POST', '/api/graphs/validate', { graph: threeNodeGraph() });
    expect(ok).toMatchObject({ status: 200, body: { valid: true, errors: [] } });
    const bad = await t.call('POST', '/api/graphs/validate', { graph: invalidGraph() });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors).toContainEqual(
      expect.objectContaining({ code: 'DANGLING_EDGE', path: 'edges[0].to' }),
    );
  });

  it('reports a graph over the node limit', async () => {
    const nodes = Array.from({ length: 5001 }, (_, i) => ({ id: `n${i}`, tool: 'core.pass' }));
    const res = await t.call('POST', '/api/graphs/validate', {
      graph: { ...threeNodeGraph(), nodes, edges: [] },
    });
    expect(res.body.errors[0].code).toBe('TOO_MANY_NODES');
  });

  it('refuses a body without a graph, with extra fields, or that is not JSON', async () => {
    expectError(await t.call('POST', '/api/graphs/validate', {}), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/graphs/validate', { graph: {}, extra: 1 }), 400, 'INVALID_BODY');
    expectError(await t.call('POST', '/api/graphs/validate', '{"graph":'), 400, 'INVALID_JSON');
  });
});

describe('POST /api/graphs', () => {
  it('creates version 1 and refuses the same id twice', async () => {
    expect(await t.call('POST', '/api/graphs', threeNodeGraph())).toMatchObject({
      status: 201,
      body: { id: 'three', version: 1 },
    });
    expectError(await t.call('POST', '/api/graphs', threeNodeGraph()), 409, 'GRAPH_EXISTS');
  });

  it('refuses a graph with problems (every problem in details) unless it is a draft', async () => {
    const res = await t.call('POST', '/api/graphs', invalidGraph());
    expectError(res, 400, 'INVALID_GRAPH');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'DANGLING_EDGE' }));
    expect(await t.call('POST', '/api/graphs?draft=true', invalidGraph())).toMatchObject({ status: 201 });
    const stored = await t.call('GET', '/api/graphs/broken');
    expect(stored.body).toMatchObject({ valid: false, version: 1 });
    expect(stored.body.errors).toContainEqual(expect.objectContaining({ code: 'DANGLING_EDGE' }));
  });

  it('refuses, even as a draft, what is not a weft.graph/1 document or is too big', async () => {
    for (const doc of [
      { format: 'weft.graph/2' },
      [],
      '"text"',
      'null',
      42,
      { ...threeNodeGraph(), id: 'Bad Id!' },
    ]) {
      expectError(await t.call('POST', '/api/graphs?draft=true', doc), 400, 'INVALID_GRAPH');
    }
    const long = {
      ...threeNodeGraph('long'),
      edges: [{ id: 'e1', from: 'a', to: 'b', when: `${'1 + '.repeat(1100)}1 > 0` }],
    };
    const res = await t.call('POST', '/api/graphs?draft=true', long);
    expectError(res, 400, 'INVALID_GRAPH');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'EXPRESSION_TOO_LONG' }));
    expectError(await t.call('POST', '/api/graphs', ''), 400, 'INVALID_GRAPH');
  });

  it('refuses a bad draft flag and a body over the limit', async () => {
    expectError(await t.call('POST', '/api/graphs?draft=yes', threeNodeGraph()), 400, 'INVALID_QUERY');
    const huge = { ...threeNodeGraph(), description: 'x'.repeat(1024 * 1024) };
    expectError(await t.call('POST', '/api/graphs', huge), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('GET /api/graphs and /api/graphs/:id', () => {
  it('lists graphs with their latest version, validity and last run', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    await t.call('POST', '/api/graphs?draft=true', invalidGraph());
    const run = await t.call('POST', '/api/graphs/three/runs', { wait: true });
    const res = await t.call('GET', '/api/graphs');
    expect(res.status).toBe(200);
    const three = res.body.graphs.find((g: { id: string }) => g.id === 'three');
    expect(three).toEqual({
      id: 'three',
      name: 'Three nodes',
      description: null,
      version: 1,
      valid: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.any(String),
      lastRun: { id: run.body.run.id, status: 'completed', createdAt: expect.any(String) },
    });
    expect(res.body.graphs.find((g: { id: string }) => g.id === 'broken')).toMatchObject({
      valid: false,
      lastRun: null,
    });
  });

  it('reads the latest version with its validity and times', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    const res = await t.call('GET', '/api/graphs/three');
    expect(res).toMatchObject({
      status: 200,
      body: { graph: threeNodeGraph(), version: 1, valid: true, errors: [], createdAt: expect.any(String) },
    });
  });

  it('answers 404 for unknown graphs and impossible ids', async () => {
    expectError(await t.call('GET', '/api/graphs/nope'), 404, 'GRAPH_NOT_FOUND');
    expectError(await t.call('GET', '/api/graphs/NOT%20VALID'), 404, 'GRAPH_NOT_FOUND');
    expectError(await t.call('GET', '/api/graphs/nope/versions'), 404, 'GRAPH_NOT_FOUND');
    expectError(await t.call('GET', '/api/graphs/nope/versions/1'), 404, 'GRAPH_NOT_FOUND');
  });
});

describe('PUT /api/graphs/:id and versions', () => {
  it('saves immutable versions and serves each one', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    const renamed = { ...threeNodeGraph(), name: 'Renamed' };
    expect(await t.call('PUT', '/api/graphs/three', renamed)).toMatchObject({
      status: 200,
      body: { id: 'three', version: 2 },
    });
    expect((await t.call('GET', '/api/graphs/three')).body).toMatchObject({
      version: 2,
      graph: { name: 'Renamed' },
    });
    expect((await t.call('GET', '/api/graphs/three/versions/1')).body).toMatchObject({
      version: 1,
      graph: { name: 'Three nodes' },
    });
    const versions = await t.call('GET', '/api/graphs/three/versions');
    expect(versions.body.versions).toEqual([
      { version: 2, name: 'Renamed', valid: true, createdAt: expect.any(String) },
      { version: 1, name: 'Three nodes', valid: true, createdAt: expect.any(String) },
    ]);
    expectError(await t.call('GET', '/api/graphs/three/versions/7'), 404, 'VERSION_NOT_FOUND');
    expectError(await t.call('GET', '/api/graphs/three/versions/abc'), 400, 'INVALID_QUERY');
    expectError(await t.call('GET', '/api/graphs/three/versions/0'), 400, 'INVALID_QUERY');
  });

  it('refuses an id mismatch, an unknown graph, and problems outside drafts', async () => {
    await t.call('POST', '/api/graphs', threeNodeGraph());
    expectError(await t.call('PUT', '/api/graphs/three', threeNodeGraph('other')), 400, 'ID_MISMATCH');
    expectError(await t.call('PUT', '/api/graphs/other', threeNodeGraph('other')), 404, 'GRAPH_NOT_FOUND');
    const broken = { ...invalidGraph(), id: 'three' };
    expectError(await t.call('PUT', '/api/graphs/three', broken), 400, 'INVALID_GRAPH');
    expect(await t.call('PUT', '/api/graphs/three?draft=true', broken)).toMatchObject({
      status: 200,
      body: { version: 2 },
    });
    expectError(await t.call('PUT', '/api/graphs/three', '{'), 400, 'INVALID_JSON');
  });
});

describe('DELETE /api/graphs/:id', () => {
  it('deletes the graph and its versions; its runs stay readable; waiting runs are cancelled', async () => {
    await t.call('POST', '/api/graphs', approvalGraph());
    const waiting = await t.call('POST', '/api/graphs/approval/runs', { wait: true });
    expect(waiting.body.run.status).toBe('waiting');
    expect((await t.call('DELETE', '/api/graphs/approval')).status).toBe(204);
    expectError(await t.call('GET', '/api/graphs/approval'), 404, 'GRAPH_NOT_FOUND');
    expectError(await t.call('DELETE', '/api/graphs/approval'), 404, 'GRAPH_NOT_FOUND');
    const run = await t.call('GET', `/api/runs/${waiting.body.run.id}`);
    expect(run.body.run).toMatchObject({ status: 'cancelled', graphId: 'approval' });
    expect((await t.call('POST', '/api/graphs', approvalGraph())).status).toBe(201);
  });
});
