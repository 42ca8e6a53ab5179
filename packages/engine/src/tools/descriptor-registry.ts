import { z } from 'zod';
import { CEL_ISSUE_PARAM, celIssueMessage } from '../cel/cel-schema.ts';
import { type CelEnvironment, type CelVariableType, createCelEnvironment } from '../cel/environment.ts';
import { ToolError } from '../errors.ts';
import { isPlainObject } from '../json.ts';
import { defineTool } from './define-tool.ts';
import { createToolRegistry, type ToolDescriptor, type ToolRegistry } from './registry.ts';

const KNOWN_VARIABLE_TYPES: Record<string, CelVariableType> = {
  state: 'map',
  output: 'map',
  error: 'map',
  visit: 'int',
};
const environments = new Map<string, CelEnvironment>();

/**
 * A registry rebuilt from tool descriptors (`GET /api/tools`): config schemas come back from their JSON
 * Schema, and fields marked `format: "cel"` are compiled in the variables they declare. It lets a
 * browser run the same `validateGraph` as the server without the tools' code; its tools cannot run.
 *
 * @example
 * const { tools } = await (await fetch('/api/tools')).json();
 * const problems = validateGraph(doc, createDescriptorRegistry(tools));
 */
export function createDescriptorRegistry(descriptors: readonly ToolDescriptor[]): ToolRegistry {
  return createToolRegistry(
    descriptors.map((d) =>
      defineTool({
        id: d.id,
        title: d.title,
        category: d.category,
        description: d.description,
        reads: d.reads,
        writes: d.writes,
        config: schemaFromDescriptor(d.configSchema),
        run() {
          throw new ToolError(
            'NOT_RUNNABLE',
            `tool '${d.id}' was described, not loaded; it runs on the server`,
            { retryable: false },
          );
        },
      }),
    ),
  );
}

function schemaFromDescriptor(jsonSchema: Record<string, unknown>) {
  // biome-ignore lint/suspicious/noExplicitAny: z.fromJSONSchema takes a JSON Schema object of any shape.
  const base = z.fromJSONSchema(jsonSchema as any);
  return base.superRefine((value, ctx) => checkCelFields(jsonSchema, value, [], ctx));
}

function checkCelFields(schema: unknown, value: unknown, path: PropertyKey[], ctx: z.RefinementCtx): void {
  if (!isPlainObject(schema)) return;
  if (schema.format === 'cel' && typeof value === 'string') {
    const variables = Array.isArray(schema.celVariables)
      ? schema.celVariables.map(String)
      : ['state', 'input'];
    const result = environmentFor(variables).compile(value);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: celIssueMessage(result.problem),
        params: { [CEL_ISSUE_PARAM]: result.problem.kind },
      });
    }
    return;
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    for (const [key, item] of Object.entries(value)) {
      const sub = Object.hasOwn(properties, key) ? properties[key] : schema.additionalProperties;
      checkCelFields(sub, item, [...path, key], ctx);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkCelFields(schema.items, item, [...path, i], ctx);
    });
  }
}

function environmentFor(variables: string[]): CelEnvironment {
  const key = variables.join(',');
  let env = environments.get(key);
  if (!env) {
    env = createCelEnvironment(
      Object.fromEntries(variables.map((name) => [name, KNOWN_VARIABLE_TYPES[name] ?? 'dyn'])),
    );
    environments.set(key, env);
  }
  return env;
}
