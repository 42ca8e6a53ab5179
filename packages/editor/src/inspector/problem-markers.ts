import type { Problem } from '@weft/engine';
import type { CodeMarker } from '../monaco/code-editor.tsx';

/** The part of a node problem's path inside its config: `nodes[2].config.set.n` → `set.n`; null elsewhere. */
export function configPath(problemPath: string): string | null {
  const match = /^nodes\[\d+\]\.config(.*)$/.exec(problemPath);
  if (!match) return null;
  return match[1]!.replace(/^\./, '');
}

/**
 * An editor marker for a problem: its `range` when the engine gives one, else the column its message
 * names (`at column 10`), else the whole text.
 */
export function markerFor(problem: Problem): CodeMarker {
  const message = problem.message.replace(/^(node|edge) '[^']*'( \([^)]*\))?: /, '');
  if (problem.range)
    return { message, start: problem.range.start, end: Math.max(problem.range.end, problem.range.start + 1) };
  const column = /at column (\d+)/.exec(problem.message);
  if (column) {
    const start = Math.max(0, Number(column[1]) - 1);
    return { message, start, end: start + 1 };
  }
  return { message };
}

/** A problem's message without the `node 'x' (tool):` prefix, for lists of problems. */
export function shortMessage(problem: Problem): string {
  return markerFor(problem).message;
}

/**
 * A problem's message as shown under the field it concerns: without the `config.<path>:` prefix (the
 * field is right there), and a missing required value says just that.
 */
export function fieldMessage(problem: Problem): string {
  const message = shortMessage(problem).replace(/^config(\.[\w$.[\]"-]+)?: /, '');
  return /^Invalid input: expected \w+, received undefined$/.test(message) ? 'Required.' : message;
}
