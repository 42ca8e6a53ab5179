/**
 * Codes the engine itself raises. Tools may fail with codes of their own (any string);
 * these are the ones with a fixed meaning.
 */
export type EngineErrorCode =
  | 'INVALID_GRAPH'
  | 'UNKNOWN_TOOL'
  | 'DUPLICATE_TOOL'
  | 'INVALID_TOOL'
  | 'TOOL_ERROR'
  | 'TIMEOUT'
  | 'RUN_TIMEOUT'
  | 'LOOP_LIMIT'
  | 'MAX_STEPS'
  | 'CONDITION_ERROR'
  | 'EXPRESSION_ERROR'
  | 'INVALID_PATCH'
  | 'CANCELLED'
  | 'NOT_WAITING'
  | 'INVALID_CHECKPOINT'
  | 'INVALID_INPUT';

/** The one error base class of @weft/engine. `code` is stable and meant for programs; `message` for people. */
export class WeftError extends Error {
  readonly code: EngineErrorCode;
  readonly details: unknown;

  constructor(code: EngineErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'WeftError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Thrown by a tool to fail with a code of its own choosing.
 *
 * @example
 * throw new ToolError('RATE_LIMITED', 'the API answered 429', { retryable: true });
 */
export class ToolError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.retryable = options.retryable ?? true;
  }
}

/** How a failed node is described in events, checkpoints and run results. */
export interface NodeError {
  code: string;
  message: string;
  nodeId?: string;
}
