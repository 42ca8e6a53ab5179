/**
 * @weft/tools: the built-in tool library. `builtinTools` is what the server and the CLI register.
 */
import { type AnyTool, coreTools, createToolRegistry, type ToolRegistry } from '@weft/engine';

export type { HttpPolicy, LlmSettings, SubgraphRequest, SubgraphResult, SubgraphRunner } from './services.ts';

/** Every built-in tool, in palette order. */
export const builtinTools: readonly AnyTool[] = [...coreTools];

/** A registry of the built-in tools plus any extra ones (duplicates throw). */
export function createBuiltinRegistry(extra: Iterable<AnyTool> = []): ToolRegistry {
  return createToolRegistry([...builtinTools, ...extra]);
}
