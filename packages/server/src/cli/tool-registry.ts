import { createDescriptorRegistry, type ToolRegistry } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import { loadToolModules } from '../startup/load-tool-modules.ts';
import type { ServerClient } from './server-client.ts';

/** The built-in tools plus those of `--tools` modules, as a local run or validation uses them. */
export async function localTools(modules: string[] | undefined, cwd: string): Promise<ToolRegistry> {
  const builtins = createBuiltinRegistry();
  if (!modules || modules.length === 0) return builtins;
  const extra = await loadToolModules(
    modules,
    builtins.list().map((t) => t.id),
    cwd,
  );
  return createBuiltinRegistry(extra);
}

/** The tools a server has (for validating against them). */
export async function serverTools(client: ServerClient): Promise<ToolRegistry> {
  return createDescriptorRegistry((await client.tools()).tools);
}
