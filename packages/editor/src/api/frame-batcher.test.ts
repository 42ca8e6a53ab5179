import { describe, expect, it } from 'vitest';
import { createFrameBatcher } from './frame-batcher.ts';

describe('createFrameBatcher', () => {
  it('hands over everything pushed before the frame in one batch', () => {
    const frames: Array<() => void> = [];
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((b) => batches.push(b), {
      schedule: (run) => frames.push(run),
    });
    for (let i = 0; i < 5; i++) batcher.push(i);
    expect(frames).toHaveLength(1);
    frames[0]!();
    batcher.push(5);
    batcher.flushNow();
    frames[1]!();
    expect(batches).toEqual([[0, 1, 2, 3, 4], [5]]);
  });

  it('spreads a backlog over frames when capped', () => {
    const frames: Array<() => void> = [];
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((b) => batches.push(b), {
      schedule: (run) => frames.push(run),
      maxPerFrame: 2,
    });
    batcher.push(1, 2, 3, 4, 5);
    while (frames.length > 0) frames.shift()!();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });
});
