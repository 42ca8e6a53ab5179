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
  systemClock,
  type ToolRegistry,
  type ToolServices,
  WeftError,
} from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';
import { type RunObserver, silentObserver } from '../observability/metrics.ts';
import type { RunRecord, Store } from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';
import type { GraphCatalog, RunSource } from './graph-catalog.ts';
import { newRunId } from './run-id.ts';
import type { RunJob, RunQueue } from './run-queue.ts';
import { applyRunEvent, isFinished } from './run-record.ts';
import { type TrackedRun, WriteBatcher } from './write-batcher.ts';

export interface RunManagerOptions {
  store: Store;
  tools: ToolRegistry;
  catalog: GraphCatalog;
  bus: EventBus;
  queue: RunQueue;
  logger: Logger;
  /** Handed to every tool (including the sub-graph runner). */
  services?: ToolServices;
  observer?: RunObserver;
  /** Names this process in run leases. */
  owner?: string;
  clock?: Clock;
}

/** A run the manager accepted: its live record, when its row is durable, and when it stops. */
export interface AcceptedRun {
  record: RunRecord;
  /** Resolves once the run's row (and everything before it) is committed. */
  accepted: Promise<void>;
  /** Resolves with the run once it is completed, failed, cancelled or waiting, and durably so. */
  done: Promise<RunRecord>;
}

interface ActiveRun {
  tracked: TrackedRun;
  graph: CompiledGraph;
  controller: AbortController;
  executing: boolean;
  done: Promise<RunRecord>;
  settle(record: RunRecord): void;
}

/**
 * Runs graphs durably: starts runs through the engine, writes each node's events with the checkpoint
 * that follows through the group-committing `WriteBatcher`, enforces the server-wide concurrency limit
 * through the `RunQueue`, cancels and resumes, and picks up after a restart the runs a previous process
 * left unfinished.
 *
 * @example
 * const { done } = await manager.start({ graphId: 'hello' }, { target: 3 });
 * const run = await done; // completed, failed, cancelled or waiting
 */
export class RunManager {
  readonly batcher: WriteBatcher;
  private readonly active = new Map<string, ActiveRun>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly observer: RunObserver;
  private readonly owner: string;
  private readonly clock: Clock;
  private readonly services: ToolServices;
  private closing = false;

  constructor(private readonly options: RunManagerOptions) {
    this.observer = options.observer ?? silentObserver;
    this.owner = options.owner ?? `weft-${process.pid}`;
    this.clock = options.clock ?? systemClock;
    this.services = options.services ?? {};
    this.batcher = new WriteBatcher(options.store.runs, options.bus, {
      now: () => this.clock.now(),
      onCommit: (stats) => this.observer.committed(stats),
      onFenced: (ids) => {
        for (const id of ids) {
          options.logger.warn(
            { runId: id },
            'another process took the run over; this one stops executing it',
          );
          this.active.get(id)?.controller.abort(new Error('lease lost'));
        }
      },
      onError: (error) => options.logger.error({ err: error }, 'writing run events failed'),
    });
    options.queue.process((job) => this.execute(job));
  }

  get activeRuns(): number {
    return this.options.queue.active;
  }

  get queueDepth(): number {
    return this.options.queue.depth;
  }

  get bus(): EventBus {
    return this.options.bus;
  }

  /** Starts a run of a saved graph or an unsaved document. Throws `ServerError`s for bad requests. */
  async start(source: RunSource, input: JsonValue = null): Promise<AcceptedRun> {
    this.assertOpen();
    const { graph, version } = await this.options.catalog.resolve(source);
    checkInput(graph, input);
    const now = this.clock.now();
    const record: RunRecord = {
      id: newRunId(now),
      graphId: graph.doc.id,
      graphVersion: version,
      status: 'queued',
      input,
      state: null,
      error: null,
      pending: [],
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      lastSeq: 0,
    };
    const tracked: TrackedRun = {
      record,
      leaseOwner: this.owner,
      leaseVersion: 1,
      document: version === null ? graph.doc : null,
    };
    const run = this.track(tracked, graph);
    const accepted = this.batcher.insert(tracked);
    this.observer.runStarted();
    this.options.queue.push({ kind: 'start', runId: record.id });
    return { record, accepted, done: run.done };
  }

  /** Answers a pending interrupt of a waiting run; the run continues from its checkpoint. */
  resume(runId: string, nodeId: string, value: JsonValue): Promise<AcceptedRun> {
    return this.exclusive(runId, async () => {
      this.assertOpen();
      if (this.active.has(runId))
        throw new ServerError('NOT_WAITING', `run '${runId}' is not waiting: it is running`);
      const record = await this.load(runId);
      if (record.status !== 'waiting')
        throw new ServerError('NOT_WAITING', `run '${runId}' is not waiting: it is ${record.status}`);
      if (!record.pending.some((p) => p.nodeId === nodeId)) {
        const waiting = record.pending.map((p) => `'${p.nodeId}'`).join(', ');
        throw new ServerError(
          'NOT_WAITING',
          `node '${nodeId}' of run '${runId}' is not waiting; ${waiting} is`,
          {
            pending: record.pending,
          },
        );
      }
      const graph = await this.options.catalog.forRun(record);
      const tracked = await this.takeOver(record);
      record.status = 'queued';
      const accepted = this.batcher.touch(tracked);
      const run = this.track(tracked, graph);
      this.options.queue.push({ kind: 'resume', runId, nodeId, value });
      return { record, accepted, done: run.done };
    });
  }

  /** Cancels a queued, running or waiting run; resolves with the cancelled run. */
  cancel(runId: string, reason = 'cancelled by request'): Promise<RunRecord> {
    const run = this.active.get(runId);
    if (run?.executing) {
      run.controller.abort(new Error(reason));
      return run.done;
    }
    return this.exclusive(runId, async () => {
      const queued = this.active.get(runId);
      if (queued) {
        if (queued.executing || !this.options.queue.remove(runId)) {
          queued.controller.abort(new Error(reason));
          return queued.done;
        }
        this.emit(queued.tracked, { type: 'run.cancelled', reason });
        await this.batcher.durable();
        this.release(queued);
        return { ...queued.tracked.record };
      }
      const record = await this.load(runId);
      if (isFinished(record.status))
        throw new ServerError('RUN_FINISHED', `run '${runId}' already ended: it is ${record.status}`);
      // Waiting (or left by another process): take its lease, so nobody else writes to it, and end it.
      const tracked = await this.takeOver(record);
      this.emit(tracked, { type: 'run.cancelled', reason });
      await this.batcher.durable();
      this.observer.runEnded('cancelled');
      return { ...record };
    });
  }

  /**
   * Picks up the runs a previous process left `queued` or `running`: each continues from its last
   * checkpoint (nodes that had completed do not run again; nodes that were in flight do, with the same
   * idempotency key). Waiting runs stay waiting.
   */
  async recover(): Promise<number> {
    const runs = await this.options.store.runs.unfinished();
    for (const record of runs) {
      const tracked = await this.takeOver(record);
      let graph: CompiledGraph;
      try {
        graph = await this.options.catalog.forRun(record);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.emit(tracked, { type: 'run.failed', error: { code: 'GRAPH_NOT_FOUND', message } });
        this.observer.runEnded('failed');
        continue;
      }
      this.track(tracked, graph);
      this.options.logger.info({ runId: record.id, lastSeq: record.lastSeq }, 'resuming a run after restart');
      this.options.queue.push({ kind: record.lastSeq === 0 ? 'start' : 'recover', runId: record.id });
    }
    await this.batcher.durable();
    return runs.length;
  }

  /** Cancels every waiting run of a graph (its versions are being deleted, so they could never resume). */
  async cancelWaiting(graphId: string): Promise<void> {
    for (;;) {
      const { runs } = await this.options.store.runs.list({ graphId, status: 'waiting', limit: 100 });
      const saved = runs.filter((r) => r.graphVersion !== null);
      if (saved.length === 0) return;
      for (const run of saved) await this.cancel(run.id, 'the graph was deleted').catch(() => {});
    }
  }

  /**
   * Stops taking runs, lets those in flight finish for up to `graceMs`, then writes what is buffered.
   * Runs still going are left `running` in the database: the next start resumes them.
   */
  async close(graceMs = 5000): Promise<void> {
    this.closing = true;
    const drained = this.options.queue.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    await this.batcher.close();
  }

  private async execute(job: RunJob): Promise<void> {
    const run = this.active.get(job.runId);
    if (!run || run.executing) return;
    run.executing = true;
    const { tracked, graph } = run;
    const options: RunGraphOptions = {
      tools: this.options.tools,
      runId: tracked.record.id,
      signal: run.controller.signal,
      onEvent: (event) => this.record(run, event),
      checkpointer: this.checkpointer(run),
      services: this.services,
      clock: this.clock,
    };
    try {
      if (job.kind === 'start') {
        await runGraph(graph, { ...options, input: tracked.record.input });
      } else {
        const checkpoint = await this.options.store.runs.checkpoint(tracked.record.id);
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
      this.failOutsideEngine(tracked, error);
    }
    await this.batcher.durable().catch(() => {});
    this.release(run);
  }

  /** The engine's `onEvent`: fold into the record, buffer for the next commit, report. */
  private record(run: ActiveRun, event: RunEvent): void {
    const { tracked } = run;
    applyRunEvent(tracked.record, event);
    this.batcher.event(tracked, {
      runId: event.runId,
      seq: event.seq,
      type: event.type,
      nodeId: 'nodeId' in event && event.nodeId !== undefined ? event.nodeId : null,
      ts: event.ts,
      json: JSON.stringify(event),
    });
    switch (event.type) {
      case 'node.completed':
        this.observer.nodeCompleted(
          run.graph.nodeById.get(event.nodeId)?.tool.id ?? 'unknown',
          event.durationMs,
        );
        return;
      case 'node.failed':
        if (!event.willRetry)
          this.options.logger.debug(
            { runId: event.runId, nodeId: event.nodeId, error: event.error },
            'node failed',
          );
        return;
      case 'run.failed':
        this.options.logger.warn(
          { runId: event.runId, nodeId: event.error.nodeId, error: event.error },
          'run failed',
        );
        return;
      default:
        return;
    }
  }

  private checkpointer(run: ActiveRun): Checkpointer {
    return {
      put: (_runId, checkpoint) => {
        const record = run.tracked.record;
        // A waiting, failed or cancelled run shows the state it stopped with (completed runs carry theirs in the event).
        if (record.status !== 'running' && record.status !== 'completed')
          record.state = outputState(run.graph, checkpoint.state);
        return this.batcher.checkpoint(run.tracked, checkpoint);
      },
      get: (runId) => this.options.store.runs.checkpoint(runId),
    };
  }

  /** The engine refused to start or continue the run: end it with a `run.failed` of our own. */
  private failOutsideEngine(tracked: TrackedRun, error: unknown): void {
    const record = tracked.record;
    if (isFinished(record.status) || record.status === 'waiting') {
      this.options.logger.error({ runId: record.id, err: error }, 'storing the end of a run failed');
      return;
    }
    const code = error instanceof WeftError ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'INTERNAL') this.options.logger.error({ runId: record.id, err: error }, 'run crashed');
    this.emit(tracked, { type: 'run.failed', error: { code, message } });
  }

  /** Writes an event the engine did not emit (cancel of a queued or waiting run, a run that cannot go on). */
  private emit(tracked: TrackedRun, body: RunEventBody): void {
    const event = {
      ...body,
      runId: tracked.record.id,
      seq: tracked.record.lastSeq + 1,
      ts: this.clock.now(),
    };
    applyRunEvent(tracked.record, event as RunEvent);
    if (event.type === 'run.failed' || event.type === 'run.cancelled') tracked.record.pending = [];
    this.batcher.event(tracked, {
      runId: event.runId,
      seq: event.seq,
      type: event.type,
      nodeId: null,
      ts: event.ts,
      json: JSON.stringify(event),
    });
  }

  private track(tracked: TrackedRun, graph: CompiledGraph): ActiveRun {
    let settle!: (record: RunRecord) => void;
    const done = new Promise<RunRecord>((resolve) => (settle = resolve));
    const run: ActiveRun = {
      tracked,
      graph,
      controller: new AbortController(),
      executing: false,
      done,
      settle,
    };
    this.active.set(tracked.record.id, run);
    return run;
  }

  private release(run: ActiveRun): void {
    const record = { ...run.tracked.record };
    this.active.delete(record.id);
    if (isFinished(record.status) || record.status === 'waiting')
      this.observer.runEnded(record.status as 'completed' | 'failed' | 'cancelled' | 'waiting');
    run.settle(record);
  }

  private async takeOver(record: RunRecord): Promise<TrackedRun> {
    const leaseVersion = await this.options.store.runs.claim(record.id, this.owner);
    if (leaseVersion === undefined) throw new ServerError('RUN_NOT_FOUND', `no run '${record.id}'`);
    return { record, leaseOwner: this.owner, leaseVersion, document: null };
  }

  private async load(runId: string): Promise<RunRecord> {
    const record = await this.options.store.runs.get(runId);
    if (!record) throw new ServerError('RUN_NOT_FOUND', `no run '${runId}'`);
    return record;
  }

  /** Serialises control operations (resume, cancel) on one run. */
  private exclusive<T>(runId: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(runId) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const tail = next.catch(() => {});
    this.locks.set(runId, tail);
    tail.then(() => {
      if (this.locks.get(runId) === tail) this.locks.delete(runId);
    });
    return next;
  }

  private assertOpen(): void {
    if (this.closing)
      throw new ServerError('SHUTTING_DOWN', 'the server is shutting down; try again shortly');
  }
}

/** Rejects an input the graph's reducers cannot take, before the run is accepted. */
function checkInput(graph: CompiledGraph, input: JsonValue): void {
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

function outputState(graph: CompiledGraph, state: JsonObject): JsonObject {
  if (!graph.output) return state;
  const out: JsonObject = {};
  for (const key of graph.output) if (Object.hasOwn(state, key)) out[key] = state[key]!;
  return out;
}
