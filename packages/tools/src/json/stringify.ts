import { defineTool, type JsonValue } from '@weft/engine';
import { z } from 'zod';
import { setOwn } from '../shared/set-own.ts';
import { readValue, stateKey, statePath } from '../shared/state-path.ts';

export const jsonStringify = defineTool({
  id: 'json.stringify',
  title: 'Stringify JSON',
  category: 'JSON',
  description:
    'Writes a state value as JSON text, optionally indented and with sorted keys (stable output for diffs and hashes).',
  config: z.object({
    field: statePath('State key (or dotted path) of the value.', 'data'),
    into: stateKey('State key that receives the JSON text.', 'json'),
    indent: z.number().int().min(0).max(8).default(2).describe('Spaces per level; 0 writes one line.'),
    sortKeys: z.boolean().default(false).describe('Sort object keys alphabetically.'),
  }),
  run({ config, state }) {
    const value = readValue(state, config.field, 'json.stringify');
    const prepared = config.sortKeys ? sortKeys(value) : value;
    return { [config.into]: JSON.stringify(prepared, null, config.indent || undefined) };
  },
});

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) setOwn(out, key, sortKeys(value[key]!));
  return out;
}
