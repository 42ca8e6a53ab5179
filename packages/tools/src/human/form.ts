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
  /** Set when the form is asked again: what was wrong with the previous answer. */
  errors?: SchemaError[];
  /** Set when the form is asked again: the answer that did not fit, to edit rather than retype. */
  previous?: JsonValue;
}

/** How many answers a form takes before the node fails with FORM_INVALID. */
export const MAX_ASKS = 20;

export const humanForm = defineTool({
  id: 'human.form',
  title: 'Form',
  category: 'Human',
  description:
    'Pauses the run and asks a person to fill in a form described by a JSON Schema; the answer is validated against the schema and written to the state. An answer that does not fit is refused: the form is asked again, showing what was wrong.',
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
    let answer = interrupt(payload as unknown as JsonValue);
    // Each bad answer asks again; the engine replays earlier answers in order on every re-run, so this
    // loop reaches the newest answer and suspends past it. The cap keeps a scripted client from looping.
    for (let asked = 1; ; asked++) {
      const errors = validateAgainst(config.schema, answer);
      if (errors.length === 0) return { [config.into]: answer };
      if (asked >= MAX_ASKS) {
        throw new ToolsError(
          'FORM_INVALID',
          `${MAX_ASKS} answers did not fit the form; the last: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        );
      }
      answer = interrupt({ ...payload, errors, previous: answer } as unknown as JsonValue);
    }
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
