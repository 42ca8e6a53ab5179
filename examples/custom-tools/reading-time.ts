import { defineTool, ToolError } from '@weft/engine';
import { z } from 'zod';

export const readingTime = defineTool({
  id: 'acme.reading-time',
  title: 'Reading time',
  category: 'Acme',
  description: 'Counts the words of a text and estimates how many minutes it takes to read.',
  config: z.object({
    field: z.string().default('body').describe('State key holding the text.'),
    wordsPerMinute: z.number().int().min(50).max(1000).default(230).describe('Reading speed.'),
  }),
  reads: ['body'],
  writes: ['words', 'minutes'],
  run({ state, config, progress }) {
    const body = state[config.field];
    if (typeof body !== 'string') {
      throw new ToolError('NO_TEXT', `state.${config.field} must be a string`, { retryable: false });
    }
    const words = body.split(/\s+/).filter(Boolean).length;
    progress(1, `${words} words`);
    return { words, minutes: Math.max(1, Math.ceil(words / config.wordsPerMinute)) };
  },
});
