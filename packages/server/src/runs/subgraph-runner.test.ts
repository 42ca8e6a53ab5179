import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, threeNodeGraph } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.call('POST', '/api/graphs', threeNodeGraph());
});
afterEach(async () => {
  await t.close();
});

const caller = (id: string, graphId: string) => ({
  format: 'weft.graph/1',
  id,
  name: id,
  nodes: [{ id: 'call', tool: 'graph.call', config: { graphId, into: 'sub' } }],
  edges: [],
});

describe('graph.call through the server', () => {
  it('runs a saved graph in-process and streams its events under the calling node', async () => {
    const res = await t.call('POST', '/api/runs', {
      graph: caller('outer', 'three'),
      input: { x: 1 },
      wait: true,
    });
    expect(res.body.run).toMatchObject({ status: 'completed', state: { sub: { a: 1, b: 2 } } });
    const events = (await t.call('GET', `/api/runs/${res.body.run.id}/events`)).body.events;
    const nested = events.filter(
      (e: { type: string; chunk?: { kind?: string } }) => e.type === 'node.stream',
    );
    expect(nested.length).toBeGreaterThan(3);
    expect(nested[0]).toMatchObject({
      nodeId: 'call',
      chunk: { kind: 'subgraph.event', event: { type: 'run.started', graphId: 'three' } },
    });
    expect(nested[0].chunk.event.runId).toBe(`${res.body.run.id}:call:1>three`);
  });

  it('refuses to nest deeper than the limit', async () => {
    await t.call('POST', '/api/graphs', caller('recursive', 'recursive'));
    const res = await t.call('POST', '/api/graphs/recursive/runs', { wait: true });
    expect(res.body.run.status).toBe('failed');
    expect(JSON.stringify(res.body.run.error)).toContain('SUBGRAPH_DEPTH');
  });

  it('fails the calling node for an unknown graph', async () => {
    const res = await t.call('POST', '/api/runs', { graph: caller('outer', 'missing'), wait: true });
    expect(res.body.run).toMatchObject({ status: 'failed', error: { nodeId: 'call' } });
    expect(res.body.run.error.code).toBe('GRAPH_NOT_FOUND');
  });
});
