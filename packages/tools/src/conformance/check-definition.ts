import { type AnyTool, describeTool, TOOL_ID_PATTERN } from '@weft/engine';
import { z } from 'zod';

const KEY = /^[A-Za-z0-9_$-]{1,64}$/;

/** Problems with a tool's data: id, texts, schema (convertible to JSON Schema, documented), reads/writes. */
export function checkDefinition(tool: AnyTool): string[] {
  const problems: string[] = [];
  if (!TOOL_ID_PATTERN.test(tool.id)) problems.push(`id '${tool.id}' is not 'namespace.name' in lowercase`);
  for (const field of ['title', 'category', 'description'] as const) {
    if (typeof tool[field] !== 'string' || tool[field].trim() === '') problems.push(`${field} is empty`);
  }
  if (typeof tool.config?.safeParse !== 'function') {
    problems.push('config is not a zod schema');
    return problems;
  }
  let schema: Record<string, unknown> | undefined;
  try {
    schema = z.toJSONSchema(tool.config, { io: 'input' }) as Record<string, unknown>;
  } catch (err) {
    problems.push(`config cannot be converted to JSON Schema: ${(err as Error).message}`);
  }
  if (schema) {
    if (schema.type !== 'object')
      problems.push('config is not an object schema (the editor renders objects as forms)');
    const properties = (schema.properties ?? {}) as Record<string, { description?: unknown }>;
    for (const [name, property] of Object.entries(properties)) {
      if (typeof property.description !== 'string' || property.description.trim() === '') {
        problems.push(`config.${name} has no description (.describe(...)); the editor shows it as help`);
      }
    }
  }
  try {
    JSON.parse(JSON.stringify(describeTool(tool)));
  } catch (err) {
    problems.push(`the tool cannot be described for GET /api/tools: ${(err as Error).message}`);
  }
  for (const list of ['reads', 'writes'] as const) {
    const keys = tool[list];
    if (keys === undefined) continue;
    if (!Array.isArray(keys)) {
      problems.push(`${list} is not a list of state keys`);
      continue;
    }
    for (const key of keys)
      if (typeof key !== 'string' || !KEY.test(key))
        problems.push(`${list} holds '${String(key)}', not a state key`);
    if (new Set(keys).size !== keys.length) problems.push(`${list} lists a key twice`);
  }
  return problems;
}
