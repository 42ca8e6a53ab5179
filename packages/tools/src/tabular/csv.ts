import { defineTool, isPlainObject, type JsonValue } from '@weft/engine';
import Papa from 'papaparse';
import { z } from 'zod';
import { readList, readString, STATE_PATH_PATTERN } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

const MAX_CSV_CHARS = 10_000_000;

export const dataCsv = defineTool({
  id: 'data.csv',
  title: 'CSV',
  category: 'Data',
  description:
    'Parses CSV text into rows (objects keyed by the header, numbers and booleans typed) or formats rows as CSV, through papaparse. The delimiter is detected unless given.',
  config: z.object({
    mode: z
      .enum(['parse', 'format'])
      .default('parse')
      .describe('`parse`: text → rows; `format`: rows → text.'),
    field: z
      .string()
      .regex(STATE_PATH_PATTERN)
      .optional()
      .describe('State key read: the CSV text (default `csv`) or the rows (default `rows`).'),
    into: z
      .string()
      .regex(/^[A-Za-z0-9_$-]{1,64}$/)
      .optional()
      .describe('State key written: the rows (default `rows`) or the CSV text (default `csv`).'),
    header: z
      .boolean()
      .default(true)
      .describe('The first line names the columns (rows are objects); otherwise rows are lists.'),
    delimiter: z.string().min(1).max(4).optional().describe('Column separator; detected when not given.'),
    typed: z.boolean().default(true).describe('Turn numeric and true/false cells into numbers and booleans.'),
    columns: z
      .array(z.string())
      .optional()
      .describe('Format: the columns and their order (default: every key, in first-seen order).'),
    strict: z.boolean().default(false).describe('Parse: fail on malformed lines instead of logging them.'),
  }),
  run({ config, state, log }) {
    if (config.mode === 'format') {
      const field = config.field ?? 'rows';
      const rows = readList(state, field, 'data.csv');
      const csv = Papa.unparse(rows as Array<Record<string, unknown>>, {
        ...(config.columns ? { columns: config.columns } : {}),
        ...(config.delimiter ? { delimiter: config.delimiter } : {}),
        header: config.header,
      });
      return { [config.into ?? 'csv']: csv };
    }
    const field = config.field ?? 'csv';
    const text = readString(state, field, 'data.csv');
    if (text.length > MAX_CSV_CHARS)
      throw new ToolsError('INVALID_INPUT', `state.${field} is larger than ${MAX_CSV_CHARS} characters`);
    const result = Papa.parse<JsonValue>(text, {
      header: config.header,
      dynamicTyping: config.typed,
      skipEmptyLines: 'greedy',
      ...(config.delimiter ? { delimiter: config.delimiter } : {}),
    });
    if (result.errors.length > 0) {
      const sample = result.errors
        .slice(0, 5)
        .map((e) => `row ${e.row ?? '?'}: ${e.message}`)
        .join('; ');
      if (config.strict) throw new ToolsError('CSV_INVALID', `state.${field} is not clean CSV: ${sample}`);
      log.warn(`${result.errors.length} CSV problem(s): ${sample}`);
    }
    return { [config.into ?? 'rows']: result.data.map(cleanRow) };
  },
});

/** papaparse gives `undefined` for missing cells and keeps `__parsed_extra`; JSON wants null. */
function cleanRow(row: JsonValue): JsonValue {
  if (Array.isArray(row)) return row.map((cell) => cell ?? null);
  if (!isPlainObject(row)) return row;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === '__proto__') continue;
    out[key] = (value as JsonValue | undefined) ?? null;
  }
  return out;
}
