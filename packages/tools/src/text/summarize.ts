import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString, statePath } from '../shared/state-path.ts';
import { contentWords, splitSentences, stem } from './language.ts';

const MAX_RANKED_SENTENCES = 400;

export const textSummarize = defineTool({
  id: 'text.summarize',
  title: 'Summarize (extractive)',
  category: 'Text',
  description:
    'Picks the most central sentences of a text with TextRank (sentences ranked by the words they share) and joins them in their original order. No model, no network.',
  config: z.object({
    field: statePath('State key (or dotted path) holding the text.', 'text'),
    sentences: z.number().int().min(1).max(100).default(3).describe('How many sentences the summary keeps.'),
  }),
  reads: ['text'],
  writes: ['summary'],
  run({ config, state }) {
    const text = readString(state, config.field, 'text.summarize');
    return { summary: summarize(text, config.sentences) };
  },
});

/** The `count` highest-ranked sentences of `text`, in document order. */
export function summarize(text: string, count: number): string {
  const sentences = splitSentences(text);
  if (sentences.length <= count) return sentences.map((s) => s.text).join(' ');
  const ranked = sentences.slice(0, MAX_RANKED_SENTENCES);
  const scores = textRank(ranked.map((s) => new Set(contentWords(s.text).map(stem))));
  const chosen = scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map((s) => s.index)
    .sort((a, b) => a - b);
  return chosen.map((i) => ranked[i]!.text).join(' ');
}

/**
 * TextRank (Mihalcea & Tarau, 2004): sentences are nodes, edges weigh shared words normalised by
 * sentence length, and PageRank's power iteration gives each sentence its centrality.
 */
export function textRank(bags: Array<Set<string>>, damping = 0.85, iterations = 40): number[] {
  const n = bags.length;
  const weights: number[][] = bags.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = bags[i]!;
      const b = bags[j]!;
      if (a.size < 2 || b.size < 2) continue;
      let shared = 0;
      for (const w of a) if (b.has(w)) shared++;
      const w = shared / (Math.log(a.size) + Math.log(b.size));
      weights[i]![j] = w;
      weights[j]![i] = w;
    }
  }
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let scores = new Array<number>(n).fill(1 / n);
  for (let k = 0; k < iterations; k++) {
    scores = scores.map((_, i) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[j]![i]!;
        if (w > 0) sum += (w / outSum[j]!) * scores[j]!;
      }
      return (1 - damping) / n + damping * sum;
    });
  }
  return scores;
}
