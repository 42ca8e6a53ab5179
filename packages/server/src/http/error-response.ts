import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ServerError, STATUS_OF } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';

/** The body of every error answer (DESIGN §6). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(error: ServerError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** The one place where errors become HTTP answers. Anything unexpected is a 500 whose cause is logged. */
export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (error instanceof ServerError) return c.json(errorBody(error), error.status);
  if (error instanceof HTTPException) {
    const code =
      error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status === 401 ? 'UNAUTHORIZED' : 'INVALID_BODY';
    return c.json(errorBody(new ServerError(code, error.message || 'bad request')), STATUS_OF[code]);
  }
  logger.error({ err: error, path: c.req.path, method: c.req.method }, 'request failed');
  return c.json(errorBody(new ServerError('INTERNAL', 'the server failed to answer; see its log')), 500);
}
