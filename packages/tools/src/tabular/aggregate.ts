import { canonicalJson, celExpression, defineTool, type JsonObject, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { setOwn } from '../shared/set-own.ts';
import { readList, stateKey, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { evaluateRow, rowScope } from './row-scope.ts';

const OPERATIONS = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'first',
  'last',
  'collect',
  'distinct',
  'countDistinct',
] as const;
type Operation = (typeof OPERATIONS)[number];
const NUMERIC = new Set<Operation>(['sum', 'avg', 'min', 'max']);

const metric = z
  .object({
    op: z
      .enum(OPERATIONS)
      .describe('count, sum, avg, min, max, first, last, collect, distinct or countDistinct.'),
    value: celExpression(rowScope, {
      description: 'CEL over `row`: the value aggregated (not needed for count).',
    }).optional(),
    decimals: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe('Round a numeric result to this many decimals.'),
  })
  .refine((m) => m.op === 'count' || m.value !== undefined, {
    message: 'this operation needs a `value` expression',
    path: ['value'],
  });

export const dataAggregate = defineTool({
  id: 'data.aggregate',
  title: 'Aggregate rows',
  category: 'Data',
  description:
    'Computes metrics over a list (count, sum, avg, min, max, first, last, collect, distinct, countDistinct), each over a CEL value of `row`; optionally grouped by a CEL key.',
  config: z.object({
    field: statePath('State key (or dotted path) of the list.', 'rows'),
    groupBy: celExpression(rowScope, {
      description: 'CEL over `row` giving the group key (optional).',
    }).optional(),
    metrics: z
      .record(z.string(), metric)
      .refine((m) => Object.keys(m).length > 0, 'give at least one metric')
      .describe(
        'Metric name → `{ op, value }`, e.g. `{"revenue": {"op": "sum", "value": "row.price * row.qty"}}`.',
      ),
    into: stateKey('State key that receives the metrics (an object, or a list of groups).', 'aggregate'),
  }),
  run({ config, state, input }) {
    const rows = readList(state, config.field, 'data.aggregate');
    const groups = new Map<string, { key: JsonValue; rows: Array<{ row: JsonValue; index: number }> }>();
    rows.forEach((row, index) => {
      const key =
        config.groupBy === undefined
          ? null
          : evaluateRow(config.groupBy, 'groupBy', { row, index, state, input });
      const id = canonicalJson(key);
      const group = groups.get(id) ?? { key, rows: [] };
      group.rows.push({ row, index });
      groups.set(id, group);
    });
    const compute = (members: Array<{ row: JsonValue; index: number }>): JsonObject => {
      const out: JsonObject = {};
      for (const [name, spec] of Object.entries(config.metrics)) {
        const values =
          spec.value === undefined
            ? []
            : members.map(({ row, index }) =>
                evaluateRow(spec.value!, `metrics.${name}`, { row, index, state, input }),
              );
        setOwn(out, name, roundTo(reduce(spec.op, values, members.length, name), spec.decimals));
      }
      return out;
    };
    if (config.groupBy === undefined)
      return { [config.into]: compute(rows.map((row, index) => ({ row, index }))) };
    const result = [...groups.values()]
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((g) => ({ group: g.key, count: g.rows.length, ...compute(g.rows) }));
    return { [config.into]: result };
  },
});

function reduce(op: Operation, values: JsonValue[], count: number, name: string): JsonValue {
  if (op === 'count') return count;
  if (op === 'first') return values[0] ?? null;
  if (op === 'last') return values.at(-1) ?? null;
  if (op === 'collect') return values;
  if (op === 'distinct' || op === 'countDistinct') {
    const seen = new Map<string, JsonValue>();
    for (const v of values) if (!seen.has(canonicalJson(v))) seen.set(canonicalJson(v), v);
    return op === 'distinct' ? [...seen.values()] : seen.size;
  }
  // Numeric operations skip nulls, as SQL aggregates do; anything else that is not a number is an error.
  const numbers: number[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    if (typeof v !== 'number')
      throw new ToolsError(
        'EXPRESSION_ERROR',
        `metrics.${name}: row ${i} gives ${JSON.stringify(v)}, not a number`,
      );
    numbers.push(v);
  });
  if (!NUMERIC.has(op) || numbers.length === 0) return op === 'sum' ? 0 : null;
  if (op === 'sum') return numbers.reduce((s, n) => s + n, 0);
  if (op === 'avg') return numbers.reduce((s, n) => s + n, 0) / numbers.length;
  return numbers.reduce((best, n) => (op === 'min' ? Math.min(best, n) : Math.max(best, n)));
}

function roundTo(value: JsonValue, decimals: number | undefined): JsonValue {
  if (decimals === undefined || typeof value !== 'number') return value;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function compareKeys(a: JsonValue, b: JsonValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(canonicalJson(a)).localeCompare(String(canonicalJson(b)));
}
