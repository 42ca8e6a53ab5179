import { formatPath } from '@weft/engine';
import type { FieldSpec } from './field-model.ts';

/** One problem with an answer, as `human.form` reports it: a JSON Pointer into the answer (`/age`). */
export interface AnswerError {
  path: string;
  message: string;
  keyword?: string;
}

export interface PlacedErrors {
  /** Messages by the formatted path of the field that shows them (`age`, `address.zip`, `tags[0]`). */
  byField: ReadonlyMap<string, readonly string[]>;
  /** Messages about the answer as a whole, or about a part no field shows. */
  general: readonly string[];
}

/**
 * Places the errors of a refused answer on the generated form: each one goes to the deepest field its
 * pointer reaches (a value inside a JSON field shows at that field), the rest stay general.
 *
 * @example
 * placeAnswerErrors(fieldsFromSchema(schema), [{ path: '/age', message: 'must be >= 18', keyword: 'minimum' }])
 * // { byField: Map { 'age' => ['Must be >= 18'] }, general: [] }
 */
export function placeAnswerErrors(
  fields: readonly FieldSpec[],
  errors: readonly AnswerError[],
): PlacedErrors {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const error of errors) {
    const path = fieldPath(fields, pointerSegments(error.path));
    const message = answerMessage(error);
    if (path === null) general.push(message);
    else byField.set(path, [...(byField.get(path) ?? []), message]);
  }
  return { byField, general };
}

/** `/a/b~1c/0` → ['a', 'b/c', '0'] (RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function fieldPath(fields: readonly FieldSpec[], segments: readonly string[]): string | null {
  // A schema that is not an object of properties is one field for the whole answer.
  if (fields.length === 1 && fields[0]!.key === '') return '';
  const [first, ...rest] = segments;
  let field = fields.find((f) => f.key === first);
  if (!field) return null;
  const path: Array<string | number> = [field.key];
  for (const segment of rest) {
    if (field.kind === 'object') {
      const sub: FieldSpec | undefined = field.fields.find((f) => f.key === segment);
      if (!sub) break;
      field = sub;
      path.push(segment);
    } else if (field.kind === 'array' && /^\d+$/.test(segment)) {
      field = field.item;
      path.push(Number(segment));
    } else if (field.kind === 'record') {
      field = field.value;
      path.push(segment);
    } else break;
  }
  return formatPath(path);
}

function answerMessage(error: AnswerError): string {
  if (error.keyword === 'required') return 'Required.';
  const text = error.message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
