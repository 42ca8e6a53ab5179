import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { readString, stateKey, statePath } from '../shared/state-path.ts';
import { splitSentences } from './language.ts';

const config = z
  .object({
    field: statePath('State key (or dotted path) holding the text to split.', 'text'),
    by: z
      .enum(['size', 'sentences', 'paragraphs'])
      .default('size')
      .describe(
        '`size`: chunks of at most `size` characters, cut at whitespace; `sentences`/`paragraphs`: `size` sentences or paragraphs per chunk.',
      ),
    size: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(1000)
      .describe('Characters (by size) or sentences/paragraphs per chunk.'),
    overlap: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('How much consecutive chunks share: characters (by size) or sentences/paragraphs.'),
    into: stateKey('State key that receives the list of chunks.', 'chunks'),
  })
  .refine((c) => c.overlap < c.size, { message: 'overlap must be smaller than size', path: ['overlap'] });

export const textSplit = defineTool({
  id: 'text.split',
  title: 'Split text',
  category: 'Text',
  description:
    'Splits a text into chunks by size (cut at whitespace), by sentences or by paragraphs, with an optional overlap between consecutive chunks.',
  config,
  run({ config, state }) {
    const text = readString(state, config.field, 'text.split');
    const chunks =
      config.by === 'size'
        ? chunkBySize(text, config.size, config.overlap)
        : group(
            config.by === 'sentences'
              ? splitSentences(text).map((s) => s.text)
              : text
                  .split(/\n\s*\n/)
                  .map((p) => p.trim())
                  .filter(Boolean),
            config.size,
            config.overlap,
            config.by === 'sentences' ? ' ' : '\n\n',
          );
    return { [config.into]: chunks };
  },
});

/** Chunks of at most `size` characters, cut at the last whitespace in the window when there is one. */
export function chunkBySize(text: string, size: number, overlap: number): string[] {
  const chunks: string[] = [];
  let start = skipSpace(text, 0);
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const window = text.slice(start, end + 1);
      const cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'), window.lastIndexOf('\t'));
      if (cut > size * 0.5) end = start + cut;
    }
    const chunk = text.slice(start, end).trim();
    if (chunk) chunks.push(chunk);
    if (end >= text.length) break;
    let next = end - overlap;
    if (overlap > 0) {
      // Start the overlap at a word boundary so no chunk begins mid-word.
      const space = text.slice(next, end).search(/\s/);
      if (space >= 0 && next + space < end) next += space;
    }
    start = skipSpace(text, Math.max(next, start + 1));
  }
  return chunks;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function group(items: string[], size: number, overlap: number, joiner: string): string[] {
  const chunks: string[] = [];
  const step = size - overlap;
  for (let start = 0; start < items.length; start += step) {
    chunks.push(items.slice(start, start + size).join(joiner));
    if (start + size >= items.length) break;
  }
  return chunks;
}
