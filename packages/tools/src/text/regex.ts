import { defineTool, type JsonObject, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { safeRegExp } from '../shared/safe-regex.ts';
import { readString, stateKey, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

const MAX_INPUT = 1_000_000;

const config = z
  .object({
    field: statePath('State key (or dotted path) holding the text to search.', 'text'),
    pattern: z
      .string()
      .min(1)
      .describe('JavaScript regular expression, without slashes. Named groups `(?<name>…)` become keys.'),
    flags: z
      .string()
      .regex(/^[imsuy]*$/, 'flags may be i, m, s, u and y (use `mode: all` instead of g)')
      .default('u')
      .describe(
        'Regular expression flags: i (ignore case), m (multi-line), s (dot matches newline), u (Unicode).',
      ),
    mode: z
      .enum(['first', 'all'])
      .default('all')
      .describe('`first`: the first match or null; `all`: a list of every match.'),
    maxMatches: z.number().int().min(1).max(100_000).default(1000).describe('Stop after this many matches.'),
    into: stateKey('State key that receives the match(es).', 'matches'),
  })
  .superRefine((value, ctx) => {
    try {
      safeRegExp(value.pattern, value.flags);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: (err as Error).message });
    }
  });

export const textRegex = defineTool({
  id: 'text.regex',
  title: 'Regex extract',
  category: 'Text',
  description:
    'Finds a regular expression in a text and extracts its groups: each match gives `match`, `index`, `groups` (numbered captures) and `named` (named captures). Patterns with nested repetition are refused.',
  config,
  run({ config, state }) {
    const text = readString(state, config.field, 'text.regex');
    if (text.length > MAX_INPUT) {
      throw new ToolsError(
        'INVALID_INPUT',
        `state.${config.field} has ${text.length} characters; text.regex reads at most ${MAX_INPUT}`,
      );
    }
    const regex = safeRegExp(config.pattern, `${config.flags}g`);
    const matches: JsonObject[] = [];
    for (const m of text.matchAll(regex)) {
      matches.push(describeMatch(m));
      if (config.mode === 'first' || matches.length >= config.maxMatches) break;
    }
    return { [config.into]: config.mode === 'first' ? (matches[0] ?? null) : matches };
  },
});

function describeMatch(m: RegExpMatchArray): JsonObject {
  const named: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(m.groups ?? {})) named[key] = value ?? null;
  return {
    match: m[0],
    index: m.index ?? 0,
    groups: m.slice(1).map((g) => g ?? null),
    named,
  };
}
