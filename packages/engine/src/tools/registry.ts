import { z } from 'zod';
import { WeftError } from '../errors.ts';
import type { AnyTool } from './define-tool.ts';

/** What `GET /api/tools` and the editor's palette show of a tool. */
export interface ToolDescriptor {
  id: string;
  title: string;
  category: string;
  description: string;
  /** JSON Schema (draft 2020-12) of the config, as the form generator reads it. */
  configSchema: Record<string, unknown>;
  reads: string[];
  writes: string[];
}

/** An immutable set of tools, looked up by id. */
export interface ToolRegistry {
  get(id: string): AnyTool | undefined;
  has(id: string): boolean;
  list(): AnyTool[];
  describe(): ToolDescriptor[];
  /** A new registry holding these tools and more; duplicates throw. */
  with(tools: Iterable<AnyTool>): ToolRegistry;
  readonly size: number;
}

/**
 * Creates a registry. Registering two tools with the same id throws `DUPLICATE_TOOL`.
 *
 * @example
 * const registry = createToolRegistry([...coreTools, shout]);
 */
export function createToolRegistry(tools: Iterable<AnyTool>): ToolRegistry {
  const byId = new Map<string, AnyTool>();
  for (const tool of tools) {
    if (byId.has(tool.id)) throw new WeftError('DUPLICATE_TOOL', `tool '${tool.id}' is registered twice`);
    byId.set(tool.id, tool);
  }
  let descriptors: ToolDescriptor[] | undefined;
  return Object.freeze({
    get: (id: string) => byId.get(id),
    has: (id: string) => byId.has(id),
    list: () => [...byId.values()],
    describe: () => {
      descriptors ??= [...byId.values()].map(describeTool);
      return descriptors.map((d) => ({ ...d }));
    },
    with: (more: Iterable<AnyTool>) => createToolRegistry([...byId.values(), ...more]),
    size: byId.size,
  });
}

export function describeTool(tool: AnyTool): ToolDescriptor {
  const configSchema = z.toJSONSchema(tool.config, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    id: tool.id,
    title: tool.title,
    category: tool.category,
    description: tool.description,
    configSchema,
    reads: [...(tool.reads ?? [])],
    writes: [...(tool.writes ?? [])],
  };
}
