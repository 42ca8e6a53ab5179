import { describe, expect, it } from 'vitest';
import { loopPath, shortCondition } from './edge-path.ts';

describe('loopPath', () => {
  it('runs below both ends and puts the label in the middle of the bottom run', () => {
    const [path, x, y] = loopPath({ x: 300, y: 40 }, { x: 100, y: 60 }, 80);
    expect(path.startsWith('M 300 40')).toBe(true);
    expect(path.endsWith('100 60')).toBe(true);
    expect(x).toBe(200);
    expect(y).toBe(60 + 40 + 36);
  });

  it('draws a self-loop under its node', () => {
    const [, x, y] = loopPath({ x: 220, y: 50 }, { x: 0, y: 50 });
    expect(x).toBe(110);
    expect(y).toBeGreaterThan(50);
  });
});

describe('shortCondition', () => {
  it('flattens whitespace and cuts long conditions', () => {
    expect(shortCondition('state.n   <\n 3')).toBe('state.n < 3');
    expect(shortCondition('a'.repeat(40), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
