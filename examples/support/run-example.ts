import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type AnyTool,
  createMemoryCheckpointer,
  type GraphDocument,
  type JsonValue,
  type MemoryCheckpointer,
  type RunEvent,
  type RunResult,
  runGraph,
  type ToolServices,
} from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';

/** The repository root: where `weft run examples/<name>.json` is run from, and so the documents root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Reads `examples/<path>` as JSON. */
export function readExampleJson<T = JsonValue>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')) as T;
}

/** An example graph and its sample input (`<name>.json`, `<name>.input.json`). */
export function loadExample(name: string): { graph: GraphDocument; input: JsonValue } {
  return {
    graph: readExampleJson<GraphDocument>(`${name}.json`),
    input: readExampleJson(`${name}.input.json`),
  };
}

export interface ExampleRun {
  result: RunResult;
  events: RunEvent[];
  checkpointer: MemoryCheckpointer;
  /** Resumes a waiting run with an answer for one node, recording the new events too. */
  resume(nodeId: string, value: JsonValue): Promise<RunResult>;
}

/**
 * Runs an example the way `weft run` does in-process: the built-in tools (plus `extraTools`), the
 * repository root as documents root, no HTTP allow-list, and an in-memory checkpointer so a waiting run
 * can be resumed.
 */
export async function runExample(
  graph: GraphDocument,
  input: JsonValue,
  options: { services?: ToolServices; extraTools?: AnyTool[] } = {},
): Promise<ExampleRun> {
  const tools = createBuiltinRegistry(options.extraTools ?? []);
  const services: ToolServices = { documentsRoot: repoRoot, http: { allow: [] }, ...options.services };
  const checkpointer = createMemoryCheckpointer();
  const events: RunEvent[] = [];
  const onEvent = (event: RunEvent) => events.push(event);
  const result = await runGraph(graph, { tools, input, services, checkpointer, onEvent });
  return {
    result,
    events,
    checkpointer,
    resume: (nodeId, value) =>
      runGraph(graph, {
        tools,
        services,
        checkpointer,
        onEvent,
        runId: result.runId,
        resume: { nodeId, value },
      }),
  };
}

/** How many times each node completed, from a run's events. */
export function completions(events: RunEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) if (e.type === 'node.completed') out[e.nodeId] = (out[e.nodeId] ?? 0) + 1;
  return out;
}
