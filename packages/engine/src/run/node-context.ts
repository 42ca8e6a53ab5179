import type { LogLevel, RunEventBody } from '../events.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { toFrozenJson } from '../state/frozen-json.ts';
import type { ToolContext, ToolLog, ToolServices } from '../tools/define-tool.ts';
import type { Activation } from './plan.ts';

/** Thrown by `ctx.interrupt`; the run loop catches it and suspends the node. Tools must not swallow it. */
export class InterruptSignal {
  constructor(readonly payload: JsonValue) {}
}

/** What a node context needs from the run loop. */
export interface AttemptHost {
  readonly runId: string;
  readonly services: ToolServices;
  emitFrom(ctx: NodeContext, body: RunEventBody): void;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * The `ctx` of one attempt of one node. Members that cost something to build (the AbortSignal, the
 * logger) are made on first use, so a tool that never reads them never pays for them.
 */
export class NodeContext implements ToolContext {
  readonly state: JsonObject;
  readonly config: unknown;
  readonly input: JsonValue;
  readonly runId: string;
  readonly nodeId: string;
  readonly visit: number;
  readonly attempt: number;
  readonly resume: JsonValue | undefined;
  readonly services: ToolServices;
  readonly startedAt: number;
  /** Set once the attempt's outcome is decided; later calls from the tool are ignored. */
  closed = false;
  timer: unknown;

  private controller: AbortController | undefined;
  private abortReason: unknown;
  private logger: ToolLog | undefined;
  /** How many times this attempt called `interrupt`: the next call gets that answer. */
  private asked = 0;

  constructor(
    private readonly host: AttemptHost,
    readonly activation: Activation,
    state: JsonObject,
    input: JsonValue,
    attempt: number,
    startedAt: number,
  ) {
    this.state = state;
    this.config = activation.node.config;
    this.input = input;
    this.runId = host.runId;
    this.nodeId = activation.node.id;
    this.visit = activation.visit;
    this.attempt = attempt;
    this.resume = activation.answers.at(-1);
    this.services = host.services;
    this.startedAt = startedAt;
  }

  get idempotencyKey(): string {
    return `${this.runId}:${this.nodeId}:${this.visit}`;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason !== undefined) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts the attempt's signal (cancel, run failure, timeout) and closes the context. */
  abort(reason: unknown): void {
    this.closed = true;
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  get log(): ToolLog {
    if (!this.logger) {
      const write = (level: LogLevel) => (message: string) =>
        this.write({
          type: 'node.log',
          nodeId: this.nodeId,
          visit: this.visit,
          level,
          message: String(message),
        });
      const info = write('info');
      this.logger = Object.assign((message: string) => info(message), {
        debug: write('debug'),
        info,
        warn: write('warn'),
        error: write('error'),
      });
    }
    return this.logger;
  }

  get progress(): (ratio: number, message?: string) => void {
    return (ratio, message) => {
      const clamped = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
      this.write(
        message === undefined
          ? { type: 'node.progress', nodeId: this.nodeId, visit: this.visit, ratio: clamped }
          : {
              type: 'node.progress',
              nodeId: this.nodeId,
              visit: this.visit,
              ratio: clamped,
              message: String(message),
            },
      );
    };
  }

  get emit(): (chunk: JsonValue) => void {
    return (chunk) =>
      this.write({
        type: 'node.stream',
        nodeId: this.nodeId,
        visit: this.visit,
        chunk: toFrozenJson(chunk, 'chunk'),
      });
  }

  get interrupt(): (payload: JsonValue) => JsonValue {
    return (payload) => {
      const answer = this.asked++;
      if (answer < this.activation.answers.length) return this.activation.answers[answer]!;
      throw new InterruptSignal(toFrozenJson(payload ?? null, 'payload'));
    };
  }

  get sleep(): (ms: number) => Promise<void> {
    return (ms) => this.host.sleep(ms, this.signal);
  }

  private write(body: RunEventBody): void {
    if (!this.closed) this.host.emitFrom(this, body);
  }
}
