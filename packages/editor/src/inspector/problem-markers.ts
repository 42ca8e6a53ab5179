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

/** A problem's message without the `node 'x' (tool):` prefix, for showing beside the field it concerns. */
export function shortMessage(problem: Problem): string {
  return markerFor(problem).message;
}
