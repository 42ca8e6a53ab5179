import {
  celExpression,
  createCelEnvironment,
  defineTool,
  type JsonObject,
  type JsonValue,
} from '@weft/engine';
import { z } from 'zod';
import { setOwn } from '../shared/set-own.ts';
import { readList, STATE_PATH_PATTERN, stateKey } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

/** `json.map` expressions see the state, the run input and, when mapping over a list, `item` and `index`. */
export const mapScope = createCelEnvironment({ state: 'map', input: 'dyn', item: 'dyn', index: 'dyn' });

export const jsonMap = defineTool({
  id: 'json.map',
  title: 'Map to JSON',
  category: 'JSON',
  description:
    'Builds an object whose fields are CEL expressions over `state` and `input`. With `over`, builds one object per item of a list (`item`, `index` in scope).',
  config: z.object({
    fields: z
      .record(z.string(), celExpression(mapScope))
      .refine((f) => Object.keys(f).length > 0, 'give at least one field')
      .describe('Field name → CEL expression, e.g. `{"total": "state.price * state.qty"}`.'),
    over: z
      .string()
      .regex(STATE_PATH_PATTERN)
      .optional()
      .describe('State key of a list: build one object per item (the expressions see `item` and `index`).'),
    into: stateKey('State key that receives the object (or the list of objects).', 'result'),
  }),
  run({ config, state, input }) {
    if (config.over === undefined) {
      return { [config.into]: buildObject(config.fields, { state, input, item: null, index: null }) };
    }
    const items = readList(state, config.over, 'json.map');
    const out = items.map((item, index) => buildObject(config.fields, { state, input, item, index }, index));
    return { [config.into]: out };
  },
});

/** Evaluates each expression in `scope`; fails with `EXPRESSION_ERROR` naming the field (and item). */
export function buildObject(
  fields: Record<string, string>,
  scope: Record<string, JsonValue>,
  index?: number,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, source] of Object.entries(fields)) {
    setOwn(out, key, evaluateField(key, source, scope, index));
  }
  return out;
}

function evaluateField(
  key: string,
  source: string,
  scope: Record<string, JsonValue>,
  index?: number,
): JsonValue {
  const where = index === undefined ? `fields.${key}` : `item ${index}, fields.${key}`;
  const compiled = mapScope.compile(source);
  if (!compiled.ok) throw new ToolsError('EXPRESSION_ERROR', `${where}: ${compiled.problem.message}`);
  try {
    return compiled.program.evaluate(scope);
  } catch (err) {
    throw new ToolsError('EXPRESSION_ERROR', `${where}: ${(err as Error).message}`);
  }
}
