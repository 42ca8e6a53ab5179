import { ToolError } from '@weft/engine';

/** Every code the built-in tools fail with; the README lists what each means and what to do. */
export type ToolsErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_JSON'
  | 'VALIDATION_FAILED'
  | 'FORM_INVALID'
  | 'EXPRESSION_ERROR'
  | 'TEMPLATE_MISSING'
  | 'CSV_INVALID'
  | 'CODE_PARSE'
  | 'DOCUMENTS_NOT_FOUND'
  | 'PATH_OUTSIDE_ROOT'
  | 'HTTP_BLOCKED'
  | 'HTTP_BAD_URL'
  | 'HTTP_STATUS'
  | 'HTTP_NETWORK'
  | 'HTTP_TIMEOUT'
  | 'HTTP_TOO_LARGE'
  | 'HTTP_REDIRECTS'
  | 'LLM_NOT_CONFIGURED'
  | 'LLM_HTTP'
  | 'LLM_RATE_LIMITED'
  | 'LLM_NETWORK'
  | 'LLM_PROTOCOL'
  | 'LLM_TIMEOUT'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'SUBGRAPH_DEPTH'
  | 'SUBGRAPH_FAILED'
  | 'SUBGRAPH_WAITING'
  | 'SUBGRAPH_CANCELLED';

/**
 * The one error class of @weft/tools. It is a `ToolError`, so the engine keeps its code and honours
 * `retryable` (default: false — built-in tools say explicitly when trying again can help).
 *
 * @example
 * throw new ToolsError('INVALID_INPUT', "state.text is a number; text.sentiment needs a string");
 */
export class ToolsError extends ToolError {
  declare readonly code: ToolsErrorCode;

  constructor(code: ToolsErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(code, message, { retryable: options.retryable ?? false, cause: options.cause });
    this.name = 'ToolsError';
  }
}
