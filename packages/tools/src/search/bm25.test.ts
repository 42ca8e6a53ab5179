import { describe, expect, it } from 'vitest';
import { createBm25Index, terms } from './bm25.ts';
import { bestPassage } from './documents.ts';

describe('BM25', () => {
  const docs = [
    'Heat pumps move heat instead of burning fuel. Heat pumps work well in cold climates.',
    'Solar panels turn sunlight into electricity.',
    'The heat of the summer was intense.',
    'Cooking pasta needs salted water.',
  ];
  const index = createBm25Index(docs);

  it('ranks documents by term frequency, rarity and length', () => {
    const hits = index.search('heat pumps');
    expect(hits.map((h) => h.doc)).toEqual([0, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('stems and ignores stop words', () => {
    expect(terms('The pumps are pumping')).toEqual(['pump', 'pump']);
    expect(index.search('the of and')).toEqual([]);
    expect(index.search('panel')[0]?.doc).toBe(1);
  });

  it('picks the paragraph that shares most query terms as the snippet', () => {
    const text =
      '# Title\n\nIntro about nothing.\n\nHeat pumps and heat recovery save energy.\n\nClosing words.';
    expect(bestPassage({ path: 'a.md', title: 'Title', text }, 'heat pumps')).toBe(
      'Heat pumps and heat recovery save energy.',
    );
  });
});
