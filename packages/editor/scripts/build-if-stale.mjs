#!/usr/bin/env node
// Builds packages/editor/dist with Vite when it is missing or older than any input (the editor's sources,
// its config, and the engine it bundles); otherwise exits at once. `pnpm test` and `pnpm start` call it.
// A lock directory keeps two concurrent callers (the test command and an e2e run) from building at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const editor = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(editor, '..', '..');
const stamp = join(editor, 'dist', '.build-stamp');
const inputs = [
  join(editor, 'src'),
  join(editor, 'public'),
  join(editor, 'index.html'),
  join(editor, 'vite.config.ts'),
  join(editor, 'package.json'),
  join(root, 'packages', 'engine', 'src'),
  join(root, 'packages', 'engine', 'package.json'),
];

/** The newest modification time under `path`, skipping tests (they are not part of the build). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function isFresh() {
  if (!existsSync(stamp) || !existsSync(join(editor, 'dist', 'index.html'))) return false;
  const built = statSync(stamp).mtimeMs;
  return inputs.every((input) => newest(input) <= built);
}

if (isFresh()) process.exit(0);

const lock = join(editor, 'node_modules', '.build-lock');
const deadline = Date.now() + 180_000;
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    // Another build runs: wait for it, then check again whether it left a fresh build behind.
    if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
try {
  if (!isFresh()) {
    const started = Date.now();
    console.log('building the editor (vite build) …');
    const vite = join(editor, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: editor,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error('✖ the editor build failed');
      process.exit(result.status ?? 1);
    }
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    console.log(`built the editor in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
