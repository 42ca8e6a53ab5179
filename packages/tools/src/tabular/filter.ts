import { celExpression, defineTool, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { readList, stateKey, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { evaluateRow, rowScope } from './row-scope.ts';

export const dataFilter = defineTool({
  id: 'data.filter',
  title: 'Filter rows',
  category: 'Data',
  description:
    'Keeps the items of a list for which a CEL condition is true (`row`, `index`, `state`, `input` in scope), e.g. `has(row.email) && row.age >= 18`.',
  config: z.object({
    field: statePath('State key (or dotted path) of the list.', 'rows'),
    where: celExpression(rowScope, {
      expect: 'bool',
      description: 'CEL condition over `row` (and `index`, `state`, `input`).',
    }),
    into: stateKey('State key that receives the kept rows.', 'rows'),
    rejectedInto: z
      .string()
      .regex(/^[A-Za-z0-9_$-]{1,64}$/)
      .optional()
      .describe('State key that receives the rows left out (optional).'),
  }),
  run({ config, state, input }) {
    const rows = readList(state, config.field, 'data.filter');
    const kept: JsonValue[] = [];
    const rejected: JsonValue[] = [];
    rows.forEach((row, index) => {
      const verdict = evaluateRow(config.where, 'where', { row, index, state, input });
      if (typeof verdict !== 'boolean') {
        throw new ToolsError(
          'EXPRESSION_ERROR',
          `where, row ${index}: gave ${JSON.stringify(verdict)}, not true or false`,
        );
      }
      (verdict ? kept : rejected).push(row);
    });
    return config.rejectedInto
      ? { [config.into]: kept, [config.rejectedInto]: rejected }
      : { [config.into]: kept };
  },
});
