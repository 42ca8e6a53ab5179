import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { importGraph } from './import-graph.ts';

describe('importGraph', () => {
  it('accepts a document and keeps its id when free', () => {
    const result = importGraph(JSON.stringify(sampleGraph()), new Set());
    expect(result).toEqual({ ok: true, doc: sampleGraph() });
  });

  it('gives a taken id a fresh one', () => {
    const result = importGraph(JSON.stringify(sampleGraph()), new Set(['sample']));
    expect(result).toMatchObject({ ok: true, doc: { id: 'sample-2' }, renamedFrom: 'sample' });
  });

  it('explains what is wrong with a bad file', () => {
    expect(importGraph('{', new Set())).toMatchObject({
      ok: false,
      message: expect.stringContaining('not JSON'),
    });
    const bad = importGraph(JSON.stringify({ ...sampleGraph(), format: 'other' }), new Set());
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('at format') });
  });
});
