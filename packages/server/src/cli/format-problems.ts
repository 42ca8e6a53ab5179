import type { Problem } from '@weft/engine';
import { color } from './cli-io.ts';

/** `file: path: CODE message` lines, one per problem, and a count. */
export function formatProblems(file: string, problems: Problem[], tty: boolean): string {
  const c = color(tty);
  const lines = problems.map(
    (p) => `${file}: ${c.bold(p.path || '(document)')}: ${c.red(p.code)} ${p.message}`,
  );
  lines.push(`${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
