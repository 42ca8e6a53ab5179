import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { dataAggregate } from './aggregate.ts';
import { dataBatch } from './batch.ts';
import { dataCsv } from './csv.ts';
import { dataFilter } from './filter.ts';

const CSV = 'name,region,amount,paid\nAda,north,120.5,true\nBob,south,80,false\n\nCyd,north,,true\n';

describe('data.csv', () => {
  it('parses rows with typed cells and nulls for empty ones', async () => {
    const { patch } = await runTool(dataCsv, { state: { csv: CSV } });
    expect(patch).toEqual({
      rows: [
        { name: 'Ada', region: 'north', amount: 120.5, paid: true },
        { name: 'Bob', region: 'south', amount: 80, paid: false },
        { name: 'Cyd', region: 'north', amount: null, paid: true },
      ],
    });
  });

  it('detects the delimiter and keeps text when typing is off', async () => {
    const { patch } = await runTool(dataCsv, {
      config: { typed: false, into: 'r' },
      state: { csv: 'a;b\n1;2\n' },
    });
    expect(patch).toEqual({ r: [{ a: '1', b: '2' }] });
  });

  it('formats rows back to CSV with chosen columns', async () => {
    const { patch } = await runTool(dataCsv, {
      config: { mode: 'format', columns: ['b', 'a'] },
      state: {
        rows: [
          { a: 1, b: 'x,y' },
          { a: 2, b: 'z' },
        ],
      },
    });
    expect(patch).toEqual({ csv: 'b,a\r\n"x,y",1\r\nz,2' });
  });

  it('logs malformed lines, or fails when strict', async () => {
    const ragged = 'a,b\n1,2\n3\n';
    const lenient = await runTool(dataCsv, { state: { csv: ragged } });
    expect(lenient.logs[0]?.level).toBe('warn');
    await expect(
      runTool(dataCsv, { config: { strict: true }, state: { csv: ragged } }),
    ).rejects.toMatchObject({ code: 'CSV_INVALID' });
  });
});

describe('data.filter', () => {
  const rows = [
    { name: 'Ada', amount: 120 },
    { name: 'Bob', amount: 80 },
    { name: 'Cyd', amount: null },
  ];

  it('keeps rows matching a CEL condition and can keep the rest apart', async () => {
    const { patch } = await runTool(dataFilter, {
      config: {
        where: 'row.amount != null && row.amount >= state.min',
        into: 'kept',
        rejectedInto: 'dropped',
      },
      state: { rows, min: 100 },
    });
    expect(patch).toEqual({ kept: [rows[0]], dropped: [rows[1], rows[2]] });
  });

  it('refuses non-boolean conditions', async () => {
    expect(dataFilter.config.safeParse({ where: 'row.amount + 1' }).success).toBe(true); // dyn: checked at run time
    await expect(
      runTool(dataFilter, { config: { where: 'row.name' }, state: { rows } }),
    ).rejects.toMatchObject({ code: 'EXPRESSION_ERROR' });
    expect(dataFilter.config.safeParse({ where: '"a" + 1' }).success).toBe(false);
  });
});

describe('data.aggregate', () => {
  const rows = [
    { region: 'north', amount: 100, customer: 'a' },
    { region: 'south', amount: 50, customer: 'b' },
    { region: 'north', amount: 30, customer: 'a' },
    { region: 'south', amount: null, customer: 'c' },
  ];

  it('computes metrics over all rows', async () => {
    const { patch } = await runTool(dataAggregate, {
      config: {
        metrics: {
          n: { op: 'count' },
          total: { op: 'sum', value: 'row.amount' },
          mean: { op: 'avg', value: 'row.amount' },
          low: { op: 'min', value: 'row.amount' },
          customers: { op: 'countDistinct', value: 'row.customer' },
          regions: { op: 'distinct', value: 'row.region' },
          first: { op: 'first', value: 'row.customer' },
          seventh: { op: 'sum', value: 'row.amount == null ? 0.0 : row.amount / 7.0', decimals: 2 },
        },
      },
      state: { rows },
    });
    expect(patch).toEqual({
      aggregate: {
        n: 4,
        total: 180,
        mean: 60,
        low: 30,
        customers: 3,
        regions: ['north', 'south'],
        first: 'a',
        seventh: 25.71,
      },
    });
  });

  it('groups by a CEL key, sorted', async () => {
    const { patch } = await runTool(dataAggregate, {
      config: {
        groupBy: 'row.region',
        metrics: { total: { op: 'sum', value: 'row.amount' }, top: { op: 'max', value: 'row.amount' } },
      },
      state: { rows },
    });
    expect(patch).toEqual({
      aggregate: [
        { group: 'north', count: 2, total: 130, top: 100 },
        { group: 'south', count: 2, total: 50, top: 50 },
      ],
    });
  });

  it('refuses non-numbers in numeric metrics and metrics without a value', async () => {
    await expect(
      runTool(dataAggregate, {
        config: { metrics: { t: { op: 'sum', value: 'row.customer' } } },
        state: { rows },
      }),
    ).rejects.toMatchObject({ code: 'EXPRESSION_ERROR' });
    expect(dataAggregate.config.safeParse({ metrics: { t: { op: 'avg' } } }).success).toBe(false);
  });
});

describe('data.batch', () => {
  it('hands out the list batch by batch with a cursor', async () => {
    const items = [1, 2, 3, 4, 5];
    let state: Record<string, unknown> = { items };
    const batches: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const { patch } = await runTool(dataBatch, { config: { size: 2 }, state: state as never });
      batches.push(patch?.batch);
      state = { ...state, ...patch };
    }
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(state.cursor).toEqual({ index: 2, offset: 4, next: 5, total: 5, hasMore: false });
  });

  it('starts over when the cursor is null', async () => {
    const { patch } = await runTool(dataBatch, {
      config: { size: 3, field: 'xs' },
      state: { xs: [1, 2], cursor: null },
    });
    expect(patch).toEqual({
      batch: [1, 2],
      cursor: { index: 0, offset: 0, next: 2, total: 2, hasMore: false },
    });
  });
});
