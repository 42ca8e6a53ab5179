import { defineTool, isPlainObject } from '@weft/engine';
import { z } from 'zod';
import { readList, readPath, stateKey, statePath } from '../shared/state-path.ts';

export const dataBatch = defineTool({
  id: 'data.batch',
  title: 'Batch cursor',
  category: 'Data',
  description:
    'Hands out a list one batch per visit, for batch loops: writes the next `size` items and a cursor `{ index, offset, next, total, hasMore }`. Loop back while `state.cursor.hasMore`; set the cursor to null to start over.',
  config: z.object({
    field: statePath('State key (or dotted path) of the list.', 'items'),
    size: z.number().int().min(1).max(100_000).default(10).describe('Items per batch.'),
    into: stateKey('State key that receives the current batch.', 'batch'),
    cursor: stateKey('State key holding the cursor between visits.', 'cursor'),
  }),
  run({ config, state }) {
    const items = readList(state, config.field, 'data.batch');
    const previous = readPath(state, config.cursor);
    const offset = isPlainObject(previous) && typeof previous.next === 'number' ? previous.next : 0;
    const index = isPlainObject(previous) && typeof previous.index === 'number' ? previous.index + 1 : 0;
    const next = Math.min(items.length, offset + config.size);
    return {
      [config.into]: items.slice(offset, next),
      [config.cursor]: { index, offset, next, total: items.length, hasMore: next < items.length },
    };
  },
});
