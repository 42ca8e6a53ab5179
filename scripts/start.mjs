#!/usr/bin/env node
// `pnpm start`: builds the editor when its build is missing or stale, then starts `weft serve` on the
// embedded SQLite database (./data/weft.db) with the example graphs loaded. Extra arguments are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [join(root, 'packages/editor/scripts/build-if-stale.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
// `pnpm start -- --port 4000` hands the script a leading `--`; weft takes its flags without it.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
const child = spawn(process.execPath, [join(root, 'packages/server/bin/weft.mjs'), 'serve', ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
