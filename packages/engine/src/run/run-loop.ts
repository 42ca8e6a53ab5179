import type { NodeError } from '../errors.ts';
import type { PendingInterrupt, RunEvent, RunEventBody } from '../events.ts';
import type { CompiledGraph } from '../graph/compiled.ts';
import { isPlainObject, type JsonObject, type JsonValue } from '../json.ts';
import type { Checkpointer, Clock } from '../ports.ts';
import { toFrozenJson } from '../state/frozen-json.ts';
import type { ToolServices } from '../tools/define-tool.ts';
import { type AttemptHost, InterruptSignal, NodeContext } from './node-context.ts';
import type { Activation, PlanSink, RunPlan } from './plan.ts';
import { type AttemptError, backoffDelay, toAttemptError } from './retry.ts';

export type RunStatus = 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

/** How a call to `runGraph` ended (DESIGN §3.12). */
export interface RunResult {
  runId: string;
  status: Exclude<RunStatus, 'queued' | 'running'>;
  /** The final state, filtered by the graph's `output` keys when it has them. */
  state: JsonObject;
  error?: NodeError;
  pending?: PendingInterrupt[];
  /** The seq of the last event of this call. */
  lastSeq: number;
}

export interface LoopOptions {
  runId: string;
  clock: Clock;
  services: ToolServices;
  onEvent: ((event: RunEvent) => void) | undefined;
  checkpointer: Checkpointer | undefined;
  signal: AbortSignal | undefined;
}

/**
 * The run loop: owns the ready queue, the per-run concurrency limit, attempts with retry and timeout,
 * the event sequence and checkpoint I/O. The decisions themselves come from `RunPlan`.
 */
export class RunLoop implements PlanSink, AttemptHost {
  readonly runId: string;
  readonly services: ToolServices;
  plan!: RunPlan;
  private seq: number;
  private readonly queue: Activation[] = [];
  private head = 0;
  private running = 0;
  private readonly attempts = new Set<NodeContext>();
  /** Made on the first retry: most runs never wait for one. */
  private retrySleeps: AbortController | undefined;
  /** The first checkpoint write that failed: the run stops and `runGraph` rejects with it. */
  private storageError: unknown;
  private done = false;
  private pumping = false;
  private runTimer: unknown;
  private putChain: Promise<void> | undefined;
  private resolveRun!: (result: RunResult) => void;
  private rejectRun!: (error: unknown) => void;
  private readonly onAbort = () => this.finish('cancelled', undefined, 'the run was cancelled');

  constructor(
    private readonly graph: CompiledGraph,
    private readonly options: LoopOptions,
    lastSeq: number,
  ) {
    this.runId = options.runId;
    this.services = options.services;
    this.seq = lastSeq;
  }

  /** Starts (or continues) the run; `begin` creates or restores the plan and emits the opening events. */
  run(begin: () => void): Promise<RunResult> {
    const promise = new Promise<RunResult>((resolve, reject) => {
      this.resolveRun = resolve;
      this.rejectRun = reject;
    });
    const { signal, clock } = this.options;
    begin();
    if (signal?.aborted) {
      this.finish('cancelled', undefined, 'the run was cancelled before it started');
      return promise;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.runTimer = clock.setTimer(() => {
      this.finish('failed', {
        code: 'RUN_TIMEOUT',
        message: `the run exceeded limits.timeoutMs (${this.graph.limits.timeoutMs} ms)`,
      });
    }, this.graph.limits.timeoutMs);
    this.afterStep();
    return promise;
  }

  // PlanSink

  event(body: RunEventBody): void {
    const seq = ++this.seq;
    const onEvent = this.options.onEvent;
    if (!onEvent) return;
    const event = body as RunEvent;
    event.runId = this.runId;
    event.seq = seq;
    event.ts = this.options.clock.now();
    onEvent(event);
  }

  ready(activation: Activation): void {
    this.queue.push(activation);
  }

  // AttemptHost

  emitFrom(_ctx: NodeContext, body: RunEventBody): void {
    if (!this.done) this.event(body);
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.options.clock.sleep(ms, signal);
  }

  // Scheduling

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const limit = this.graph.limits.concurrency;
    while (!this.done && this.running < limit && this.head < this.queue.length) {
      const act = this.queue[this.head++]!;
      this.running++;
      this.startAttempt(act, 1);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.pumping = false;
  }

  private startAttempt(act: Activation, attempt: number): void {
    const clock = this.options.clock;
    const ctx = new NodeContext(this, act, this.plan.state, this.plan.input, attempt, clock.now());
    this.attempts.add(ctx);
    if (act.overLimit) {
      queueMicrotask(() => this.attemptFailed(ctx, this.loopLimitError(act)));
      return;
    }
    let result: unknown;
    {
      this.event({ type: 'node.started', nodeId: act.node.id, visit: act.visit, attempt });
      try {
        result = act.node.tool.run(ctx);
      } catch (err) {
        result = Promise.reject(err);
      }
      const timeoutMs = act.node.timeoutMs;
      if (timeoutMs !== undefined) {
        ctx.timer = clock.setTimer(() => {
          if (ctx.closed) return;
          const error: AttemptError = {
            code: 'TIMEOUT',
            message: `node '${act.node.id}' attempt ${attempt} did not finish within ${timeoutMs} ms`,
            nodeId: act.node.id,
            retryable: true,
          };
          this.attemptFailed(ctx, error);
          ctx.abort(error);
        }, timeoutMs);
      }
    }
    Promise.resolve(result).then(
      (value) => this.attemptSucceeded(ctx, value),
      (err) => {
        if (ctx.closed || this.done) return;
        if (err instanceof InterruptSignal) this.attemptInterrupted(ctx, err.payload);
        else this.attemptFailed(ctx, toAttemptError(err, act.node.id));
      },
    );
  }

  private close(ctx: NodeContext): void {
    ctx.closed = true;
    if (ctx.timer !== undefined) this.options.clock.clearTimer(ctx.timer);
    this.attempts.delete(ctx);
  }

  private attemptSucceeded(ctx: NodeContext, value: unknown): void {
    if (ctx.closed || this.done) return;
    this.close(ctx);
    const act = ctx.activation;
    let patch: JsonObject | undefined;
    if (value !== undefined && value !== null) {
      if (!isPlainObject(value)) {
        const kind = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
        this.failFinal(ctx, {
          code: 'INVALID_PATCH',
          message: `node '${act.node.id}' returned ${kind}; return an object (the patch) or nothing`,
          nodeId: act.node.id,
        });
        return;
      }
      try {
        patch = toFrozenJson(value, 'patch') as JsonObject;
      } catch (err) {
        this.failFinal(ctx, toAttemptError(err, act.node.id));
        return;
      }
    }
    const error = this.plan.complete(act, patch, this.options.clock.now() - ctx.startedAt);
    if (error) {
      this.failFinal(ctx, error);
      return;
    }
    this.running--;
    this.afterStep();
  }

  private attemptInterrupted(ctx: NodeContext, payload: JsonValue): void {
    this.close(ctx);
    this.running--;
    this.plan.interrupt(ctx.activation, payload);
    this.afterStep();
  }

  private attemptFailed(ctx: NodeContext, error: AttemptError): void {
    // An attempt closed by the end of the run (cancel, failure elsewhere) has nothing left to report.
    if (ctx.closed || this.done) return;
    this.close(ctx);
    const act = ctx.activation;
    const retry = act.node.retry;
    const willRetry = error.retryable && ctx.attempt < retry.maxAttempts && !this.done;
    if (!willRetry) {
      this.failFinal(ctx, error);
      return;
    }
    const { clock } = this.options;
    const delayMs = backoffDelay(retry, ctx.attempt, clock.random());
    const nodeError = { code: error.code, message: error.message, nodeId: act.node.id };
    this.event({
      type: 'node.failed',
      nodeId: act.node.id,
      visit: act.visit,
      error: nodeError,
      attempt: ctx.attempt,
      willRetry: true,
    });
    this.event({
      type: 'node.retrying',
      nodeId: act.node.id,
      visit: act.visit,
      attempt: ctx.attempt + 1,
      delayMs,
    });
    this.retrySleeps ??= new AbortController();
    clock.sleep(delayMs, this.retrySleeps.signal).then(
      () => {
        if (!this.done) this.startAttempt(act, ctx.attempt + 1);
      },
      () => {},
    );
  }

  /** The node failed for good: tell the plan, which routes it through `onError` or fails the run. */
  private failFinal(ctx: NodeContext, error: NodeError): void {
    const act = ctx.activation;
    const nodeError: NodeError = { code: error.code, message: error.message, nodeId: act.node.id };
    this.event({
      type: 'node.failed',
      nodeId: act.node.id,
      visit: act.visit,
      error: nodeError,
      attempt: ctx.attempt,
      willRetry: false,
    });
    this.running--;
    this.plan.fail(act, nodeError);
    this.afterStep();
  }

  private afterStep(): void {
    if (this.done) return;
    if (this.plan.failure) {
      this.finish('failed', this.plan.failure);
      return;
    }
    this.pump();
    if (this.done) return;
    this.checkpoint();
    if (this.running === 0 && this.head === this.queue.length) {
      if (this.plan.pending.size > 0) this.finish('waiting');
      else this.finish('completed');
    }
  }

  private checkpoint(): void {
    const checkpointer = this.options.checkpointer;
    if (!checkpointer) return;
    const written = checkpointer.put(this.runId, this.plan.snapshot(this.runId, this.seq));
    if (written && typeof (written as Promise<void>).then === 'function') {
      // Handled at once, so a failing store never leaves an unhandled rejection behind; the failure
      // stops the run instead of letting it go on without durability.
      const handled = (written as Promise<void>).then(undefined, (err: unknown) => this.storageFailed(err));
      const previous = this.putChain;
      this.putChain = previous ? previous.then(() => handled) : handled;
    }
  }

  private finish(status: RunResult['status'], error?: NodeError, reason?: string): void {
    if (this.done) return;
    this.done = true;
    const { clock, signal } = this.options;
    if (this.runTimer !== undefined) clock.clearTimer(this.runTimer);
    signal?.removeEventListener('abort', this.onAbort);
    this.retrySleeps?.abort(new Error(`run ${status}`));
    if (status === 'failed' || status === 'cancelled') {
      const abortReason =
        status === 'cancelled'
          ? new Error(reason ?? 'the run was cancelled')
          : new Error(`the run failed: ${error?.message}`);
      for (const ctx of this.attempts) {
        if (ctx.timer !== undefined) clock.clearTimer(ctx.timer);
        ctx.abort(abortReason);
      }
      this.attempts.clear();
    }

    const state = this.outputState();
    const result: RunResult = { runId: this.runId, status, state, lastSeq: 0 };
    if (status === 'completed') this.event({ type: 'run.completed', state });
    else if (status === 'failed') {
      result.error = error!;
      this.event({ type: 'run.failed', error: error! });
    } else if (status === 'cancelled')
      this.event({ type: 'run.cancelled', reason: reason ?? 'the run was cancelled' });
    else {
      result.pending = [...this.plan.pending.values()].map(({ nodeId, visit, payload }) => ({
        nodeId,
        visit,
        payload,
      }));
      this.event({ type: 'run.waiting', pending: result.pending });
    }
    result.lastSeq = this.seq;
    this.checkpoint();
    const settle = () => this.resolveRun(result);
    if (this.putChain)
      this.putChain.then(() =>
        this.storageError === undefined ? settle() : this.rejectRun(this.storageError),
      );
    else settle();
  }

  /**
   * A checkpoint could not be stored: the run cannot promise to resume from here, so it stops at once —
   * in-flight tools are aborted — and `runGraph` rejects with the store's error.
   */
  private storageFailed(err: unknown): void {
    if (this.storageError !== undefined) return;
    this.storageError = err;
    this.rejectRun(err);
    if (this.done) return;
    this.done = true;
    const { clock, signal } = this.options;
    if (this.runTimer !== undefined) clock.clearTimer(this.runTimer);
    signal?.removeEventListener('abort', this.onAbort);
    this.retrySleeps?.abort(err);
    for (const ctx of this.attempts) {
      if (ctx.timer !== undefined) clock.clearTimer(ctx.timer);
      ctx.abort(err);
    }
    this.attempts.clear();
  }

  private outputState(): JsonObject {
    const keys = this.graph.output;
    const state = this.plan.state;
    if (!keys) return state;
    const out: JsonObject = {};
    for (const key of keys) if (Object.hasOwn(state, key)) out[key] = state[key]!;
    return Object.freeze(out);
  }

  private loopLimitError(act: Activation): AttemptError {
    return {
      code: 'LOOP_LIMIT',
      message: `node '${act.node.id}' was activated ${act.visit} times; its maxVisits is ${act.node.maxVisits}`,
      nodeId: act.node.id,
      retryable: false,
    };
  }
}
