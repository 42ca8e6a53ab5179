import { WeftError } from '../errors.ts';
import type { RunEvent } from '../events.ts';
import { compileGraph } from '../graph/compile-graph.ts';
import type { CompiledGraph } from '../graph/compiled.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { isPlainObject, type JsonObject, type JsonValue } from '../json.ts';
import { type Checkpointer, type Clock, systemClock } from '../ports.ts';
import { NotJsonError, toFrozenJson } from '../state/frozen-json.ts';
import { applyPatch, ReducerError } from '../state/reducers.ts';
import type { ToolServices } from '../tools/define-tool.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { Checkpoint } from './checkpoint.ts';
import { RunPlan } from './plan.ts';
import { RunLoop, type RunResult } from './run-loop.ts';

export interface RunGraphOptions {
  /** The tools the graph may use. */
  tools: ToolRegistry;
  /** The run input. When it is an object its keys are applied to the initial state through the reducers. */
  input?: JsonValue;
  /** Defaults to a random UUID; taken from `resumeFrom` when resuming. */
  runId?: string;
  /** Aborting it cancels the run: every in-flight node sees its own signal abort. */
  signal?: AbortSignal;
  /** Receives every event, synchronously and in `seq` order. */
  onEvent?: (event: RunEvent) => void;
  /** Receives a checkpoint after every node completion. */
  checkpointer?: Checkpointer;
  /** Continue a run from this checkpoint instead of starting afresh. */
  resumeFrom?: Checkpoint;
  /** Answer a pending interrupt; without `resumeFrom` the checkpoint is read from `checkpointer`. */
  resume?: { nodeId: string; value: JsonValue };
  clock?: Clock;
  /** Handed to every tool as `ctx.services`. */
  services?: ToolServices;
}

/**
 * Runs a graph to its end: `completed`, `failed`, `cancelled` or `waiting` (DESIGN §3). Rejects only
 * when the run cannot start (invalid graph or input, a resume that names no waiting node) or when the
 * checkpointer fails; everything that goes wrong inside the run is in the result.
 *
 * @example
 * const result = await runGraph(doc, { tools: createToolRegistry(coreTools), input: { n: 1 }, onEvent: console.log });
 * if (result.status === 'waiting') await runGraph(doc, { tools, checkpointer, runId: result.runId, resume: { nodeId: 'approve', value: true } });
 */
export async function runGraph(
  graph: GraphDocument | CompiledGraph,
  options: RunGraphOptions,
): Promise<RunResult> {
  const compiled = 'nodeById' in graph ? graph : compileGraph(graph, options.tools);
  let resumeFrom = options.resumeFrom;
  if (!resumeFrom && options.resume) {
    if (!options.checkpointer || !options.runId) {
      throw new WeftError('NOT_WAITING', 'to resume a run, pass resumeFrom, or a checkpointer and the runId');
    }
    resumeFrom = await options.checkpointer.get(options.runId);
    if (!resumeFrom) throw new WeftError('NOT_WAITING', `no checkpoint is stored for run '${options.runId}'`);
  }
  const runId = resumeFrom?.runId ?? options.runId ?? globalThis.crypto.randomUUID();
  const loop = new RunLoop(
    compiled,
    {
      runId,
      clock: options.clock ?? systemClock,
      services: options.services ?? {},
      onEvent: options.onEvent,
      checkpointer: options.checkpointer,
      signal: options.signal,
    },
    resumeFrom?.seq ?? 0,
  );

  if (resumeFrom) {
    const checkpoint = resumeFrom;
    if (checkpoint.version !== 1 || checkpoint.graphId !== compiled.doc.id) {
      throw new WeftError(
        'INVALID_CHECKPOINT',
        `the checkpoint belongs to graph '${checkpoint.graphId}', not '${compiled.doc.id}'`,
      );
    }
    return loop.run(() => {
      loop.plan = RunPlan.restore(compiled, checkpoint, loop);
      if (options.resume) {
        const value = toInput(options.resume.value, 'resume value');
        loop.plan.resumeNode(options.resume.nodeId, value);
        loop.event({ type: 'run.resumed', nodeId: options.resume.nodeId, value });
      } else {
        loop.event({ type: 'run.resumed' });
      }
    });
  }

  const input = toInput(options.input ?? null, 'input');
  let state = compiled.initialState;
  if (isPlainObject(input)) {
    try {
      state = applyPatch(state, input as JsonObject, compiled.reducers);
    } catch (err) {
      if (err instanceof ReducerError) throw new WeftError('INVALID_INPUT', `input: ${err.message}`);
      throw err;
    }
  }
  return loop.run(() => {
    loop.plan = new RunPlan(compiled, state, input, loop);
    loop.event({ type: 'run.started', graphId: compiled.doc.id, input, state });
    loop.plan.start();
  });
}

function toInput(value: JsonValue, what: string): JsonValue {
  try {
    return toFrozenJson(value, what);
  } catch (err) {
    if (err instanceof NotJsonError) throw new WeftError('INVALID_INPUT', err.message);
    throw err;
  }
}
