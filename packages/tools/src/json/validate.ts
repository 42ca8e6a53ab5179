import { defineTool, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { jsonSchemaField, type SchemaError, validateAgainst } from '../shared/json-schema.ts';
import { readValue, stateKey, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

export const jsonValidate = defineTool({
  id: 'json.validate',
  title: 'Validate JSON',
  category: 'JSON',
  description:
    'Checks a state value against a JSON Schema (draft 2020-12, ajv) and writes `{ valid, errors }`. With `each`, checks every item of a list and also splits them into `validItems` and `invalidItems`.',
  config: z.object({
    field: statePath('State key (or dotted path) of the value to check.', 'data'),
    schema: jsonSchemaField('The JSON Schema the value must satisfy.'),
    each: z.boolean().default(false).describe('The value is a list: check each item on its own.'),
    into: stateKey('State key that receives the result.', 'validation'),
    failOnInvalid: z
      .boolean()
      .default(false)
      .describe(
        'Fail the node (code VALIDATION_FAILED) instead of writing the errors, so an `onError` edge can route it.',
      ),
  }),
  run({ config, state }) {
    const value = readValue(state, config.field, 'json.validate');
    let result: {
      valid: boolean;
      errors: SchemaError[];
      validItems?: JsonValue[];
      invalidItems?: JsonValue[];
    };
    if (config.each) {
      if (!Array.isArray(value)) {
        throw new ToolsError(
          'INVALID_INPUT',
          `json.validate with each: true needs a list at state.${config.field}`,
        );
      }
      const validItems: JsonValue[] = [];
      const invalidItems: JsonValue[] = [];
      const errors: SchemaError[] = [];
      value.forEach((item, index) => {
        const itemErrors = validateAgainst(config.schema, item);
        if (itemErrors.length === 0) validItems.push(item);
        else {
          const prefixed = itemErrors.map((e) => ({
            ...e,
            path: `/${index}${e.path === '/' ? '' : e.path}`,
          }));
          errors.push(...prefixed);
          invalidItems.push({ index, item, errors: prefixed.map((e) => ({ ...e })) });
        }
      });
      result = { valid: errors.length === 0, errors, validItems, invalidItems };
    } else {
      const errors = validateAgainst(config.schema, value);
      result = { valid: errors.length === 0, errors };
    }
    if (!result.valid && config.failOnInvalid) {
      const sample = result.errors
        .slice(0, 5)
        .map((e) => `${e.path} ${e.message}`)
        .join('; ');
      throw new ToolsError('VALIDATION_FAILED', `state.${config.field} does not match the schema: ${sample}`);
    }
    return { [config.into]: { ...result, errors: result.errors.map((e) => ({ ...e })) } };
  },
});
