import type { AnyTool, JsonObject, JsonValue, ToolServices } from '@weft/engine';
import { createKitContext, KitInterrupt, type Recorded } from '../conformance/fake-context.ts';

export interface RunToolOptions {
  config?: unknown;
  state?: JsonObject;
  input?: JsonValue;
  services?: ToolServices;
  signal?: AbortSignal;
  /** Run as if resumed with this value after an interrupt. */
  resume?: JsonValue;
  /** Run as if resumed several times: the answers to successive interrupts, in order. */
  answers?: JsonValue[];
}

export interface RunToolResult extends Omit<Recorded, 'problems'> {
  /** The patch, or `undefined` when the tool returned nothing or interrupted. */
  patch: JsonObject | undefined;
  /** The payload when the tool called `interrupt`. */
  interrupted?: JsonValue;
}

/**
 * Runs one tool outside a graph, the way the engine would: the config goes through the tool's schema
 * (defaults applied, invalid config throws), the state is frozen, and logs, stream chunks and
 * interrupts are recorded. Errors the tool throws propagate.
 *
 * @example
 * const { patch } = await runTool(textSentiment, { state: { text: 'I love it' } });
 */
export async function runTool(tool: AnyTool, options: RunToolOptions = {}): Promise<RunToolResult> {
  const state = options.state ?? {};
  const { ctx, recorded } = createKitContext({
    config: tool.config.parse(options.config ?? {}),
    state,
    input: options.input ?? state,
    services: options.services ?? {},
    signal: options.signal ?? new AbortController().signal,
    answers: options.answers ?? (options.resume === undefined ? [] : [options.resume]),
  });
  const { problems: _problems, ...rest } = recorded;
  try {
    const value = await tool.run(ctx);
    return { ...rest, patch: (value ?? undefined) as JsonObject | undefined };
  } catch (err) {
    if (err instanceof KitInterrupt) return { ...rest, patch: undefined, interrupted: err.payload };
    throw err;
  }
}
