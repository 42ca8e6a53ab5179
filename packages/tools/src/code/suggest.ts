import { defineTool, isPlainObject, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { readList, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';
import type { Issue, Rule, Severity } from './detect-issues.ts';

const ADVICE: Record<Rule, { title: string; advice: string }> = {
  'long-function': {
    title: 'Split long functions',
    advice: 'Extract cohesive steps into named helper functions so each reads as one idea.',
  },
  complexity: {
    title: 'Reduce branching',
    advice:
      'Replace nested conditions with early returns, lookup tables or polymorphism; extract complex conditions into well-named predicates.',
  },
  'deep-nesting': {
    title: 'Flatten nesting',
    advice:
      'Invert conditions and return early (guard clauses), or move inner loops into their own functions.',
  },
  'too-many-params': {
    title: 'Group parameters',
    advice: 'Pass an options object with named fields instead of a long positional list.',
  },
  'unused-variable': {
    title: 'Remove unused code',
    advice: 'Delete variables, imports and parameters that are never read; they mislead readers.',
  },
  'explicit-any': {
    title: 'Type what is `any`',
    advice: 'Use `unknown` and narrow it, or declare the real type, so the compiler checks this code again.',
  },
  'empty-catch': {
    title: 'Handle or report errors',
    advice: 'Log the error, rethrow it with context, or comment why ignoring it is correct.',
  },
  'console-call': {
    title: 'Use a logger',
    advice: 'Remove debugging output or route it through the application logger with a level.',
  },
  debugger: {
    title: 'Remove `debugger`',
    advice: 'Delete `debugger` statements before shipping; they pause any attached debugger.',
  },
  'loose-equality': {
    title: 'Compare strictly',
    advice: 'Use `===` and `!==`; loose equality converts types in surprising ways (`"" == 0`).',
  },
  'var-declaration': {
    title: 'Prefer `const` and `let`',
    advice:
      'Replace `var` with `const` (or `let` when reassigned) for block scoping and no hoisting surprises.',
  },
  'todo-comment': {
    title: 'Resolve TODOs',
    advice: 'Turn TODO/FIXME comments into tracked issues or finish the work.',
  },
};
const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export const codeSuggest = defineTool({
  id: 'code.suggest',
  title: 'Suggest improvements',
  category: 'Code',
  description:
    'Turns the issues found by code.issues into concrete improvement suggestions, one per rule, most severe and most frequent first, with the lines and functions concerned.',
  config: z.object({
    field: statePath('State key holding the issues (from code.issues).', 'issues'),
    limit: z.number().int().min(1).max(50).default(10).describe('Largest number of suggestions.'),
  }),
  reads: ['issues'],
  writes: ['suggestions'],
  run({ config, state }) {
    const issues = readList(state, config.field, 'code.suggest').map((item, i) =>
      asIssue(item, i, config.field),
    );
    return { suggestions: suggest(issues).slice(0, config.limit) };
  },
});

export function suggest(issues: Issue[]): JsonObject[] {
  const byRule = new Map<Rule, Issue[]>();
  for (const issue of issues) byRule.set(issue.rule, [...(byRule.get(issue.rule) ?? []), issue]);
  return [...byRule.entries()]
    .map(([rule, found]) => {
      const severity = found.reduce<Severity>(
        (worst, i) => (SEVERITY_RANK[i.severity] > SEVERITY_RANK[worst] ? i.severity : worst),
        'low',
      );
      const functions = [...new Set(found.map((i) => i.function).filter((f): f is string => f !== null))];
      const where = functions.length ? ` in ${functions.slice(0, 5).join(', ')}` : '';
      return {
        rule,
        priority: severity,
        title: ADVICE[rule].title,
        suggestion: `${ADVICE[rule].advice} (${found.length} occurrence${found.length === 1 ? '' : 's'}${where}.)`,
        occurrences: found.length,
        lines: found.map((i) => i.line),
        functions,
      };
    })
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.priority] - SEVERITY_RANK[a.priority] ||
        b.occurrences - a.occurrences ||
        a.rule.localeCompare(b.rule),
    );
}

function asIssue(item: unknown, index: number, field: string): Issue {
  if (
    !isPlainObject(item) ||
    typeof item.rule !== 'string' ||
    !(item.rule in ADVICE) ||
    !(String(item.severity) in SEVERITY_RANK)
  ) {
    throw new ToolsError(
      'INVALID_INPUT',
      `state.${field}[${index}] is not an issue from code.issues ({ rule, severity, line, … })`,
    );
  }
  return item as unknown as Issue;
}
