import { describe, expect, it } from 'vitest';
import { coreDescriptors } from '../testing/fixtures.ts';
import { groupTools } from './group-tools.ts';

const extra = {
  ...coreDescriptors[0]!,
  id: 'text.upper',
  title: 'Upper case',
  category: 'Text',
  description: 'Shouts.',
};

describe('groupTools', () => {
  it('puts Core first, then Human, then the rest by name', () => {
    const groups = groupTools([extra, ...coreDescriptors]);
    expect(groups.map((g) => g.category)).toEqual(['Core', 'Human', 'Text']);
    expect(groups[0]!.tools.map((t) => t.title)).toEqual(['Compute', 'Delay', 'Fail', 'Pass', 'Set values']);
  });

  it('filters by every word of the query', () => {
    expect(groupTools([extra, ...coreDescriptors], 'shout').flatMap((g) => g.tools.map((t) => t.id))).toEqual(
      ['text.upper'],
    );
    expect(groupTools(coreDescriptors, 'core wait').flatMap((g) => g.tools.map((t) => t.id))).toEqual([
      'core.delay',
    ]);
    expect(groupTools(coreDescriptors, 'nothing-like-this')).toEqual([]);
  });
});
