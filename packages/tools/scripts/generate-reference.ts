/**
 * Regenerates the tools reference table in packages/tools/README.md from the registry.
 * Usage: `node --import tsx packages/tools/scripts/generate-reference.ts` (from the repository root).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBuiltinRegistry } from '../src/index.ts';
import { normalizeTables, renderReference, replaceReference } from '../src/reference/render-reference.ts';

const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const next = replaceReference(readme, renderReference(createBuiltinRegistry().describe()));
if (normalizeTables(next) === normalizeTables(readme)) {
  console.log('packages/tools/README.md: the tools reference is up to date');
} else {
  writeFileSync(readmeUrl, next);
  // Biome aligns Markdown tables; format now so the checked-in file is what `biome ci` expects.
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
  execFileSync(biome, ['format', '--write', fileURLToPath(readmeUrl)], { stdio: 'inherit' });
  console.log('packages/tools/README.md: the tools reference was regenerated');
}
