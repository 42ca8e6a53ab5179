#!/usr/bin/env node
// The one test command (`pnpm test`): format + lint, type check, architecture rules, then every test
// tier. With CI=true a skipped or todo test fails the run: in CI everything really runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const ci = process.env.CI === 'true' || process.env.CI === '1';
const extra = process.argv.slice(2);

/** True when a folder holds TypeScript of its own (a package that has no code yet is not type-checked). */
function hasTypeScript(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    if (entry.isDirectory() && hasTypeScript(join(dir, entry.name))) return true;
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) return true;
  }
  return false;
}

function step(title, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

if (extra.length === 0) {
  step('format and lint (biome)', bin('biome'), ['ci', '--colors=off', '--error-on-warnings', '.']);
  for (const project of [
    'packages/engine',
    'packages/tools',
    'packages/server',
    'packages/editor',
    'examples',
    'bench',
  ]) {
    if (existsSync(join(root, project, 'tsconfig.json')) && hasTypeScript(join(root, project)))
      step(`type check ${project}`, bin('tsc'), ['-p', join(project, 'tsconfig.json')]);
  }
  step('architecture rules (dependency-cruiser: cycles, engine purity, layering)', bin('depcruise'), [
    'packages',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'err',
  ]);
  if (existsSync(join(root, 'packages/editor/scripts/build-if-stale.mjs'))) {
    step('build the editor for the end-to-end tests', process.execPath, [
      'packages/editor/scripts/build-if-stale.mjs',
    ]);
  }
}

mkdirSync(join(root, 'artifacts'), { recursive: true });
const report = join(root, 'artifacts', 'vitest-report.json');
step('tests (vitest: unit, integration, e2e)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

if (ci) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  if (skipped > 0) {
    console.error(`✖ ${skipped} test(s) were skipped or left as todo; with CI=true every test must run`);
    process.exit(1);
  }
  console.log(`✔ ${summary.numPassedTests} tests passed, none skipped`);
}
