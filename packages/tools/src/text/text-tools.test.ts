import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { textCompare } from './compare.ts';
import { textKeywords } from './keywords.ts';
import { textRegex } from './regex.ts';
import { textSentiment } from './sentiment.ts';
import { chunkBySize, textSplit } from './split.ts';
import { textSummarize } from './summarize.ts';
import { textTemplate } from './template.ts';

const ARTICLE = `Solar power is now the cheapest source of new electricity in most countries.
Panel prices fell by ninety percent over the last decade, driven by manufacturing scale.
Storage remains the main challenge, because solar power peaks at midday while demand peaks in the evening.
Battery prices are falling too, and grid-scale battery storage is growing quickly.
My neighbour painted his fence green last week.
Analysts expect solar power and battery storage together to supply a large share of electricity by 2040.`;

describe('text.template', () => {
  it('renders state into the chosen key and warns about missing names', async () => {
    const { patch, logs } = await runTool(textTemplate, {
      config: { template: 'Dear {{name}}, {{#items}}{{.}};{{/items}} {{missing}}', into: 'letter' },
      state: { name: 'Ada', items: ['a', 'b'] },
    });
    expect(patch).toEqual({ letter: 'Dear Ada, a;b; ' });
    expect(logs).toEqual([{ level: 'warn', message: 'no value for {{missing}}; left empty' }]);
  });

  it('fails on missing names when strict, and escapes HTML on request', async () => {
    await expect(
      runTool(textTemplate, { config: { template: '{{x}}', strict: true } }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_MISSING' });
    const { patch } = await runTool(textTemplate, {
      config: { template: '<p>{{x}}</p>', escape: 'html' },
      state: { x: '<script>' },
    });
    expect(patch).toEqual({ text: '<p>&#60;script&#62;</p>' });
  });

  it('reads the run input through input.', async () => {
    const { patch } = await runTool(textTemplate, {
      config: { template: '{{input.q}}' },
      state: {},
      input: { q: 'why' },
    });
    expect(patch).toEqual({ text: 'why' });
  });

  it('rejects a broken template at validation', () => {
    expect(textTemplate.config.safeParse({ template: '{{#a}}' }).success).toBe(false);
  });
});

describe('text.regex', () => {
  it('extracts numbered and named groups of every match', async () => {
    const { patch } = await runTool(textRegex, {
      config: { pattern: '(?<key>\\w+)=(\\d+)', field: 'line' },
      state: { line: 'a=1, b=22, c=x' },
    });
    expect(patch).toEqual({
      matches: [
        { match: 'a=1', index: 0, groups: ['a', '1'], named: { key: 'a' } },
        { match: 'b=22', index: 5, groups: ['b', '22'], named: { key: 'b' } },
      ],
    });
  });

  it('gives the first match or null', async () => {
    const first = await runTool(textRegex, {
      config: { pattern: 'B+', flags: 'i', mode: 'first', into: 'm' },
      state: { text: 'abbc' },
    });
    expect(first.patch).toEqual({ m: { match: 'bb', index: 1, groups: [], named: {} } });
    const none = await runTool(textRegex, {
      config: { pattern: 'z', mode: 'first' },
      state: { text: 'abc' },
    });
    expect(none.patch).toEqual({ matches: null });
  });

  it('refuses catastrophic patterns at validation and non-text input at run time', async () => {
    const parsed = textRegex.config.safeParse({ pattern: '(a+)+$' });
    expect(parsed.success).toBe(false);
    await expect(runTool(textRegex, { config: { pattern: 'a' }, state: { text: 3 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('text.split', () => {
  it('chunks by size at whitespace, with overlap', () => {
    const text = 'one two three four five six seven eight nine ten';
    const chunks = chunkBySize(text, 15, 0);
    expect(chunks).toEqual(['one two three', 'four five six', 'seven eight', 'nine ten']);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(15);
    const overlapping = chunkBySize(text, 20, 8);
    expect(overlapping[0]).toBe('one two three four');
    expect(overlapping[1]?.startsWith('four')).toBe(true);
    expect(overlapping.join(' ')).toContain('ten');
  });

  it('cuts words longer than a chunk', () => {
    expect(chunkBySize('abcdefghij', 4, 0)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('groups sentences and paragraphs with overlap', async () => {
    const { patch } = await runTool(textSplit, {
      config: { by: 'sentences', size: 2, overlap: 1 },
      state: { text: 'First one. Second one! Third one? Fourth.' },
    });
    expect(patch).toEqual({
      chunks: ['First one. Second one!', 'Second one! Third one?', 'Third one? Fourth.'],
    });
    const paragraphs = await runTool(textSplit, {
      config: { by: 'paragraphs', size: 1 },
      state: { text: 'a\n\nb\n \nc' },
    });
    expect(paragraphs.patch).toEqual({ chunks: ['a', 'b', 'c'] });
  });

  it('requires overlap below size', () => {
    expect(textSplit.config.safeParse({ size: 2, overlap: 2 }).success).toBe(false);
  });
});

describe('text.sentiment', () => {
  it('labels positive, negative and neutral text', async () => {
    const run = async (text: string) => (await runTool(textSentiment, { state: { text } })).patch;
    expect(await run('I love this wonderful, excellent product!')).toMatchObject({ sentiment: 'positive' });
    expect(await run('This is terrible, awful and broken. I hate it.')).toMatchObject({
      sentiment: 'negative',
    });
    expect(await run('The meeting is on Tuesday at the office.')).toEqual({ sentiment: 'neutral', score: 0 });
  });

  it('does not let one analysis change another', async () => {
    const before = (await runTool(textSentiment, { state: { text: 'good' } })).patch;
    const after = (await runTool(textSentiment, { state: { text: 'good' } })).patch;
    expect(after).toEqual(before);
  });
});

describe('text.summarize', () => {
  it('keeps the most central sentences in their original order', async () => {
    const { patch } = await runTool(textSummarize, { config: { sentences: 2 }, state: { text: ARTICLE } });
    const summary = String(patch?.summary);
    expect(summary).not.toContain('fence');
    expect(summary).toMatch(/solar power/i);
    const sentences = summary.split(/(?<=[.!?])\s+/);
    expect(sentences).toHaveLength(2);
    expect(ARTICLE.indexOf(sentences[0]!)).toBeLessThan(ARTICLE.indexOf(sentences[1]!));
  });

  it('returns short texts whole', async () => {
    const { patch } = await runTool(textSummarize, { state: { text: 'Only one sentence here.' } });
    expect(patch).toEqual({ summary: 'Only one sentence here.' });
  });
});

describe('text.keywords', () => {
  it('ranks recurring phrases first and skips stop words', async () => {
    const { patch } = await runTool(textKeywords, { config: { limit: 5 }, state: { text: ARTICLE } });
    const keywords = patch?.keywords as string[];
    expect(keywords).toHaveLength(5);
    expect(keywords.slice(0, 3)).toEqual(expect.arrayContaining(['solar power']));
    expect(keywords.some((k) => k.includes('battery storage'))).toBe(true);
    for (const k of keywords) expect(['the', 'and', 'is']).not.toContain(k);
  });
});

describe('text.compare', () => {
  it('measures word-level change between versions', async () => {
    const same = await runTool(textCompare, {
      config: { field: 'b', against: 'a' },
      state: { a: 'One two three.', b: 'one, two three' },
    });
    expect(same.patch).toEqual({ comparison: { change: 0, similarity: 1, added: 0, removed: 0, words: 3 } });
    const grown = await runTool(textCompare, {
      state: { previous: 'a b c d e f g h i j', text: 'a b c d e f g h i j k' },
    });
    expect(grown.patch?.comparison).toEqual({
      change: 0.0909,
      similarity: 0.9091,
      added: 1,
      removed: 0,
      words: 11,
    });
    const replaced = await runTool(textCompare, {
      state: { previous: 'red green blue', text: 'red yellow blue' },
    });
    expect(replaced.patch?.comparison).toMatchObject({ change: 0.3333, added: 1, removed: 1 });
  });

  it('treats a missing earlier text as empty', async () => {
    const { patch } = await runTool(textCompare, { state: { text: 'new words' } });
    expect(patch?.comparison).toMatchObject({ change: 1, added: 2, removed: 0 });
  });
});
