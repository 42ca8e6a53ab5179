import type { z } from 'zod';
import type { JsonObject, JsonValue } from '../json.ts';

/**
 * Services a host hands to tools (HTTP policy, model endpoints, a sub-graph runner …). Packages add
 * their own entries by declaration merging:
 *
 * @example
 * declare module '@weft/engine' {
 *   interface ToolServices { weather?: { apiKey: string } }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: extended through declaration merging by hosts and tool packages.
export interface ToolServices {}

export interface ToolLog {
  (message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What a tool's `run` receives. Every member works when destructured. */
export interface ToolContext<Config = unknown> {
  /** A deeply frozen snapshot of the run state as of this node's start. */
  readonly state: JsonObject;
  /** The node's config, parsed by the tool's schema (defaults applied). */
  readonly config: Config;
  /** The run input. */
  readonly input: JsonValue;
  /** Aborted on cancel, on run failure and when the attempt times out. */
  readonly signal: AbortSignal;
  readonly runId: string;
  readonly nodeId: string;
  /** How many times this node has been activated in this run, starting at 1. */
  readonly visit: number;
  /** 1 for the first attempt, 2 for the first retry … */
  readonly attempt: number;
  /** `runId:nodeId:visit`: the same when a node is re-run after a crash; use it for side effects. */
  readonly idempotencyKey: string;
  /** The latest value this node was resumed with, when it is re-run after `interrupt`. */
  readonly resume: JsonValue | undefined;
  readonly services: ToolServices;
  /** Writes a `node.log` event. */
  readonly log: ToolLog;
  /** Writes a `node.progress` event; `ratio` in [0, 1]. */
  readonly progress: (ratio: number, message?: string) => void;
  /** Writes a `node.stream` event (token streaming, partial results). */
  readonly emit: (chunk: JsonValue) => void;
  /**
   * Suspends this node until the run is resumed with a value for it. The node then runs again from its
   * start, and this call returns the value instead of suspending, so code before it must be safe to
   * repeat. A node may ask more than once (a follow-up question, or the same form again with the
   * errors of a bad answer): answers are replayed in order, and the first call past them suspends.
   */
  readonly interrupt: (payload: JsonValue) => JsonValue;
  /** Waits `ms` on the run's clock; rejects when the node is aborted. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** What a tool returns: a patch to merge into the state, or nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `async run() {}` (Promise<void>) satisfy the type.
export type ToolResult = JsonObject | undefined | null | void;

/** A tool: plain data plus one async function (DESIGN §4). */
export interface ToolDefinition<Schema extends z.ZodType = z.ZodType> {
  /** `namespace.name`, lowercase. */
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly description: string;
  /** The single source of the tool's form, validation and documentation. */
  readonly config: Schema;
  /** State keys the tool reads (shown as ports in the editor). */
  readonly reads?: readonly string[];
  /** State keys the tool may write; the conformance kit checks patches stay inside them. */
  readonly writes?: readonly string[];
  run(ctx: ToolContext<z.output<Schema>>): Promise<ToolResult> | ToolResult;
}

/** Any tool, whatever its config type; what registries and the engine hold. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every config type; each tool's own definition stays typed.
export type AnyTool = ToolDefinition<any>;

export const TOOL_ID_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;

/**
 * Declares a tool. The config type of `run` is inferred from the zod schema.
 *
 * @example
 * export const shout = defineTool({
 *   id: 'text.shout', title: 'Shout', category: 'Text', description: 'Upper-cases a state key.',
 *   config: z.object({ field: z.string().default('text') }),
 *   writes: ['text'],
 *   async run({ state, config }) {
 *     return { text: String(state[config.field] ?? '').toUpperCase() };
 *   },
 * });
 */
export function defineTool<Schema extends z.ZodType>(
  definition: ToolDefinition<Schema>,
): ToolDefinition<Schema> {
  if (!TOOL_ID_PATTERN.test(definition.id)) {
    throw new TypeError(
      `tool id '${definition.id}' must look like 'namespace.name' in lowercase (letters, digits, - and _)`,
    );
  }
  for (const field of ['title', 'category', 'description'] as const) {
    if (typeof definition[field] !== 'string' || definition[field].length === 0) {
      throw new TypeError(`tool '${definition.id}' needs a non-empty ${field}`);
    }
  }
  if (typeof definition.run !== 'function')
    throw new TypeError(`tool '${definition.id}' needs a run function`);
  if (!definition.config || typeof (definition.config as { safeParse?: unknown }).safeParse !== 'function') {
    throw new TypeError(`tool '${definition.id}' needs a zod schema as config`);
  }
  return Object.freeze({ ...definition });
}
