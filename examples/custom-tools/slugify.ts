import { defineTool, ToolError } from '@weft/engine';
import { z } from 'zod';

/** Turns a title into a URL slug: "Hello, Wörld!" → "hello-world". */
export function toSlug(text: string, separator: string, maxLength: number): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastSeparator = cut.lastIndexOf(separator);
  return lastSeparator > 0 ? cut.slice(0, lastSeparator) : cut;
}

export const slugify = defineTool({
  id: 'acme.slugify',
  title: 'Slugify',
  category: 'Acme',
  description: 'Turns a title into a URL slug (lower case, accents removed, words joined by a separator).',
  config: z.object({
    field: z.string().default('title').describe('State key holding the title.'),
    separator: z.enum(['-', '_']).default('-').describe('What joins the words.'),
    maxLength: z.number().int().min(8).max(200).default(60).describe('Longest slug; cut at a word boundary.'),
  }),
  reads: ['title'],
  writes: ['slug'],
  run({ state, config }) {
    const title = state[config.field];
    if (typeof title !== 'string' || title.trim() === '') {
      throw new ToolError('NO_TITLE', `state.${config.field} must be a non-empty string`, {
        retryable: false,
      });
    }
    return { slug: toSlug(title, config.separator, config.maxLength) };
  },
});
