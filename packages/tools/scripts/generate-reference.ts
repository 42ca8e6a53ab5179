/**
 * Regenerates the tools reference table in packages/tools/README.md from the registry.
 * Usage: `node --import tsx packages/tools/scripts/generate-reference.ts` (from the repository root).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createBuiltinRegistry } from '../src/index.ts';
import { renderReference, replaceReference } from '../src/reference/render-reference.ts';

const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const next = replaceReference(readme, renderReference(createBuiltinRegistry().describe()));
if (next === readme) {
  console.log('packages/tools/README.md: the tools reference is up to date');
} else {
  writeFileSync(readmeUrl, next);
  console.log('packages/tools/README.md: the tools reference was regenerated');
}
