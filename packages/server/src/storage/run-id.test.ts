import { describe, expect, it } from 'vitest';
import { newRunId, runIdFloor } from './run-id.ts';

describe('newRunId', () => {
  it('makes RFC 9562 version 7 UUIDs', () => {
    expect(newRunId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in creation order, also within one millisecond and when the clock stands still', () => {
    const ids = Array.from({ length: 10_000 }, () => newRunId(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = newRunId(1_700_000_100_000);
    expect(later > ids[ids.length - 1]!).toBe(true);
  });

  it('encodes the creation time in its first 48 bits', () => {
    const id = newRunId(Date.UTC(2030, 0, 1));
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(
      Date.UTC(2030, 0, 1),
    );
  });

  it('has a floor per millisecond that sorts below every id of that millisecond and above earlier ones', () => {
    const at = Date.UTC(2031, 5, 1);
    const floor = runIdFloor(at);
    expect(newRunId(at) >= floor).toBe(true);
    expect(runIdFloor(at - 1) < floor).toBe(true);
  });
});
