import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString, statePath } from '../shared/state-path.ts';
import { STOP_WORDS, stem } from './language.ts';

export const textKeywords = defineTool({
  id: 'text.keywords',
  title: 'Keywords',
  category: 'Text',
  description:
    'Extracts the key words and phrases of a text with RAKE (phrases between stop words, scored by word degree and frequency), most important first.',
  config: z.object({
    field: statePath('State key (or dotted path) holding the text.', 'text'),
    limit: z.number().int().min(1).max(100).default(10).describe('Largest number of keywords returned.'),
    maxWords: z.number().int().min(1).max(5).default(3).describe('Longest phrase, in words.'),
  }),
  reads: ['text'],
  writes: ['keywords'],
  run({ config, state }) {
    const text = readString(state, config.field, 'text.keywords');
    return { keywords: extractKeywords(text, config.limit, config.maxWords) };
  },
});

/** RAKE (Rose et al., 2010) keyphrases, weighted by how often each phrase recurs. */
export function extractKeywords(text: string, limit: number, maxWords: number): string[] {
  const phrases: string[][] = [];
  for (const fragment of text.toLowerCase().split(/[^\p{L}\p{N}'\s-]+|\s-\s|\n/u)) {
    let current: string[] = [];
    for (const raw of fragment.split(/\s+/)) {
      const word = raw.replace(/^['-]+|['-]+$/g, '');
      const isBreak = !word || STOP_WORDS.has(word) || /^\d+$/.test(word) || word.length < 2;
      if (isBreak) {
        if (current.length) phrases.push(current);
        current = [];
      } else {
        current.push(word);
      }
    }
    if (current.length) phrases.push(current);
  }
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  const usable = phrases.filter((p) => p.length <= maxWords);
  for (const phrase of usable) {
    for (const word of phrase) {
      const key = stem(word);
      frequency.set(key, (frequency.get(key) ?? 0) + 1);
      degree.set(key, (degree.get(key) ?? 0) + phrase.length);
    }
  }
  const byPhrase = new Map<string, { text: string; score: number; stems: string[]; first: number }>();
  usable.forEach((phrase, index) => {
    const stems = phrase.map(stem);
    const key = stems.join(' ');
    if (byPhrase.has(key)) return;
    const score = stems.reduce((s, w) => s + degree.get(w)! / frequency.get(w)!, 0);
    byPhrase.set(key, { text: phrase.join(' '), score, stems, first: index });
  });
  // Plain RAKE favours long one-off phrases; counting a phrase also where it sits inside a longer one
  // ("solar power" in "solar power peaks") brings recurring concepts back to the top.
  const stemmed = usable.map((p) => p.map(stem));
  return [...byPhrase.values()]
    .map((e) => ({ ...e, weight: e.score * occurrences(e.stems, stemmed) }))
    .sort((a, b) => b.weight - a.weight || a.first - b.first)
    .slice(0, limit)
    .map((e) => e.text);
}

function occurrences(needle: string[], phrases: string[][]): number {
  let count = 0;
  for (const phrase of phrases) {
    for (let i = 0; i + needle.length <= phrase.length; i++) {
      if (needle.every((w, j) => phrase[i + j] === w)) count++;
    }
  }
  return count;
}
