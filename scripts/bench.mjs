#!/usr/bin/env node
// `pnpm bench [engine|server|editor|scale …]`: runs the named benchmarks (all when none is named).
// Each prints its figures and ends with one JSON line; docs/BENCHMARKS.md records the results.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = ['engine', 'server', 'editor', 'scale'];
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const chosen = names.length > 0 ? names : all.filter((n) => existsSync(join(root, 'bench', `${n}.bench.ts`)));
for (const name of chosen) {
  const file = join(root, 'bench', `${name}.bench.ts`);
  if (!existsSync(file)) {
    console.error(`no benchmark named '${name}'; known: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...flags], {
    cwd: join(root, 'bench'),
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
