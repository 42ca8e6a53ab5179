import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { searchDocuments } from './documents.ts';

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-docs-'));
  outside = await mkdtemp(join(tmpdir(), 'weft-outside-'));
  await mkdir(join(root, 'notes', 'deep'), { recursive: true });
  await writeFile(
    join(root, 'notes', 'heat-pumps.md'),
    '# Heat pumps\n\nHeat pumps move heat.\n\nThey cut heating bills in cold climates.',
  );
  await writeFile(
    join(root, 'notes', 'solar.md'),
    '# Solar power\n\nSolar panels make electricity from sunlight.',
  );
  await writeFile(
    join(root, 'notes', 'deep', 'storage.txt'),
    'Battery storage smooths solar output over the day.',
  );
  await writeFile(join(root, 'notes', 'image.png'), 'solar solar solar');
  await writeFile(join(outside, 'secret.md'), '# Secret\n\nsolar secret');
  await symlink(outside, join(root, 'notes', 'link'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('search.documents', () => {
  it('ranks the matching files of a folder, with titles and snippets', async () => {
    const { patch, logs } = await runTool(searchDocuments, {
      config: { folder: 'notes', query: '{{topic}} storage' },
      state: { topic: 'solar' },
      services: { documentsRoot: root },
    });
    const results = patch?.results as Array<{ path: string; title: string; score: number; snippet: string }>;
    expect(results.map((r) => r.path)).toEqual(['notes/deep/storage.txt', 'notes/solar.md']);
    expect(results[1]).toMatchObject({
      title: 'Solar power',
      snippet: 'Solar panels make electricity from sunlight.',
    });
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(logs[0]?.message).toBe('3 documents searched for "solar storage": 2 match(es)');
  });

  it('includes the full text on request and honours the limit', async () => {
    const { patch } = await runTool(searchDocuments, {
      config: { query: 'heat', limit: 1, includeText: true, into: 'hits' },
      services: { documentsRoot: root },
    });
    expect(patch?.hits).toEqual([
      expect.objectContaining({
        path: 'notes/heat-pumps.md',
        text: expect.stringContaining('cold climates'),
      }),
    ]);
  });

  it('refuses folders outside the documents root and follows no symbolic links', async () => {
    await expect(
      runTool(searchDocuments, { config: { folder: '..', query: 'x' }, services: { documentsRoot: root } }),
    ).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_ROOT',
    });
    await expect(
      runTool(searchDocuments, {
        config: { folder: outside, query: 'x' },
        services: { documentsRoot: root },
      }),
    ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(
      runTool(searchDocuments, {
        config: { folder: 'notes/link', query: 'x' },
        services: { documentsRoot: root },
      }),
    ).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    const { patch } = await runTool(searchDocuments, {
      config: { query: 'secret' },
      services: { documentsRoot: root },
    });
    expect(patch?.results).toEqual([]);
  });

  it('explains a missing folder and an empty query', async () => {
    await expect(
      runTool(searchDocuments, { config: { folder: 'nope', query: 'x' }, services: { documentsRoot: root } }),
    ).rejects.toMatchObject({
      code: 'DOCUMENTS_NOT_FOUND',
    });
    await expect(
      runTool(searchDocuments, { state: { query: '  ' }, services: { documentsRoot: root } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
