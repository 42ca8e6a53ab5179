import {
  type Clock,
  type CompiledGraph,
  type JsonValue,
  systemClock,
  type ToolRegistry,
  type ToolServices,
} from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';
import { type RunObserver, silentObserver } from '../observability/metrics.ts';
import { newRunId } from '../storage/run-id.ts';
import type { RunRecord, Store } from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';
import type { GraphCatalog, RunSource } from './graph-catalog.ts';
import { checkInput, type ExecutionContext, emitEvent, executeRun } from './run-execution.ts';
import type { RunJob, RunQueue } from './run-queue.ts';
import { isFinished } from './run-record.ts';
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

/** A run the manager accepted: the run as accepted (queued), when its row is durable, and when it stops. */
export interface AcceptedRun {
  /** The run as it was accepted: `queued`, with `lastSeq` the seq to follow its new events after. */
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
  fail(error: Error): void;
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
  private readonly execution: ExecutionContext;
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
      onError: (error, ids) => {
        options.logger.error(
          { err: error, runIds: ids },
          'writing runs failed; their execution stops here and they resume from their last checkpoint at the next start',
        );
        for (const id of ids) this.active.get(id)?.controller.abort(new Error('the database write failed'));
      },
    });
    this.execution = {
      runs: options.store.runs,
      tools: options.tools,
      services: this.services,
      clock: this.clock,
      batcher: this.batcher,
      observer: this.observer,
      logger: options.logger,
    };
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

  /** A graph was saved or deleted: runs started from now on use its new latest version. */
  graphChanged(graphId: string): void {
    this.options.catalog.graphChanged(graphId);
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
    const snapshot = { ...record };
    this.options.queue.push({ kind: 'start', runId: record.id });
    return { record: snapshot, accepted, done: run.done };
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
      const snapshot = { ...record };
      this.options.queue.push({ kind: 'resume', runId, nodeId, value });
      return { record: snapshot, accepted, done: run.done };
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
        emitEvent(this.execution, queued.tracked, { type: 'run.cancelled', reason });
        await this.batcher.durable();
        this.release(queued);
        return { ...queued.tracked.record };
      }
      const record = await this.load(runId);
      if (isFinished(record.status))
        throw new ServerError('RUN_FINISHED', `run '${runId}' already ended: it is ${record.status}`);
      // Waiting (or left by another process): take its lease, so nobody else writes to it, and end it.
      const tracked = await this.takeOver(record);
      emitEvent(this.execution, tracked, { type: 'run.cancelled', reason });
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
        emitEvent(this.execution, tracked, {
          type: 'run.failed',
          error: { code: 'GRAPH_NOT_FOUND', message },
        });
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
    const persisted = await executeRun(this.execution, { ...run, signal: run.controller.signal }, job);
    this.release(run, persisted);
  }

  private track(tracked: TrackedRun, graph: CompiledGraph): ActiveRun {
    let settle!: (record: RunRecord) => void;
    let fail!: (error: Error) => void;
    const done = new Promise<RunRecord>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // Nobody may be waiting for this run (a 202 answer); its failure is logged where it happens.
    done.catch(() => {});
    const run: ActiveRun = {
      tracked,
      graph,
      controller: new AbortController(),
      executing: false,
      done,
      settle,
      fail,
    };
    this.active.set(tracked.record.id, run);
    return run;
  }

  private release(run: ActiveRun, persisted = true): void {
    const record = { ...run.tracked.record };
    this.active.delete(record.id);
    if (!persisted) {
      run.fail(
        new ServerError(
          'DATABASE_UNAVAILABLE',
          `run '${record.id}' could not be stored; it resumes at the next start`,
        ),
      );
      return;
    }
    this.options.logger.debug(
      { runId: record.id, status: record.status, lastSeq: record.lastSeq },
      'run stopped',
    );
    if (isFinished(record.status) || record.status === 'waiting')
      this.observer.runEnded(record.status as 'completed' | 'failed' | 'cancelled' | 'waiting');
    run.settle(record);
  }

  private async takeOver(record: RunRecord): Promise<TrackedRun> {
    const leaseVersion = await this.options.store.runs.claim(record.id, this.owner);
    if (leaseVersion === undefined) throw new ServerError('RUN_NOT_FOUND', `no run '${record.id}'`);
    this.batcher.reset(record.id);
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
