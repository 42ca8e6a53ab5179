import { describe, expect, it } from 'vitest';
import { coreDescriptors } from '../testing/fixtures.ts';
import { estimateNodeSize } from './node-size.ts';

const tool = (id: string) => coreDescriptors.find((d) => d.id === id);

describe('estimateNodeSize', () => {
  it('grows with the port rows a card shows', () => {
    expect(estimateNodeSize({ id: 'a', tool: 'core.pass' }, tool('core.pass'))).toEqual({
      width: 224,
      height: 60,
    });
    expect(
      estimateNodeSize({ id: 'a', tool: 'core.set', config: { values: { x: 1 } } }, tool('core.set')),
    ).toEqual({
      width: 224,
      height: 91,
    });
    expect(
      estimateNodeSize(
        { id: 'a', tool: 'core.compute', config: { set: { n: 'state.n + 1' } } },
        tool('core.compute'),
      ),
    ).toEqual({ width: 224, height: 110 });
  });
});
