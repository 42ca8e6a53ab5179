import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.ts';
import { normalizeTables, renderReference, replaceReference } from './render-reference.ts';

describe('the tools reference in packages/tools/README.md', () => {
  it('is up to date (run: node --import tsx packages/tools/scripts/generate-reference.ts)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const fresh = replaceReference(readme, renderReference(createBuiltinRegistry().describe()));
    expect(normalizeTables(readme)).toBe(normalizeTables(fresh));
  });
});
