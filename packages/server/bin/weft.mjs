#!/usr/bin/env node
// The `weft` command. Weft ships as TypeScript: tsx compiles it (and TypeScript tool modules) on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
