#!/usr/bin/env node
// `pnpm start`: builds the editor when its build is missing or stale, then starts `weft serve` on the
// embedded SQLite database (./data/weft.db) with the example graphs loaded. Extra arguments are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildEditor = join(root, 'packages/editor/scripts/build-if-stale.mjs');
if (existsSync(buildEditor)) {
  const built = spawnSync(process.execPath, [buildEditor], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const cli = join(root, 'packages/server/bin/weft.mjs');
const args = existsSync(cli)
  ? [cli, 'serve', ...process.argv.slice(2)]
  : ['--import', 'tsx', join(root, 'examples/run-hello.ts')];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
