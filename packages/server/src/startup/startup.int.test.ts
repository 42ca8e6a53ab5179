import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreSet } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.ts';
import { openStore } from '../storage/open-store.ts';
import type { Store } from '../storage/store.ts';
import { threeNodeGraph } from '../testing/test-app.ts';
import { importExamples } from './import-examples.ts';
import { loadToolModules, toolsOfModule } from './load-tool-modules.ts';

const CLI_TOOLS = fileURLToPath(new URL('../../test/fixtures/cli-tools.ts', import.meta.url));
const RECORDING_TOOLS = fileURLToPath(new URL('../../test/fixtures/recording-tools.ts', import.meta.url));

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-startup-'));
  store = await openStore({ database: ':memory:' });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('tool modules', () => {
  it('finds named, default and array exports, once each', () => {
    expect(toolsOfModule({ a: coreSet, default: [coreSet], helper: 42, text: 'x' })).toEqual([coreSet]);
  });

  it('loads TypeScript modules and refuses duplicates, naming the module', async () => {
    const tools = await loadToolModules([CLI_TOOLS, RECORDING_TOOLS], ['core.set'], dir);
    expect(tools.map((t) => t.id)).toEqual(['cli.shout', 'test.record']);
    await expect(loadToolModules([CLI_TOOLS, CLI_TOOLS], [], dir)).rejects.toThrow(
      `tool module ${CLI_TOOLS} defines 'cli.shout', which is already defined by tool module ${CLI_TOOLS}`,
    );
    await writeFile(join(dir, 'empty.mjs'), 'export const nothing = 1;');
    await expect(loadToolModules(['empty.mjs'], [], dir)).rejects.toThrow('exports no tool');
    await expect(loadToolModules(['missing.mjs'], [], dir)).rejects.toThrow(
      'cannot load tool module missing.mjs',
    );
  });
});

describe('example graphs', () => {
  it('imports examples once, on first start: valid ones as valid, others as drafts', async () => {
    await writeFile(join(dir, 'three.json'), JSON.stringify(threeNodeGraph()));
    await writeFile(join(dir, 'three.input.json'), JSON.stringify({ x: 1 }));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'not a graph' }));
    await mkdir(join(dir, 'custom'));
    await writeFile(
      join(dir, 'custom', 'custom.graph.json'),
      JSON.stringify({ ...threeNodeGraph('custom'), nodes: [{ id: 'a', tool: 'acme.unknown' }], edges: [] }),
    );
    const tools = createBuiltinRegistry();
    expect(await importExamples(store, tools, dir, silentLogger(), 5000)).toEqual(['custom', 'three']);
    expect((await store.graphs.get('custom'))?.valid).toBe(false);
    expect((await store.graphs.get('three'))?.valid).toBe(true);
    await store.graphs.delete('three');
    expect(await importExamples(store, tools, dir, silentLogger(), 5000)).toEqual([]);
    expect(await store.graphs.get('three')).toBeUndefined();
  });

  it('imports nothing into a database that already has graphs, or from a missing folder', async () => {
    await store.graphs.create({ document: threeNodeGraph('mine') as never, valid: true, errors: [], now: 1 });
    await writeFile(join(dir, 'three.json'), JSON.stringify(threeNodeGraph()));
    expect(await importExamples(store, createBuiltinRegistry(), dir, silentLogger(), 5000)).toEqual([]);
    const fresh = await openStore({ database: ':memory:' });
    expect(
      await importExamples(fresh, createBuiltinRegistry(), join(dir, 'nope'), silentLogger(), 5000),
    ).toEqual([]);
    await fresh.close();
  });
});
