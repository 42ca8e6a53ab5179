import { defineTool, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { readString, stateKey, statePath } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

export const jsonParse = defineTool({
  id: 'json.parse',
  title: 'Parse JSON',
  category: 'JSON',
  description:
    'Parses a JSON text from the state. With `extract` (the default) it also finds the JSON inside a Markdown code fence or surrounding prose, as language models often write it.',
  config: z.object({
    field: statePath('State key (or dotted path) holding the JSON text.', 'text'),
    into: stateKey('State key that receives the parsed value.', 'data'),
    extract: z
      .boolean()
      .default(true)
      .describe('Look for the JSON inside ```json fences or between the first { or [ and the last } or ].'),
  }),
  run({ config, state }) {
    const text = readString(state, config.field, 'json.parse');
    return { [config.into]: parseJsonText(text, config.extract, `state.${config.field}`) };
  },
});

/** Parses JSON, optionally digging it out of a code fence or prose; throws `INVALID_JSON`. */
export function parseJsonText(text: string, extract: boolean, where: string): JsonValue {
  const candidates = extract ? jsonCandidates(text) : [text];
  let firstError: Error | undefined;
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as JsonValue;
    } catch (err) {
      firstError ??= err as Error;
    }
  }
  throw new ToolsError(
    'INVALID_JSON',
    `${where} is not valid JSON: ${firstError?.message ?? 'no JSON found'}`,
  );
}

function jsonCandidates(text: string): string[] {
  const out = [text.trim()];
  const fence = /```(?:json|JSON)?[ \t]*\n([\s\S]*?)\n?```/.exec(text);
  if (fence?.[1]) out.push(fence[1].trim());
  for (const [open, close] of [
    ['{', '}'],
    ['[', ']'],
  ] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start) out.push(text.slice(start, end + 1));
  }
  return out;
}
