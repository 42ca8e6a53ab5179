import { defineTool, isPlainObject } from '@weft/engine';
import { z } from 'zod';
import { readList, readString, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

const WEIGHT: Record<string, number> = { high: 10, medium: 4, low: 1 };

/**
 * The quality score: `exp(-density / 20)`, where density is the severity-weighted issue count
 * (high 10, medium 4, low 1) per 50 lines of code (at least one block of 50). 1 means no issues.
 */
export function qualityScore(severities: string[], codeLines: number): number {
  const penalty = severities.reduce((sum, s) => sum + (WEIGHT[s] ?? 0), 0);
  const density = penalty / Math.max(1, codeLines / 50);
  return Math.round(Math.exp(-density / 20) * 1000) / 1000;
}

export function grade(score: number): string {
  if (score >= 0.9) return 'A';
  if (score >= 0.8) return 'B';
  if (score >= 0.7) return 'C';
  if (score >= 0.6) return 'D';
  return 'F';
}

/** Lines holding code: not blank, not only a comment. */
export function countCodeLines(source: string): number {
  const withoutBlockComments = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ''));
  return withoutBlockComments.split('\n').filter((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('//');
  }).length;
}

export const codeScore = defineTool({
  id: 'code.score',
  title: 'Quality score',
  category: 'Code',
  description:
    'Scores code quality from 0 to 1 (and a grade A–F) from the issues found by code.issues, weighted by severity (high 10, medium 4, low 1) per 50 lines of code.',
  config: z.object({
    field: statePath('State key holding the source code (for its size).', 'source'),
    issuesField: statePath('State key holding the issues (from code.issues).', 'issues'),
  }),
  reads: ['source', 'issues'],
  writes: ['score', 'grade'],
  run({ config, state }) {
    const source = readString(state, config.field, 'code.score');
    const severities = readList(state, config.issuesField, 'code.score').map((issue, i) => {
      if (!isPlainObject(issue) || typeof issue.severity !== 'string' || !(issue.severity in WEIGHT)) {
        throw new ToolsError(
          'INVALID_INPUT',
          `state.${config.issuesField}[${i}] has no severity of low, medium or high`,
        );
      }
      return issue.severity;
    });
    const score = qualityScore(severities, countCodeLines(source));
    return { score, grade: grade(score) };
  },
});
