import { type NodeError, ToolError, WeftError } from '../errors.ts';
import type { ResolvedRetry } from '../graph/compiled.ts';
import { NotJsonError } from '../state/frozen-json.ts';

/** A node error plus whether another attempt could help. */
export interface AttemptError extends NodeError {
  retryable: boolean;
}

/** Classifies whatever a tool threw (DESIGN §3.9): ToolError keeps its code, anything else is TOOL_ERROR. */
export function toAttemptError(err: unknown, nodeId: string): AttemptError {
  if (err instanceof ToolError)
    return { code: err.code, message: err.message, nodeId, retryable: err.retryable };
  if (err instanceof WeftError) return { code: err.code, message: err.message, nodeId, retryable: false };
  if (err instanceof NotJsonError)
    return { code: 'INVALID_PATCH', message: `node '${nodeId}': ${err.message}`, nodeId, retryable: false };
  if (err instanceof Error)
    return { code: 'TOOL_ERROR', message: err.message || err.name, nodeId, retryable: true };
  return {
    code: 'TOOL_ERROR',
    message: typeof err === 'string' ? err : `the tool threw ${JSON.stringify(err) ?? String(err)}`,
    nodeId,
    retryable: true,
  };
}

/**
 * Delay before attempt `failedAttempt + 1`: exponential (`backoffMs · factor^(n-1)`, capped by
 * `maxBackoffMs`), with the `jitter` share of it randomised downwards so retries of many runs spread out.
 */
export function backoffDelay(retry: ResolvedRetry, failedAttempt: number, random: number): number {
  const base = Math.min(retry.maxBackoffMs, retry.backoffMs * retry.factor ** (failedAttempt - 1));
  return Math.round(base * (1 - retry.jitter * random));
}
