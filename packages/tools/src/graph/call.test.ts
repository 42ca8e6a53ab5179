import type { RunEvent } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import type { SubgraphRequest, SubgraphResult, SubgraphRunner } from '../services.ts';
import { runTool } from '../testing/run-tool.ts';
import { graphCall } from './call.ts';

function fakeRunner(
  answer: (request: SubgraphRequest) => Promise<SubgraphResult> | SubgraphResult,
  depth = 0,
): SubgraphRunner & {
  requests: SubgraphRequest[];
} {
  const requests: SubgraphRequest[] = [];
  return {
    depth,
    maxDepth: 5,
    requests,
    async run(request) {
      requests.push(request);
      return answer(request);
    },
  };
}

const event = (seq: number, type: string): RunEvent =>
  ({ runId: 'sub-1', seq, ts: 0, type, nodeId: 'n' }) as unknown as RunEvent;

describe('graph.call', () => {
  it('runs the sub-graph with the state as input and writes its final state', async () => {
    const runner = fakeRunner(({ onEvent, input }) => {
      onEvent(event(1, 'run.started'));
      onEvent(event(2, 'run.completed'));
      return { runId: 'sub-1', status: 'completed', state: { echoed: input } };
    });
    const { patch, chunks } = await runTool(graphCall, {
      config: { graphId: 'summarize', version: 2, into: 'summary' },
      state: { text: 'hi' },
      services: { subgraphs: runner },
    });
    expect(patch).toEqual({ summary: { echoed: { text: 'hi' } } });
    expect(chunks).toEqual([
      { kind: 'subgraph.event', event: event(1, 'run.started') },
      { kind: 'subgraph.event', event: event(2, 'run.completed') },
    ]);
    expect(runner.requests[0]).toMatchObject({
      graphId: 'summarize',
      version: 2,
      parent: {
        runId: 'conformance-run',
        nodeId: 'conformance-node',
        idempotencyKey: 'conformance-run:conformance-node:1',
      },
    });
  });

  it('maps the input with CEL when asked', async () => {
    const runner = fakeRunner(({ input }) => ({ runId: 's', status: 'completed', state: { got: input } }));
    const { patch } = await runTool(graphCall, {
      config: { graphId: 'g', input: { text: 'state.doc.body', n: 'size(state.doc.body)' } },
      state: { doc: { body: 'abc' } },
      services: { subgraphs: runner },
    });
    expect(patch).toEqual({ result: { got: { text: 'abc', n: 3 } } });
  });

  it('turns a failed, waiting or cancelled sub-run into a clear error', async () => {
    const failed = fakeRunner(() => ({
      runId: 's',
      status: 'failed',
      state: {},
      error: { code: 'BOOM', message: 'it broke' },
    }));
    await expect(
      runTool(graphCall, { config: { graphId: 'g' }, services: { subgraphs: failed } }),
    ).rejects.toMatchObject({
      code: 'SUBGRAPH_FAILED',
      message: "graph 'g' failed: BOOM: it broke",
    });
    const waiting = fakeRunner(() => ({ runId: 's', status: 'waiting', state: {} }));
    await expect(
      runTool(graphCall, { config: { graphId: 'g' }, services: { subgraphs: waiting } }),
    ).rejects.toMatchObject({
      code: 'SUBGRAPH_WAITING',
    });
    const cancelled = fakeRunner(() => ({ runId: 's', status: 'cancelled', state: {} }));
    await expect(
      runTool(graphCall, { config: { graphId: 'g' }, services: { subgraphs: cancelled } }),
    ).rejects.toMatchObject({
      code: 'SUBGRAPH_CANCELLED',
    });
  });

  it('refuses to nest deeper than the runner allows, and needs a runner', async () => {
    const deep = fakeRunner(() => ({ runId: 's', status: 'completed', state: {} }), 5);
    await expect(
      runTool(graphCall, { config: { graphId: 'g' }, services: { subgraphs: deep } }),
    ).rejects.toMatchObject({
      code: 'SUBGRAPH_DEPTH',
    });
    expect(deep.requests).toHaveLength(0);
    await expect(runTool(graphCall, { config: { graphId: 'g' } })).rejects.toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
    });
  });

  it('passes the abort signal to the sub-run', async () => {
    const controller = new AbortController();
    const runner = fakeRunner(
      ({ signal }) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    );
    const running = runTool(graphCall, {
      config: { graphId: 'g' },
      services: { subgraphs: runner },
      signal: controller.signal,
    });
    controller.abort(new Error('cancelled by test'));
    await expect(running).rejects.toThrow('cancelled by test');
  });

  it('validates the graph id and the CEL input at save time', () => {
    expect(graphCall.config.safeParse({ graphId: 'Bad Id' }).success).toBe(false);
    expect(graphCall.config.safeParse({ graphId: 'g', input: { a: 'state.' } }).success).toBe(false);
  });
});
