import { codeAutofix } from './autofix.ts';
import { codeComplexity } from './complexity.ts';
import { codeFunctions } from './functions.ts';
import { codeIssues } from './issues.ts';
import { codeScore } from './score.ts';
import { codeSuggest } from './suggest.ts';

export { codeAutofix, codeComplexity, codeFunctions, codeIssues, codeScore, codeSuggest };
export const codeTools = [
  codeFunctions,
  codeComplexity,
  codeIssues,
  codeSuggest,
  codeScore,
  codeAutofix,
] as const;
