import { contentWords, stem } from '../text/language.ts';

/** Terms as the search indexes them: content words, lower-cased and stemmed. */
export function terms(text: string): string[] {
  return contentWords(text).map(stem);
}

export interface Bm25Index {
  readonly size: number;
  /** Scores every document for a query; documents sharing no term with it are left out. */
  search(query: string): Array<{ doc: number; score: number }>;
}

/**
 * Okapi BM25 (Robertson & Zaragoza) with the usual k1 = 1.2 and b = 0.75, and the
 * non-negative IDF `ln(1 + (N − df + 0.5) / (df + 0.5))` used by Lucene.
 *
 * @example
 * const index = createBm25Index(['the cat sat', 'dogs bark']);
 * index.search('cat'); // [{ doc: 0, score: … }]
 */
export function createBm25Index(texts: readonly string[], k1 = 1.2, b = 0.75): Bm25Index {
  const docs = texts.map((text) => {
    const tf = new Map<string, number>();
    const list = terms(text);
    for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: list.length };
  });
  const df = new Map<string, number>();
  for (const { tf } of docs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  const idf = (t: string) => {
    const f = df.get(t) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  return {
    size: n,
    search(query) {
      const queryTerms = [...new Set(terms(query))];
      const out: Array<{ doc: number; score: number }> = [];
      docs.forEach(({ tf, length }, doc) => {
        let score = 0;
        for (const t of queryTerms) {
          const f = tf.get(t);
          if (!f) continue;
          score += (idf(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * length) / (avgLength || 1)));
        }
        if (score > 0) out.push({ doc, score });
      });
      return out.sort((x, y) => y.score - x.score || x.doc - y.doc);
    },
  };
}
