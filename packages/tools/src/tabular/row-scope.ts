import { createCelEnvironment, type JsonValue } from '@weft/engine';
import { ToolsError } from '../shared/tools-error.ts';

/** CEL over rows: `row` (the current item), `index` (its position), `state` and `input`. */
export const rowScope = createCelEnvironment({ row: 'dyn', index: 'dyn', state: 'map', input: 'dyn' });

/** Evaluates a row expression; a failure names the field and the row. */
export function evaluateRow(
  source: string,
  what: string,
  scope: { row: JsonValue; index: number; state: JsonValue; input: JsonValue },
): JsonValue {
  const compiled = rowScope.compile(source);
  if (!compiled.ok) throw new ToolsError('EXPRESSION_ERROR', `${what}: ${compiled.problem.message}`);
  try {
    return compiled.program.evaluate(scope);
  } catch (err) {
    throw new ToolsError('EXPRESSION_ERROR', `${what}, row ${scope.index}: ${(err as Error).message}`);
  }
}
