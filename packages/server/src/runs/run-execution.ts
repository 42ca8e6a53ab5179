import {
  applyPatch,
  type Checkpoint,
  type Checkpointer,
  type Clock,
  type CompiledGraph,
  isPlainObject,
  type JsonObject,
  type JsonValue,
  type RunEvent,
  type RunEventBody,
  type RunGraphOptions,
  runGraph,
  type ToolRegistry,
  type ToolServices,
  WeftError,
} from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';
import type { RunObserver } from '../observability/metrics.ts';
import type { RunRepository } from '../storage/store.ts';
import type { RunJob } from './run-queue.ts';
import { applyRunEvent, isFinished } from './run-record.ts';
import type { TrackedRun, WriteBatcher } from './write-batcher.ts';

/** What executing a run needs from the run manager. */
export interface ExecutionContext {
  runs: RunRepository;
  tools: ToolRegistry;
  services: ToolServices;
  clock: Clock;
  batcher: WriteBatcher;
  observer: RunObserver;
  logger: Logger;
}

export interface ExecutingRun {
  tracked: TrackedRun;
  graph: CompiledGraph;
  signal: AbortSignal;
}

/**
 * Executes one job through the engine until the run completes, fails, is cancelled or waits, and
 * until all of it is committed. Never throws: a run the engine cannot start or continue ends with a
 * `run.failed` event of our own. Resolves false when the database refused the run's writes.
 */
export async function executeRun(ctx: ExecutionContext, run: ExecutingRun, job: RunJob): Promise<boolean> {
  const { tracked, graph } = run;
  const options: RunGraphOptions = {
    tools: ctx.tools,
    runId: tracked.record.id,
    signal: run.signal,
    onEvent: (event) => recordEvent(ctx, run, event),
    checkpointer: checkpointerFor(ctx, run),
    services: ctx.services,
    clock: ctx.clock,
  };
  try {
    if (job.kind === 'start') {
      await runGraph(graph, { ...options, input: tracked.record.input });
    } else {
      const checkpoint = await ctx.runs.checkpoint(tracked.record.id);
      if (!checkpoint)
        throw new WeftError('INVALID_CHECKPOINT', `run '${tracked.record.id}' has no checkpoint`);
      // Events written after the checkpoint (nodes that were starting, logs) stay: numbering goes on after them.
      const resumeFrom: Checkpoint = { ...checkpoint, seq: tracked.record.lastSeq };
      await runGraph(graph, {
        ...options,
        resumeFrom,
        ...(job.kind === 'resume' ? { resume: { nodeId: job.nodeId, value: job.value } } : {}),
      });
    }
  } catch (error) {
    failOutsideEngine(ctx, tracked, error);
  }
  await ctx.batcher.durable().catch(() => {});
  return !ctx.batcher.isBroken(tracked.record.id);
}

/** The engine's `onEvent`: fold into the record, buffer for the next commit, report. */
function recordEvent(ctx: ExecutionContext, run: ExecutingRun, event: RunEvent): void {
  const { tracked } = run;
  applyRunEvent(tracked.record, event);
  ctx.batcher.event(tracked, {
    runId: event.runId,
    seq: event.seq,
    type: event.type,
    nodeId: 'nodeId' in event && event.nodeId !== undefined ? event.nodeId : null,
    ts: event.ts,
    json: JSON.stringify(event),
  });
  switch (event.type) {
    case 'node.completed':
      ctx.observer.nodeCompleted(
        run.graph.nodeById.get(event.nodeId)?.tool.id ?? 'unknown',
        event.durationMs,
      );
      return;
    case 'node.failed':
      if (!event.willRetry)
        ctx.logger.debug({ runId: event.runId, nodeId: event.nodeId, error: event.error }, 'node failed');
      return;
    case 'node.log':
      ctx.logger.debug({ runId: event.runId, nodeId: event.nodeId, level: event.level }, event.message);
      return;
    case 'run.failed':
      ctx.logger.warn({ runId: event.runId, nodeId: event.error.nodeId, error: event.error }, 'run failed');
      return;
    default:
      return;
  }
}

function checkpointerFor(ctx: ExecutionContext, run: ExecutingRun): Checkpointer {
  return {
    put: (_runId, checkpoint) => {
      const record = run.tracked.record;
      // A waiting, failed or cancelled run shows the state it stopped with (completed runs carry theirs in the event).
      if (record.status !== 'running' && record.status !== 'completed')
        record.state = outputState(run.graph, checkpoint.state);
      return ctx.batcher.checkpoint(run.tracked, checkpoint);
    },
    get: (runId) => ctx.runs.checkpoint(runId),
  };
}

/** The engine refused to start or continue the run: end it with a `run.failed` of our own. */
function failOutsideEngine(ctx: ExecutionContext, tracked: TrackedRun, error: unknown): void {
  const record = tracked.record;
  if (isFinished(record.status) || record.status === 'waiting') {
    ctx.logger.error({ runId: record.id, err: error }, 'storing the end of a run failed');
    return;
  }
  const code = error instanceof WeftError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'INTERNAL') ctx.logger.error({ runId: record.id, err: error }, 'run crashed');
  emitEvent(ctx, tracked, { type: 'run.failed', error: { code, message } });
}

/** Writes an event the engine did not emit (cancel of a queued or waiting run, a run that cannot go on). */
export function emitEvent(
  ctx: Pick<ExecutionContext, 'batcher' | 'clock'>,
  tracked: TrackedRun,
  body: RunEventBody,
): void {
  const event = { ...body, runId: tracked.record.id, seq: tracked.record.lastSeq + 1, ts: ctx.clock.now() };
  applyRunEvent(tracked.record, event as RunEvent);
  ctx.batcher.event(tracked, {
    runId: event.runId,
    seq: event.seq,
    type: event.type,
    nodeId: null,
    ts: event.ts,
    json: JSON.stringify(event),
  });
}

/** Rejects an input the graph's reducers cannot take, before the run is accepted. */
export function checkInput(graph: CompiledGraph, input: JsonValue): void {
  if (!isPlainObject(input)) return;
  try {
    applyPatch(graph.initialState, input as JsonObject, graph.reducers);
  } catch (error) {
    throw new ServerError(
      'INVALID_INPUT',
      `input: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The state as a run shows it: filtered by the graph's `output` keys when it lists some. */
export function outputState(graph: CompiledGraph, state: JsonObject): JsonObject {
  if (!graph.output) return state;
  const out: JsonObject = {};
  for (const key of graph.output) if (Object.hasOwn(state, key)) out[key] = state[key]!;
  return out;
}
