import { randomFillSync } from 'node:crypto';

const random = new Uint8Array(10);
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
  randomFillSync(random);
  const ms = lastMs.toString(16).padStart(12, '0');
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  const variant = ((random[0]! & 0x3f) | 0x80).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${variant}${hex.slice(2, 4)}-${hex.slice(4, 16)}`;
}
