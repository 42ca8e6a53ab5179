import { describe, expect, it } from 'vitest';
import { coreDescriptors, sampleGraph } from '../testing/fixtures.ts';
import { analyzeDocument } from './analysis.ts';

describe('analyzeDocument', () => {
  it('validates with the engine against described tools and finds the loops', () => {
    expect(analyzeDocument(sampleGraph(), coreDescriptors)).toEqual({ problems: [], backEdges: ['again'] });
    const broken = { ...sampleGraph(), nodes: [...sampleGraph().nodes, { id: 'x', tool: 'nope.tool' }] };
    const { problems } = analyzeDocument(broken, coreDescriptors);
    expect(problems.map((p) => p.code)).toContain('UNKNOWN_TOOL');
  });
});
