import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graph, node } from '../testing/graph-fixtures.ts';
import { coreTools } from '../tools/core-tools.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { runGraph } from './run-graph.ts';

// The engine is typed without Node's globals (it runs in browsers too); the test reaches them here.
const nodeProcess = (
  globalThis as unknown as {
    process: {
      on(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
      off(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
    };
  }
).process;

describe('a checkpointer that fails', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    nodeProcess.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => nodeProcess.off('unhandledRejection', onUnhandled));

  it('stops the run, aborts what is in flight and rejects with the store error, leaving nothing unhandled', async () => {
    const tools = createToolRegistry(coreTools);
    const doc = graph({
      nodes: [
        node('a', 'core.delay', { ms: 5 }),
        node('b', 'core.delay', { ms: 10_000 }),
        node('c', 'core.pass'),
      ],
      edges: [
        { id: 'ab', from: 'a', to: 'b' },
        { id: 'bc', from: 'b', to: 'c' },
      ],
    });
    let puts = 0;
    const checkpointer = {
      put: () => (++puts >= 2 ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      get: () => undefined,
    };
    const started = Date.now();
    const completed: string[] = [];
    await expect(
      runGraph(doc, {
        tools,
        checkpointer,
        onEvent: (e) => {
          if (e.type === 'node.completed') completed.push(e.nodeId);
        },
      }),
    ).rejects.toThrow('disk full');
    // b's 10 s delay was aborted, not waited for, and c never ran.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(completed).not.toContain('c');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(unhandled).toEqual([]);
  });
});
