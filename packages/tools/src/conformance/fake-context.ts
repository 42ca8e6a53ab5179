import {
  type JsonObject,
  type JsonValue,
  type ToolContext,
  type ToolServices,
  toFrozenJson,
} from '@weft/engine';

/** Thrown by the kit's `interrupt`, like the engine's: the tool asked a person and suspended. */
export class KitInterrupt {
  constructor(readonly payload: JsonValue) {}
}

export interface Recorded {
  logs: Array<{ level: string; message: string }>;
  chunks: JsonValue[];
  progress: number[];
  interrupts: JsonValue[];
  /** Problems found while the tool ran (non-JSON chunks, bad progress values). */
  problems: string[];
}

/** A `ToolContext` like the engine's, recording what the tool does with it. */
export function createKitContext(options: {
  config: unknown;
  state: JsonObject;
  input: JsonValue;
  services: ToolServices;
  signal: AbortSignal;
  /** The answers to the tool's interrupts, in the order it asks (the engine replays them so). */
  answers: readonly JsonValue[];
}): { ctx: ToolContext; recorded: Recorded } {
  let asked = 0;
  const recorded: Recorded = { logs: [], chunks: [], progress: [], interrupts: [], problems: [] };
  const write = (level: string) => (message: string) => {
    if (typeof message !== 'string')
      recorded.problems.push(`log.${level} was given a ${typeof message}, not a string`);
    recorded.logs.push({ level, message: String(message) });
  };
  const log = Object.assign(write('info'), {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  });
  const ctx: ToolContext = {
    state: toFrozenJson(options.state, 'state') as JsonObject,
    config: options.config,
    input: toFrozenJson(options.input, 'input'),
    signal: options.signal,
    runId: 'conformance-run',
    nodeId: 'conformance-node',
    visit: 1,
    attempt: 1,
    idempotencyKey: 'conformance-run:conformance-node:1',
    resume: options.answers.at(-1),
    services: options.services,
    log,
    progress: (ratio, message) => {
      if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
        recorded.problems.push(`progress(${ratio}) is outside [0, 1]`);
      if (message !== undefined && typeof message !== 'string')
        recorded.problems.push('progress message is not a string');
      recorded.progress.push(ratio);
    },
    emit: (chunk) => {
      try {
        recorded.chunks.push(toFrozenJson(chunk, 'chunk'));
      } catch (err) {
        recorded.problems.push(`emit: ${(err as Error).message}`);
      }
    },
    interrupt: (payload) => {
      const answer = asked++;
      if (answer < options.answers.length) return options.answers[answer]!;
      try {
        recorded.interrupts.push(toFrozenJson(payload ?? null, 'payload'));
      } catch (err) {
        recorded.problems.push(`interrupt: ${(err as Error).message}`);
      }
      throw new KitInterrupt(payload);
    },
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (options.signal.aborted) {
          reject(options.signal.reason);
          return;
        }
        const timer = setTimeout(resolve, ms);
        options.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(options.signal.reason);
          },
          { once: true },
        );
      }),
  };
  return { ctx, recorded };
}
