import { z } from 'zod';
import type { RunEvent } from '../events.ts';
import type { EdgeSpec, GraphDocument, NodeSpec, StateKeySpec } from '../graph/schema.ts';
import type { JsonValue } from '../json.ts';
import { type RunGraphOptions, runGraph } from '../run/run-graph.ts';
import type { RunResult } from '../run/run-loop.ts';
import { coreTools } from '../tools/core-tools.ts';
import { type AnyTool, defineTool } from '../tools/define-tool.ts';
import { createToolRegistry, type ToolRegistry } from '../tools/registry.ts';

/**
 * Small builders for graphs and runs in tests: `graph()` fills in the document's boilerplate,
 * `edge('a>b')` names an edge from its ends, and `runAndRecord` keeps every event.
 */
export function graph(parts: {
  id?: string;
  nodes: NodeSpec[];
  edges?: EdgeSpec[];
  state?: Record<string, StateKeySpec>;
  limits?: GraphDocument['limits'];
  output?: string[];
}): GraphDocument {
  return {
    format: 'weft.graph/1',
    id: parts.id ?? 'test',
    name: parts.id ?? 'Test graph',
    nodes: parts.nodes,
    edges: parts.edges ?? [],
    ...(parts.state ? { state: parts.state } : {}),
    ...(parts.limits ? { limits: parts.limits } : {}),
    ...(parts.output ? { output: parts.output } : {}),
  };
}

/** `edge('a>b', { when: '…' })` is the edge `a-b` from a to b. */
export function edge(spec: string, extra: Partial<EdgeSpec> = {}): EdgeSpec {
  const [from, to] = spec.split('>') as [string, string];
  return { id: `${from}-${to}`, from, to, ...extra };
}

export function node(
  id: string,
  tool: string,
  config?: Record<string, unknown>,
  extra: Partial<NodeSpec> = {},
): NodeSpec {
  return config === undefined ? { id, tool, ...extra } : { id, tool, config, ...extra };
}

/** A `core.set` node writing `values`. */
export const setter = (
  id: string,
  values: Record<string, JsonValue> = {},
  extra: Partial<NodeSpec> = {},
): NodeSpec => node(id, 'core.set', { values }, extra);

/** A `core.compute` node computing keys from CEL. */
export const compute = (id: string, set: Record<string, string>, extra: Partial<NodeSpec> = {}): NodeSpec =>
  node(id, 'core.compute', { set }, extra);

export interface RecordedRun {
  result: RunResult;
  events: RunEvent[];
  /** `type nodeId|edgeId` per event, for compact assertions. */
  trace: string[];
  /** Node ids in `node.completed` order. */
  completed: string[];
  skipped: string[];
  started: string[];
}

export async function runAndRecord(
  doc: GraphDocument,
  options: Partial<RunGraphOptions> & { tools?: ToolRegistry } = {},
): Promise<RecordedRun> {
  const events: RunEvent[] = [];
  const tools = options.tools ?? createToolRegistry(coreTools);
  const result = await runGraph(doc, {
    ...options,
    tools,
    onEvent: (event) => {
      events.push(structuredClone(event));
      options.onEvent?.(event);
    },
  });
  return recordOf(result, events);
}

export function recordOf(result: RunResult, events: RunEvent[]): RecordedRun {
  const pick = (type: RunEvent['type']) =>
    events.filter((e) => e.type === type).map((e) => (e as { nodeId?: string }).nodeId ?? '');
  return {
    result,
    events,
    trace: events.map((e) => {
      const subject = 'edgeId' in e ? e.edgeId : 'nodeId' in e ? e.nodeId : '';
      return subject ? `${e.type} ${subject}` : e.type;
    }),
    completed: pick('node.completed'),
    skipped: pick('node.skipped'),
    started: pick('node.started'),
  };
}

/**
 * Test tools. `calls` records every invocation as `nodeId:visit:attempt` with the idempotency key, so
 * tests can assert what ran, how often, and with which key.
 */
export function createTestTools() {
  const calls: Array<{ nodeId: string; visit: number; attempt: number; key: string }> = [];
  const record = (ctx: { nodeId: string; visit: number; attempt: number; idempotencyKey: string }) =>
    calls.push({ nodeId: ctx.nodeId, visit: ctx.visit, attempt: ctx.attempt, key: ctx.idempotencyKey });

  const increment = defineTool({
    id: 'test.increment',
    title: 'Increment',
    category: 'Test',
    description: 'Adds `by` to a numeric state key.',
    config: z.object({ key: z.string().default('n'), by: z.number().default(1) }),
    async run(ctx) {
      record(ctx);
      const current = ctx.state[ctx.config.key];
      return { [ctx.config.key]: (typeof current === 'number' ? current : 0) + ctx.config.by };
    },
  });
  const sleepy = defineTool({
    id: 'test.sleep',
    title: 'Sleep',
    category: 'Test',
    description: 'Waits, observing its signal, then writes `values`.',
    config: z.object({ ms: z.number(), values: z.record(z.string(), z.json()).default({}) }),
    async run(ctx) {
      record(ctx);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ctx.config.ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(ctx.signal.reason);
        });
      });
      return ctx.config.values as Record<string, JsonValue>;
    },
  });
  const flaky = defineTool({
    id: 'test.flaky',
    title: 'Flaky',
    category: 'Test',
    description: 'Fails its first `failures` attempts of each visit.',
    config: z.object({ failures: z.number().int(), code: z.string().default('FLAKY') }),
    async run(ctx) {
      record(ctx);
      if (ctx.attempt <= ctx.config.failures) throw new Error(`attempt ${ctx.attempt} failed`);
      return { succeededOn: ctx.attempt };
    },
  });
  const hang = defineTool({
    id: 'test.hang',
    title: 'Hang',
    category: 'Test',
    description: 'Never finishes on its own; rejects when aborted.',
    config: z.object({}),
    run(ctx) {
      record(ctx);
      return new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      );
    },
  });
  const returns = defineTool({
    id: 'test.returns',
    title: 'Returns',
    category: 'Test',
    description: 'Returns whatever `make` produces, JSON or not.',
    config: z.object({ kind: z.enum(['date', 'function', 'nan', 'string', 'array', 'cycle']) }),
    run(ctx): never {
      record(ctx);
      const made: Record<string, () => unknown> = {
        date: () => ({ when: new Date(0) }),
        function: () => ({ fn: () => 1 }),
        nan: () => ({ n: Number.NaN }),
        string: () => 'hello',
        array: () => [1, 2],
        cycle: () => {
          const a: Record<string, unknown> = {};
          a.self = a;
          return a;
        },
      };
      return made[ctx.config.kind]!() as never;
    },
  });
  const tools: AnyTool[] = [increment, sleepy, flaky, hang, returns];
  return { calls, tools, registry: createToolRegistry([...coreTools, ...tools]) };
}
