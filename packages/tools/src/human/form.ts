import { defineTool, isPlainObject, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { jsonSchemaField, type SchemaError, validateAgainst } from '../shared/json-schema.ts';
import { stateKey } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

/** What a waiting `human.form` node shows: its `pending[].payload`. */
export interface FormPayload {
  kind: 'form';
  title: string;
  description: string | null;
  schema: Record<string, JsonValue>;
}

export const humanForm = defineTool({
  id: 'human.form',
  title: 'Form',
  category: 'Human',
  description:
    'Pauses the run and asks a person to fill in a form described by a JSON Schema; the answer is validated against the schema and written to the state. An answer that does not fit fails the node with FORM_INVALID.',
  config: z.object({
    title: z.string().min(1).describe('What the person is asked, shown above the form.'),
    description: z.string().optional().describe('Longer explanation shown under the title.'),
    schema: jsonSchemaField('JSON Schema of the answer; its `properties` become the form fields.'),
    into: stateKey('State key that receives the answer.', 'form'),
  }),
  run({ config, interrupt }) {
    const payload: FormPayload = {
      kind: 'form',
      title: config.title,
      description: config.description ?? null,
      schema: config.schema,
    };
    const answer = interrupt(payload as unknown as JsonValue);
    const errors = validateAgainst(config.schema, answer);
    if (errors.length > 0) {
      throw new ToolsError(
        'FORM_INVALID',
        `the answer does not fit the form: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      );
    }
    return { [config.into]: answer };
  },
});

/**
 * Checks an answer for a waiting `human.form` before the run is resumed with it, so a host can refuse a
 * bad answer (and keep the run waiting) instead of failing the node. `null` when the payload is not a form.
 *
 * @example
 * const errors = validateFormAnswer(run.pending[0].payload, body.value);
 * if (errors?.length) return c.json({ error: { code: 'FORM_INVALID', message: '…', details: errors } }, 400);
 */
export function validateFormAnswer(payload: JsonValue, answer: JsonValue): SchemaError[] | null {
  if (!isPlainObject(payload) || payload.kind !== 'form' || !isPlainObject(payload.schema)) return null;
  return validateAgainst(payload.schema, answer);
}
