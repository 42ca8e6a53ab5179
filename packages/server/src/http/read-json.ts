import { formatPath } from '@weft/engine';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ServerError } from '../errors.ts';

/** The request body parsed as JSON; an empty body is `undefined`. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServerError(
      'INVALID_JSON',
      `the request body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Checks a value against a zod schema; every problem is in `details` as `{ path, code, message }`. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: 'body' | 'query' = 'body',
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    code: issue.code,
    message: issue.message,
  }));
  const first = details[0];
  throw new ServerError(
    what === 'body' ? 'INVALID_BODY' : 'INVALID_QUERY',
    `invalid ${what}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
    details,
  );
}

/** Reads and checks a JSON body; an empty body counts as `{}`. */
export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return parseWith(schema, (await readJson(c)) ?? {});
}
