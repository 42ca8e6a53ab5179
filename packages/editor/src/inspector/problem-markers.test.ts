import { describe, expect, it } from 'vitest';
import { configPath, fieldMessage, markerFor } from './problem-markers.ts';

describe('problem markers', () => {
  it('finds the config path of a node problem', () => {
    expect(configPath('nodes[12].config.set.n')).toBe('set.n');
    expect(configPath('nodes[0].config')).toBe('');
    expect(configPath('nodes[0].config["a b"]')).toBe('["a b"]');
    expect(configPath('edges[0].when')).toBeNull();
  });

  it('words field messages without the path, and missing values as required', () => {
    const problem = (message: string) => ({
      path: 'nodes[0].config.url',
      code: 'INVALID_CONFIG' as const,
      message,
    });
    expect(
      fieldMessage(
        problem("node 'a' (http.request): config.url: Invalid input: expected string, received undefined"),
      ),
    ).toBe('Required.');
    expect(
      fieldMessage(problem("node 'a' (core.delay): config.ms: Too big: expected number to be <=86400000")),
    ).toBe('Too big: expected number to be <=86400000');
  });

  it('places markers by range, by the column in the message, or on everything', () => {
    expect(
      markerFor({
        path: 'edges[0].when',
        code: 'CEL_SYNTAX',
        message: "edge 'e1': bad",
        range: { start: 9, end: 10 },
      }),
    ).toEqual({
      message: 'bad',
      start: 9,
      end: 10,
    });
    expect(
      markerFor({
        path: 'nodes[0].config.set.n',
        code: 'CEL_SYNTAX',
        message:
          "node 'a' (core.compute): config.set.n: CEL syntax error: Unexpected token: EOF (at column 10)",
      }),
    ).toEqual({
      message: 'config.set.n: CEL syntax error: Unexpected token: EOF (at column 10)',
      start: 9,
      end: 10,
    });
    expect(
      markerFor({ path: 'edges[1].when', code: 'CEL_TYPE', message: "edge 'e2': must give a bool" }),
    ).toEqual({
      message: 'must give a bool',
    });
  });
});
