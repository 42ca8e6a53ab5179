import { describe, expect, it } from 'vitest';
import { applyEdit } from '../graph/edits.ts';
import { sampleGraph } from '../testing/fixtures.ts';
import { onlyPositionsChanged } from './only-positions-changed.ts';

describe('onlyPositionsChanged', () => {
  it('is true for moves and false for any other edit', () => {
    const doc = sampleGraph();
    expect(
      onlyPositionsChanged(doc, applyEdit(doc, { type: 'moveNodes', positions: { start: { x: 5, y: 5 } } })),
    ).toBe(true);
    expect(
      onlyPositionsChanged(
        doc,
        applyEdit(doc, { type: 'updateNode', nodeId: 'start', changes: { label: 'x' } }),
      ),
    ).toBe(false);
    expect(onlyPositionsChanged(doc, applyEdit(doc, { type: 'updateGraph', changes: { name: 'x' } }))).toBe(
      false,
    );
    expect(
      onlyPositionsChanged(doc, applyEdit(doc, { type: 'removeElements', nodeIds: [], edgeIds: ['e1'] })),
    ).toBe(false);
  });
});
