import { defineTool, ToolError } from '@weft/engine';
import { z } from 'zod';

/**
 * Gates a test opens by name: `test.gate` nodes wait until their gate is opened (or their signal
 * aborts), so tests can hold a run at a known point.
 */
export function createGates() {
  const waiting = new Map<string, Array<() => void>>();
  const opened = new Set<string>();
  const started = new Map<string, number>();
  return {
    open(name: string) {
      opened.add(name);
      for (const release of waiting.get(name) ?? []) release();
      waiting.delete(name);
    },
    /** How many nodes have reached the gate. */
    arrivals: (name: string) => started.get(name) ?? 0,
    wait(name: string, signal: AbortSignal): Promise<void> {
      started.set(name, (started.get(name) ?? 0) + 1);
      if (opened.has(name)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const list = waiting.get(name) ?? [];
        list.push(resolve);
        waiting.set(name, list);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
}

export type Gates = ReturnType<typeof createGates>;

/** Tools for server tests: a gate, an event emitter, and a counter of calls per node. */
export function createTestTools(gates: Gates = createGates()) {
  const calls: string[] = [];
  const gate = defineTool({
    id: 'test.gate',
    title: 'Gate',
    category: 'Test',
    description: 'Waits until the test opens the named gate.',
    config: z.object({ name: z.string() }),
    async run({ config, signal, nodeId }) {
      calls.push(nodeId);
      await gates.wait(config.name, signal);
      return { [`${nodeId}Passed`]: true };
    },
  });
  const emit = defineTool({
    id: 'test.emit',
    title: 'Emit',
    category: 'Test',
    description:
      'Emits `count` stream events of `size` characters, yielding to the event loop every `every`.',
    config: z.object({
      count: z.number().int(),
      size: z.number().int().default(16),
      every: z.number().int().default(50),
      pauseMs: z.number().int().default(0),
    }),
    async run({ config, emit: send, signal }) {
      const text = 'x'.repeat(config.size);
      for (let i = 0; i < config.count; i++) {
        if (signal.aborted) throw new ToolError('ABORTED', 'aborted');
        send({ i, text });
        if (i % config.every === config.every - 1)
          await new Promise((resolve) =>
            config.pauseMs > 0 ? setTimeout(resolve, config.pauseMs) : setImmediate(resolve),
          );
      }
      return { emitted: config.count };
    },
  });
  const count = defineTool({
    id: 'test.count',
    title: 'Count',
    category: 'Test',
    description: 'Records that the node ran.',
    config: z.object({}),
    async run({ nodeId }) {
      calls.push(nodeId);
      return { [nodeId]: calls.filter((c) => c === nodeId).length };
    },
  });
  return { gates, calls, tools: [gate, emit, count] };
}
