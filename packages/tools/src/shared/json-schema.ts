import type { JsonValue } from '@weft/engine';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { safeRegExp } from './safe-regex.ts';

/**
 * JSON Schema validation (draft 2020-12, through ajv) for schemas written in graphs. Ajv compiles a
 * schema into a function; it escapes every value it copies from the schema, so a schema cannot inject
 * code, but it trusts schemas to be reasonable. Graph schemas are therefore bounded in size and depth,
 * and every `pattern` goes through the same safety check as `text.regex` (no nested repetition).
 * `format` is an annotation only (not validated).
 */

export const MAX_SCHEMA_CHARS = 100_000;
const MAX_SCHEMA_DEPTH = 32;

const regExp = Object.assign((pattern: string, flags: string) => safeRegExp(pattern, flags), {
  code: 'safeRegExp',
});
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, code: { regExp } });
const compiled = new Map<string, ValidateFunction>();

/** One problem, with a JSON Pointer into the validated value. */
export interface SchemaError {
  path: string;
  message: string;
  keyword: string;
}

/** Compiles a schema (cached by its text); throws an `Error` saying what is wrong with it. */
export function compileSchema(schema: unknown): ValidateFunction {
  const text = JSON.stringify(schema);
  const hit = compiled.get(text);
  if (hit) return hit;
  if (text.length > MAX_SCHEMA_CHARS)
    throw new Error(`the schema is larger than ${MAX_SCHEMA_CHARS} characters`);
  if (depth(schema) > MAX_SCHEMA_DEPTH)
    throw new Error(`the schema is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
  // `$id`s would make ajv remember schemas across graphs; each graph's schema stands alone.
  const validate = ajv.compile(stripIds(schema) as object);
  if (compiled.size >= 500) compiled.delete(compiled.keys().next().value as string);
  compiled.set(text, validate);
  return validate;
}

/** Validates a value; an empty list means valid. */
export function validateAgainst(schema: unknown, value: JsonValue): SchemaError[] {
  const validate = compileSchema(schema);
  return validate(value) ? [] : (validate.errors ?? []).map(toSchemaError);
}

function toSchemaError(error: ErrorObject): SchemaError {
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const path = missing === undefined ? error.instancePath : `${error.instancePath}/${missing}`;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${(error.params as { additionalProperty?: string }).additionalProperty})`
      : error.keyword === 'enum'
        ? `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`
        : '';
  return { path: path || '/', message: `${error.message ?? 'is invalid'}${extra}`, keyword: error.keyword };
}

function depth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  for (const child of Object.values(value)) max = Math.max(max, depth(child));
  return max + 1;
}

function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (key !== '$id') out[key] = stripIds(child);
  return out;
}

/** A config field holding a JSON Schema; it must compile, which is checked when the graph is validated. */
export function jsonSchemaField(description: string) {
  return z
    .record(z.string(), z.json())
    .superRefine((schema, ctx) => {
      try {
        compileSchema(schema);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `JSON Schema: ${(err as Error).message}` });
      }
    })
    .describe(description);
}
