import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks: one system call per 500 ids rather than one per id.
const pool = new Uint8Array(4000);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let poolAt = pool.length;
let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of milliseconds, then a 12-bit counter that keeps ids made in the same
 * millisecond in order, then random bits. Sorting run ids sorts runs by creation, which keeps the
 * database's indexes append-mostly and makes the run list's cursor a plain id.
 */
export function newRunId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than break the order.
    lastMs++;
    counter = 0;
  }
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += 8;
  let tail = '';
  for (let i = at + 2; i < at + 8; i++) tail += HEX[pool[i]!];
  const ms = lastMs.toString(16).padStart(12, '0');
  const variant = HEX[(pool[at]! & 0x3f) | 0x80]! + HEX[pool[at + 1]!]!;
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${variant}-${tail}`;
}

/** The smallest run id made at or after `ms`: runs created before `ms` have smaller ids. */
export function runIdFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
}
