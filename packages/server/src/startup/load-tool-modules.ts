import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyTool } from '@weft/engine';

/** True for a tool made by `defineTool` (plain data plus a `run` function). */
function isTool(value: unknown): value is AnyTool {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { run?: unknown }).run === 'function'
  );
}

/** The tools a module exports: named or default exports that are tools or arrays of tools. */
export function toolsOfModule(exports: Record<string, unknown>): AnyTool[] {
  const found = new Set<AnyTool>();
  for (const value of Object.values(exports)) {
    if (isTool(value)) found.add(value);
    else if (Array.isArray(value)) for (const item of value) if (isTool(item)) found.add(item);
  }
  return [...found];
}

/**
 * Imports tool modules (TypeScript works when the process runs under tsx, as the `weft` bin does).
 * Throws when a module cannot be loaded, exports no tool, or repeats a tool id another module or the
 * built-ins already have — naming the module.
 */
export async function loadToolModules(
  paths: string[],
  builtinIds: Iterable<string>,
  cwd: string,
): Promise<AnyTool[]> {
  const owner = new Map<string, string>();
  for (const id of builtinIds) owner.set(id, 'the built-in tools');
  const tools: AnyTool[] = [];
  for (const path of paths) {
    const file = resolve(cwd, path);
    let exports: Record<string, unknown>;
    try {
      exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(
        `cannot load tool module ${path}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    const found = toolsOfModule(exports);
    if (found.length === 0)
      throw new Error(
        `tool module ${path} exports no tool (export tools made with defineTool, or an array of them)`,
      );
    for (const tool of found) {
      const previous = owner.get(tool.id);
      if (previous)
        throw new Error(`tool module ${path} defines '${tool.id}', which is already defined by ${previous}`);
      owner.set(tool.id, `tool module ${path}`);
      tools.push(tool);
    }
  }
  return tools;
}
