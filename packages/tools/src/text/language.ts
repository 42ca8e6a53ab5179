/**
 * The small amount of language handling the text tools share: sentence and word segmentation through
 * `Intl.Segmenter` (Unicode rules, any script) and an English stop-word list.
 */

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** A sentence with its offsets in the source text. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Splits text into trimmed sentences; blank lines also end a sentence (headings, list items). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const { segment, index } of sentenceSegmenter.segment(text)) {
    // Intl treats a heading followed by a paragraph as one sentence; line breaks are a stronger signal.
    let offset = 0;
    for (const piece of segment.split(/\n\s*\n|\n(?=\s*(?:[-*•#]|\d+[.)])\s)/)) {
      const local = segment.indexOf(piece, offset);
      offset = local + piece.length;
      const trimmed = piece.trim();
      if (!trimmed) continue;
      const start = index + local + piece.indexOf(trimmed);
      out.push({ text: trimmed.replace(/\s+/g, ' '), start, end: start + trimmed.length });
    }
  }
  return out;
}

/** Lower-cased words (letters and digits), in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (isWordLike) out.push(segment.toLowerCase());
  }
  return out;
}

/** A crude English stem: enough to count "risk", "risks" and "risky" as one term in ranking. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ingly', 'edly', 'ing', 'ies', 'ied', 'ed', 'es', 'ly', 'y', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      return suffix === 'ies' || suffix === 'ied' ? `${base}y` : base;
    }
  }
  return word;
}

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each few for from further had hadn't has hasn't have haven't having he her here hers herself him himself his
how i if in into is isn't it it's its itself just let's may me might more most must mustn't my myself no nor
not now of off on once only or other ought our ours ourselves out over own same shall she should shouldn't so
some such than that that's the their theirs them themselves then there there's these they this those through
to too under until up upon us very was wasn't we were weren't what when where which while who whom why will
with within without won't would wouldn't you your yours yourself yourselves one two also however thus via per
etc e.g i.e using use used can will`.split(/\s+/),
);

/** Words that carry meaning: not stop words, not bare numbers, at least two characters. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
}
