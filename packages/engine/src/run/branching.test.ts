import { describe, expect, it } from 'vitest';
import { compute, edge, graph, node, runAndRecord, setter } from '../testing/graph-fixtures.ts';

describe('edge firing, joins and dead paths (DESIGN §3.3–3.4)', () => {
  it('runs a linear chain in order and merges each patch', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [
          setter('a', { x: 1 }),
          compute('b', { y: 'state.x + 1' }),
          compute('c', { z: 'state.y * 10' }),
        ],
        edges: [edge('a>b'), edge('b>c')],
      }),
    );
    expect(run.result.status).toBe('completed');
    expect(run.result.state).toEqual({ x: 1, y: 2, z: 20 });
    expect(run.trace).toEqual([
      'run.started',
      'node.started a',
      'node.completed a',
      'edge.fired a-b',
      'node.started b',
      'node.completed b',
      'edge.fired b-c',
      'node.started c',
      'node.completed c',
      'run.completed',
    ]);
  });

  it('runs the join after an if/else once and skips the dead branch', async () => {
    const doc = graph({
      nodes: [
        setter('start'),
        setter('yes', { branch: 'yes' }),
        setter('no', { branch: 'no' }),
        setter('join', { joined: true }),
      ],
      edges: [
        edge('start>yes', { when: "input.mood == 'good'" }),
        edge('start>no', { else: true }),
        edge('yes>join'),
        edge('no>join'),
      ],
    });
    const good = await runAndRecord(doc, { input: { mood: 'good' } });
    expect(good.result.state).toMatchObject({ branch: 'yes', joined: true });
    expect(good.completed).toEqual(['start', 'yes', 'join']);
    expect(good.skipped).toEqual(['no']);
    expect(good.trace).toContain('edge.dead start-no');
    expect(good.trace).toContain('edge.dead no-join');

    const bad = await runAndRecord(doc, { input: { mood: 'bad' } });
    expect(bad.result.state).toMatchObject({ branch: 'no', joined: true });
    expect(bad.completed).toEqual(['start', 'no', 'join']);
    expect(bad.skipped).toEqual(['yes']);
  });

  it('skips a dead branch two nodes long and still runs the join', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [
          setter('s'),
          setter('a1'),
          setter('a2'),
          setter('b1', { took: 'b' }),
          setter('j', { done: true }),
        ],
        edges: [
          edge('s>a1', { when: 'false' }),
          edge('s>b1', { else: true }),
          edge('a1>a2'),
          edge('a2>j'),
          edge('b1>j'),
        ],
      }),
    );
    expect(run.skipped).toEqual(['a1', 'a2']);
    expect(run.completed).toEqual(['s', 'b1', 'j']);
    expect(run.result.state).toEqual({ took: 'b', done: true });
  });

  it('routes a four-way switch: three `when` edges and an `else`', async () => {
    const doc = graph({
      nodes: [
        setter('s'),
        setter('low', { size: 'low' }),
        setter('mid', { size: 'mid' }),
        setter('high', { size: 'high' }),
        setter('other', { size: 'other' }),
      ],
      edges: [
        edge('s>low', { when: 'input.n < 10' }),
        edge('s>mid', { when: 'input.n >= 10 && input.n < 100' }),
        edge('s>high', { when: 'input.n >= 100 && input.n < 1000' }),
        edge('s>other', { else: true }),
      ],
    });
    const cases: Array<[number, string]> = [
      [5, 'low'],
      [50, 'mid'],
      [500, 'high'],
      [5000, 'other'],
    ];
    for (const [n, expected] of cases) {
      const run = await runAndRecord(doc, { input: { n } });
      expect(run.result.state.size).toBe(expected);
      expect(run.completed).toEqual(['s', expected]);
      expect(run.skipped).toHaveLength(3);
    }
  });

  it('runs both branches when two `when` edges are true, and not the else', async () => {
    const run = await runAndRecord(
      graph({
        state: { hits: { reducer: 'append', default: [] } },
        nodes: [
          setter('s'),
          setter('a', { hits: 'a' }),
          setter('b', { hits: 'b' }),
          setter('e', { hits: 'else' }),
        ],
        edges: [
          edge('s>a', { when: 'input.n > 1' }),
          edge('s>b', { when: 'input.n > 2' }),
          edge('s>e', { else: true }),
        ],
      }),
      { input: { n: 3 } },
    );
    expect([...(run.result.state.hits as string[])].sort()).toEqual(['a', 'b']);
    expect(run.skipped).toEqual(['e']);
  });

  it('fans out to five branches and joins them, appending every result', async () => {
    const branches = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const run = await runAndRecord(
      graph({
        state: { results: { reducer: 'append', default: [] } },
        nodes: [
          setter('s'),
          ...branches.map((id) => setter(id, { results: id })),
          compute('join', { count: 'size(state.results)' }),
        ],
        edges: [...branches.map((id) => edge(`s>${id}`)), ...branches.map((id) => edge(`${id}>join`))],
      }),
    );
    expect([...(run.result.state.results as string[])].sort()).toEqual(branches);
    expect(run.result.state.count).toBe(5);
    expect(run.completed.filter((id) => id === 'join')).toHaveLength(1);
    expect(run.completed.at(-1)).toBe('join');
  });

  it('merges patches with every reducer', async () => {
    const run = await runAndRecord(
      graph({
        state: {
          replaced: { default: 'old' },
          list: { reducer: 'append', default: [0] },
          obj: { reducer: 'merge', default: { a: 1, b: 1 } },
          total: { reducer: 'sum', default: 10 },
          low: { reducer: 'min' },
          high: { reducer: 'max', default: 0 },
          tags: { reducer: 'union', default: ['x'] },
        },
        nodes: [
          setter('first', {
            replaced: 'new',
            list: [1, 2],
            obj: { b: 2 },
            total: 5,
            low: 7,
            high: 3,
            tags: ['y', 'x'],
          }),
          setter('second', { list: 3, obj: { c: 3 }, total: 1.5, low: 4, high: 2, tags: [{ k: 1 }, 'y'] }),
          setter('third', { low: 9, high: 8, tags: { k: 1 } }),
        ],
        edges: [edge('first>second'), edge('second>third')],
      }),
    );
    expect(run.result.state).toEqual({
      replaced: 'new',
      list: [0, 1, 2, 3],
      obj: { a: 1, b: 2, c: 3 },
      total: 16.5,
      low: 4,
      high: 8,
      tags: ['x', 'y', { k: 1 }],
    });
  });

  it('applies an object input to the initial state through the reducers and keeps `input` as given', async () => {
    const run = await runAndRecord(
      graph({
        state: { items: { reducer: 'append', default: ['seed'] } },
        nodes: [compute('c', { seen: 'input.items', count: 'size(state.items)' })],
      }),
      { input: { items: ['from-input'] } },
    );
    expect(run.result.state).toEqual({ items: ['seed', 'from-input'], seen: ['from-input'], count: 2 });
  });

  it('returns only the `output` keys as the run result', async () => {
    const run = await runAndRecord(
      graph({ nodes: [setter('a', { keep: 1, drop: 2 })], output: ['keep', 'absent'] }),
    );
    expect(run.result.state).toEqual({ keep: 1 });
  });

  it('evaluates conditions against `output` and `visit`', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [
          node('a', 'core.set', { values: { flag: true } }),
          setter('yes', { r: 'yes' }),
          setter('no', { r: 'no' }),
        ],
        edges: [edge('a>yes', { when: 'output.flag && visit == 1' }), edge('a>no', { else: true })],
      }),
    );
    expect(run.result.state.r).toBe('yes');
  });
});
