import { textCompare } from './compare.ts';
import { textKeywords } from './keywords.ts';
import { textRegex } from './regex.ts';
import { textSentiment } from './sentiment.ts';
import { textSplit } from './split.ts';
import { textSummarize } from './summarize.ts';
import { textTemplate } from './template.ts';

export { textCompare, textKeywords, textRegex, textSentiment, textSplit, textSummarize, textTemplate };
export const textTools = [
  textTemplate,
  textRegex,
  textSplit,
  textSentiment,
  textSummarize,
  textKeywords,
  textCompare,
] as const;
