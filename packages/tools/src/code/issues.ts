import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString } from '../shared/state-path.ts';
import { detectIssues, RULES } from './detect-issues.ts';
import { sourceConfig } from './functions.ts';
import { parseSource, syntaxErrors } from './parse-source.ts';

export const thresholdsConfig = {
  maxLines: z.number().int().min(1).default(40).describe('Longest function, in lines.'),
  maxComplexity: z.number().int().min(1).default(10).describe('Highest cyclomatic complexity of a function.'),
  maxNesting: z.number().int().min(1).default(3).describe('Deepest nesting of control statements.'),
  maxParams: z.number().int().min(0).default(4).describe('Most parameters of a function.'),
};

export const codeIssues = defineTool({
  id: 'code.issues',
  title: 'Detect issues',
  category: 'Code',
  description:
    'Finds long functions, high complexity, deep nesting, many parameters, unused variables (TypeScript checker), `any`, empty catch blocks, console calls, `debugger`, `==`, `var` and TODO comments; each with a severity and a line.',
  config: z.object({
    ...sourceConfig,
    ...thresholdsConfig,
    rules: z
      .array(z.enum(RULES))
      .default([...RULES])
      .describe('Which rules to run.'),
  }),
  reads: ['source'],
  writes: ['issues'],
  run({ config, state, log }) {
    const file = parseSource(readString(state, config.field, 'code.issues'), config.language);
    const errors = syntaxErrors(file);
    if (errors.length > 0)
      log.warn(`the source has syntax errors; results may be partial: ${errors.slice(0, 3).join('; ')}`);
    const issues = detectIssues(file, config, new Set(config.rules));
    return { issues: issues.map((issue) => ({ ...issue })) };
  },
});
