import { defineTool } from '@weft/engine';
import Sentiment from 'sentiment';
import { z } from 'zod';
import { readString, statePath } from '../shared/state-path.ts';

// The analyser holds no per-call state. Its `extras` option is not used: the library merges extras into
// its shared word list, so one node's words would leak into every later analysis.
const analyser = new Sentiment();

export const textSentiment = defineTool({
  id: 'text.sentiment',
  title: 'Sentiment',
  category: 'Text',
  description:
    'Scores the sentiment of an English text with the AFINN-165 lexicon (the `sentiment` package): `score` is the average word score in [-5, 5], `sentiment` is positive, negative or neutral.',
  config: z.object({
    field: statePath('State key (or dotted path) holding the text.', 'text'),
    threshold: z.number().min(0).max(5).default(0.05).describe('Scores within ±threshold count as neutral.'),
  }),
  reads: ['text'],
  writes: ['sentiment', 'score'],
  run({ config, state }) {
    const text = readString(state, config.field, 'text.sentiment');
    const result = analyser.analyze(text);
    const score = Math.round(result.comparative * 1000) / 1000;
    const sentiment =
      score > config.threshold ? 'positive' : score < -config.threshold ? 'negative' : 'neutral';
    return { sentiment, score };
  },
});
