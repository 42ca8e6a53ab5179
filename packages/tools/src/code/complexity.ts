import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString } from '../shared/state-path.ts';
import { sourceConfig } from './functions.ts';
import { indexFunctions } from './functions-index.ts';
import { parseSource } from './parse-source.ts';

/** The usual reading of McCabe numbers (as in SonarQube and radon). */
export function rateComplexity(value: number): 'simple' | 'moderate' | 'complex' | 'very complex' {
  if (value <= 5) return 'simple';
  if (value <= 10) return 'moderate';
  if (value <= 20) return 'complex';
  return 'very complex';
}

export const codeComplexity = defineTool({
  id: 'code.complexity',
  title: 'Cyclomatic complexity',
  category: 'Code',
  description:
    'Measures the cyclomatic complexity (1 + decision points: if, ?:, loops, case, catch, &&, ||, ??) and the nesting depth of every function, with the average and the maximum.',
  config: z.object(sourceConfig),
  reads: ['source'],
  writes: ['complexity'],
  run({ config, state }) {
    const file = parseSource(readString(state, config.field, 'code.complexity'), config.language);
    const functions = indexFunctions(file).map((fn) => ({
      name: fn.name,
      line: fn.line,
      complexity: fn.complexity,
      nesting: fn.nesting,
      rating: rateComplexity(fn.complexity),
    }));
    const total = functions.reduce((sum, fn) => sum + fn.complexity, 0);
    return {
      complexity: {
        functions,
        max: functions.reduce((max, fn) => Math.max(max, fn.complexity), 0),
        average: functions.length ? Math.round((total / functions.length) * 100) / 100 : 0,
        total,
      },
    };
  },
});
