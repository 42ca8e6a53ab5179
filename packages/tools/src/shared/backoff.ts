/**
 * How long to wait before trying a request again: the server's `Retry-After` when it sent one
 * (seconds or an HTTP date), else exponential backoff from `baseMs`. `undefined` when the server asks
 * for a longer wait than `maxMs` — then waiting inside a node is the wrong answer and the node fails.
 */
export function retryDelay(
  attempt: number,
  baseMs: number,
  retryAfter: string | null | undefined,
  maxMs = 30_000,
  now = Date.now(),
): number | undefined {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(asked)) return asked > maxMs ? undefined : Math.max(0, asked);
  }
  return Math.min(maxMs, baseMs * 2 ** attempt);
}
