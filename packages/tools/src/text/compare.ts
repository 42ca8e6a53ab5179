import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readPath, readString, stateKey, statePath } from '../shared/state-path.ts';
import { words } from './language.ts';

export interface TextComparison {
  /** Share of the longer text's words that the other text lacks: 0 = same words, 1 = nothing shared. */
  change: number;
  similarity: number;
  added: number;
  removed: number;
  words: number;
}

/**
 * Compares two texts as multisets of words: `similarity` = shared words / words of the longer text.
 * Order-insensitive, linear in the text length, so it suits "did this revision change much?" checks.
 */
export function compareTexts(before: string, after: string): TextComparison {
  const count = (list: string[]) => {
    const m = new Map<string, number>();
    for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const a = words(before);
  const b = words(after);
  const countA = count(a);
  let shared = 0;
  for (const [w, n] of count(b)) shared += Math.min(n, countA.get(w) ?? 0);
  const longest = Math.max(a.length, b.length);
  const similarity = longest === 0 ? 1 : shared / longest;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    change: round(1 - similarity),
    similarity: round(similarity),
    added: b.length - shared,
    removed: a.length - shared,
    words: b.length,
  };
}

export const textCompare = defineTool({
  id: 'text.compare',
  title: 'Compare texts',
  category: 'Text',
  description:
    'Measures how much a text changed from an earlier version: words added and removed, `similarity` and `change` (0–1, word-based, order-insensitive). Useful for convergence checks in revision loops.',
  config: z.object({
    field: statePath('State key (or dotted path) of the new text.', 'text'),
    against: statePath(
      'State key (or dotted path) of the earlier text; missing counts as empty.',
      'previous',
    ),
    into: stateKey('State key that receives `{ change, similarity, added, removed, words }`.', 'comparison'),
  }),
  run({ config, state }) {
    const after = readString(state, config.field, 'text.compare');
    const earlier = readPath(state, config.against);
    const before = typeof earlier === 'string' ? earlier : '';
    return { [config.into]: { ...compareTexts(before, after) } };
  },
});
