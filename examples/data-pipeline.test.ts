import { describe, expect, it } from 'vitest';
import { completions, loadExample, runExample } from './support/run-example.ts';

const { graph, input } = loadExample('data-pipeline');

describe('example: data-pipeline', () => {
  it('loads, cleans, validates, processes in batches and aggregates', async () => {
    const { result, events } = await runExample(graph, input);
    expect(result.status).toBe('completed');
    const state = result.state as {
      incomplete: Array<{ order_id: string }>;
      validation: { invalidItems: Array<{ item: { id: string } }>; validItems: unknown[] };
      processed: Array<{ id: string; batch: number }>;
      byRegion: Array<{ group: string; count: number; revenue: number }>;
      totals: Record<string, number>;
      report: string;
    };
    expect(state.incomplete.map((r) => r.order_id)).toEqual(['A-1004']);
    expect(state.validation.invalidItems.map((i) => i.item.id)).toEqual(['A-1007', 'A-1008']);
    expect(state.processed).toHaveLength(8);
    expect(state.processed.map((p) => p.batch)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
    expect(state.totals).toEqual({ orders: 8, revenue: 2152.97, tax: 430.59, batches: 3, largeOrders: 2 });
    expect(state.byRegion.map((r) => [r.group, r.count, r.revenue])).toEqual([
      ['east', 1, 659.97],
      ['north', 3, 969],
      ['south', 3, 424],
      ['west', 1, 100],
    ]);
    expect(state.report).toContain('8 orders processed in 3 batches');
    expect(state.report).toContain('| north | 969 | 323 | 640 |');
    expect(completions(events)).toMatchObject({ 'next-batch': 3, process: 3, finished: 1, report: 1 });
  });

  it('handles an empty file', async () => {
    const { result } = await runExample(graph, { csv: 'order_id,region,product,quantity,unit_price\n' });
    expect(result.status).toBe('completed');
    expect(result.state.totals).toMatchObject({ orders: 0, revenue: 0 });
  });
});
