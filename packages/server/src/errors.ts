/** Every error code the server answers with (DESIGN §6); the HTTP status of each is in `STATUS_OF`. */
export type ServerErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_BODY'
  | 'INVALID_QUERY'
  | 'INVALID_GRAPH'
  | 'INVALID_INPUT'
  | 'ID_MISMATCH'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN_ORIGIN'
  | 'NOT_FOUND'
  | 'GRAPH_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'GRAPH_EXISTS'
  | 'RUN_FINISHED'
  | 'NOT_WAITING'
  | 'PAYLOAD_TOO_LARGE'
  | 'UPGRADE_REQUIRED'
  | 'UNSUPPORTED'
  | 'SHUTTING_DOWN'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL';

export const STATUS_OF: Record<ServerErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 426 | 500 | 501 | 503> = {
  INVALID_JSON: 400,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  INVALID_GRAPH: 400,
  INVALID_INPUT: 400,
  ID_MISMATCH: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  GRAPH_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  GRAPH_EXISTS: 409,
  RUN_FINISHED: 409,
  NOT_WAITING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UPGRADE_REQUIRED: 426,
  UNSUPPORTED: 501,
  SHUTTING_DOWN: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * The one error base class of @weft/server. Thrown anywhere in the server; turned into
 * `{ error: { code, message, details? } }` with the status of its code in exactly one place
 * (`http/error-response.ts`).
 *
 * @example
 * throw new ServerError('RUN_NOT_FOUND', `no run '${id}'`);
 */
export class ServerError extends Error {
  readonly code: ServerErrorCode;
  readonly details: unknown;

  constructor(code: ServerErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ServerError';
    this.code = code;
    this.details = details;
  }

  get status() {
    return STATUS_OF[this.code];
  }
}
