import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString, statePath } from '../shared/state-path.ts';
import { indexFunctions } from './functions-index.ts';
import { languageField, parseSource, syntaxErrors } from './parse-source.ts';

export const sourceConfig = {
  field: statePath('State key (or dotted path) holding the source code.', 'source'),
  language: languageField,
};

export const codeFunctions = defineTool({
  id: 'code.functions',
  title: 'Extract functions',
  category: 'Code',
  description:
    'Lists the functions, methods and arrow functions of a TypeScript or JavaScript source (parsed with the TypeScript compiler) with their location, size, parameters and whether they are async or exported.',
  config: z.object(sourceConfig),
  reads: ['source'],
  writes: ['functions'],
  run({ config, state, log }) {
    const file = parseSource(readString(state, config.field, 'code.functions'), config.language);
    const errors = syntaxErrors(file);
    if (errors.length > 0)
      log.warn(`the source has syntax errors; results may be partial: ${errors.slice(0, 3).join('; ')}`);
    const functions = indexFunctions(file).map((fn) => ({
      name: fn.name,
      kind: fn.kind,
      line: fn.line,
      endLine: fn.endLine,
      lines: fn.lines,
      params: fn.params,
      async: fn.async,
      exported: fn.exported,
    }));
    return { functions };
  },
});
