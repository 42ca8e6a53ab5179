import { z } from 'zod';
import type { RunEvent } from '../events.ts';
import type { GraphDocument } from '../graph/schema.ts';
import type { JsonValue } from '../json.ts';
import type { Checkpointer } from '../ports.ts';
import type { Checkpoint } from '../run/checkpoint.ts';
import { runGraph } from '../run/run-graph.ts';
import { canonicalJson } from '../state/frozen-json.ts';
import { coreTools } from '../tools/core-tools.ts';
import { defineTool } from '../tools/define-tool.ts';
import { createToolRegistry } from '../tools/registry.ts';

/** One case of the checkpointer conformance suite: a name and a check that throws when it fails. */
export interface ConformanceCase {
  name: string;
  run(): Promise<void>;
}

/**
 * The cases every `Checkpointer` must pass (in memory, SQLite, PostgreSQL …), independent of the test
 * framework: each case throws an `Error` saying what differed. `make` returns a fresh, empty checkpointer.
 *
 * @example
 * describe('SqliteCheckpointer', () => {
 *   for (const c of checkpointerConformanceCases(() => createSqliteCheckpointer(db))) it(c.name, c.run);
 * });
 */
export function checkpointerConformanceCases(
  make: () => Checkpointer | Promise<Checkpointer>,
): ConformanceCase[] {
  return [
    {
      name: 'answers undefined for a run it has never seen',
      async run() {
        const checkpointer = await make();
        check(
          (await checkpointer.get('no-such-run')) === undefined,
          'get() of an unknown run must be undefined',
        );
      },
    },
    {
      name: 'gives back what was put, through a JSON round trip',
      async run() {
        const checkpointer = await make();
        const checkpoint = sampleCheckpoint('run-a', 7);
        await checkpointer.put('run-a', checkpoint);
        same(await checkpointer.get('run-a'), checkpoint, 'get() after put()');
      },
    },
    {
      name: 'keeps only the latest checkpoint of a run, and runs apart',
      async run() {
        const checkpointer = await make();
        await checkpointer.put('run-a', sampleCheckpoint('run-a', 1));
        await checkpointer.put('run-b', sampleCheckpoint('run-b', 5));
        await checkpointer.put('run-a', sampleCheckpoint('run-a', 2));
        same(await checkpointer.get('run-a'), sampleCheckpoint('run-a', 2), 'the latest checkpoint of run-a');
        same(await checkpointer.get('run-b'), sampleCheckpoint('run-b', 5), 'run-b, untouched by run-a');
      },
    },
    {
      name: 'lets a fresh engine resume a run without re-running completed nodes',
      async run() {
        const checkpointer = await make();
        const calls: string[] = [];
        const gate = { open: false };
        const stop = new AbortController();
        const tools = conformanceTools(calls, gate);
        const events: RunEvent[] = [];
        const first = await runGraph(resumeGraph, {
          tools,
          checkpointer,
          signal: stop.signal,
          onEvent: (event) => {
            events.push(event);
            // Once `b` is in flight, the process "dies": the run is abandoned mid-node.
            if (event.type === 'node.started' && event.nodeId === 'b') queueMicrotask(() => stop.abort());
          },
        });
        check(first.status === 'cancelled', `the first run should be cut off, not ${first.status}`);
        const saved = await checkpointer.get(first.runId);
        check(saved !== undefined, 'a checkpoint must be stored after the first node completed');
        const afterA = events.findIndex((e) => e.type === 'node.completed' && e.nodeId === 'a');
        check(
          saved!.frontier.some((entry) => entry.nodeId === 'b'),
          'the stored frontier must hold the in-flight node b',
        );
        check(saved!.seq >= events[afterA]!.seq, 'the checkpoint must carry the seq of the events before it');

        gate.open = true;
        calls.length = 0;
        const resumed = await runGraph(resumeGraph, { tools, checkpointer, resumeFrom: saved! });
        check(resumed.status === 'completed', `the resumed run should complete, not ${resumed.status}`);
        same(calls, [`b@${first.runId}:b:1`, `c@${first.runId}:c:1`], 'calls after resume');
        same(resumed.state, { trail: ['a', 'b', 'c'] }, 'final state');
      },
    },
  ];
}

const resumeGraph: GraphDocument = {
  format: 'weft.graph/1',
  id: 'conformance',
  name: 'Checkpointer conformance',
  state: { trail: { reducer: 'append', default: [] } },
  nodes: ['a', 'b', 'c'].map((id) => ({ id, tool: 'conformance.step', config: {} })),
  edges: [
    { id: 'ab', from: 'a', to: 'b' },
    { id: 'bc', from: 'b', to: 'c' },
  ],
};

function conformanceTools(calls: string[], gate: { open: boolean }) {
  const step = defineTool({
    id: 'conformance.step',
    title: 'Step',
    category: 'Test',
    description: 'Appends its node id; node b hangs until the gate opens or it is aborted.',
    config: z.object({}),
    async run(ctx) {
      calls.push(`${ctx.nodeId}@${ctx.idempotencyKey}`);
      if (ctx.nodeId === 'b' && !gate.open) {
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      }
      return { trail: ctx.nodeId };
    },
  });
  return createToolRegistry([...coreTools, step]);
}

function sampleCheckpoint(runId: string, seq: number): Checkpoint {
  return {
    version: 1,
    runId,
    graphId: 'conformance',
    seq,
    steps: seq,
    input: { text: 'naïve café ☕', nested: { list: [1, 2.5, null, true] } },
    state: { trail: ['a'], big: 9007199254740991, empty: {}, quote: 'it\'s "quoted"' },
    visits: { a: 1 },
    joins: { c: { bc: 'fired' } },
    backlog: {},
    held: {},
    loops: {},
    frontier: [{ nodeId: 'b', visit: 1 }],
    pending: [{ nodeId: 'approve', visit: 1, payload: { prompt: 'Ship?' } }],
  };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`checkpointer conformance: ${message}`);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = actual === undefined ? 'undefined' : canonicalJson(actual as JsonValue);
  const b = canonicalJson(expected as JsonValue);
  check(a === b, `${what}: expected ${b}, got ${a}`);
}
