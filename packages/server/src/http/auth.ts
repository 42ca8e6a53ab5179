import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ServerError } from '../errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares a presented token with the configured one in constant time. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Requires `Authorization: Bearer <token>`. Registered before any route, so a request without the
 * token is refused before its body is read.
 */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (!tokenMatches(token, bearerToken(c.req.header('authorization')))) {
      c.header('WWW-Authenticate', 'Bearer realm="weft"');
      throw new ServerError(
        'UNAUTHORIZED',
        'this server needs an API token: send Authorization: Bearer <token>',
      );
    }
    await next();
  };
}
