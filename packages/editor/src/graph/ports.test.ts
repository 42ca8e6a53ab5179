import { describe, expect, it } from 'vitest';
import { coreDescriptors } from '../testing/fixtures.ts';
import { nodePorts } from './ports.ts';

const tool = (id: string) => coreDescriptors.find((d) => d.id === id);

describe('nodePorts', () => {
  it('reads the keys of the core tools from their config', () => {
    expect(
      nodePorts({ id: 'a', tool: 'core.set', config: { values: { x: 1, y: 2 } } }, tool('core.set')),
    ).toEqual({
      reads: [],
      writes: ['x', 'y'],
    });
    expect(
      nodePorts(
        { id: 'a', tool: 'core.compute', config: { set: { n: 'state.n + state.step' } } },
        tool('core.compute'),
      ),
    ).toEqual({ reads: ['n', 'step'], writes: ['n'] });
    expect(
      nodePorts({ id: 'a', tool: 'core.approval', config: { prompt: 'ok?' } }, tool('core.approval')),
    ).toEqual({
      reads: [],
      writes: ['approval'],
    });
  });

  it('uses the declared reads and writes of other tools', () => {
    const descriptor = { ...tool('core.pass')!, id: 'text.x', reads: ['text'], writes: ['score'] };
    expect(nodePorts({ id: 'a', tool: 'text.x' }, descriptor)).toEqual({
      reads: ['text'],
      writes: ['score'],
    });
    expect(nodePorts({ id: 'a', tool: 'missing' }, undefined)).toEqual({ reads: [], writes: [] });
  });
});
