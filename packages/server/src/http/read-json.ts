import { formatPath } from '@weft/engine';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ServerError } from '../errors.ts';

/**
 * Refuses a body whose declared length is over the limit before anything reads it. (Hono's own
 * body-limit middleware turns every request into a full web-streams `Request`, which costs more than
 * the rest of a run; bodies without a length are counted while they are read, in `readText`.)
 */
export function limitBody(limit: number): MiddlewareHandler {
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && Number(length) > limit) throw tooLarge(limit);
    c.set('bodyLimit', limit);
    await next();
  };
}

const tooLarge = (limit: number) =>
  new ServerError('PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes`);

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `limitBody`: the largest body `readJson` accepts. */
    bodyLimit: number;
  }
}

async function readText(c: Context): Promise<string> {
  const limit = c.get('bodyLimit') ?? Number.POSITIVE_INFINITY;
  if (c.req.header('content-length') !== undefined) return c.req.text();
  // No declared length (a chunked body): count the bytes as they come.
  const reader = c.req.raw.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body parsed as JSON; an empty body is `undefined`. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await readText(c);
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
