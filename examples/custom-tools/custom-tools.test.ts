import { fileURLToPath } from 'node:url';
import type { GraphDocument, ToolDescriptor } from '@weft/engine';
import { createServer, silentLogger } from '@weft/server';
import { checkToolConformance } from '@weft/tools/conformance';
import { describe, expect, it } from 'vitest';
import { readExampleJson, runExample } from '../support/run-example.ts';
import { readingTime, slugify } from './index.ts';
import { toSlug } from './slugify.ts';

const graph = readExampleJson<GraphDocument>('custom-tools/custom-tools.graph.json');
const input = readExampleJson<{ title: string; body: string }>('custom-tools/custom-tools.input.json');
const expected = {
  slug: 'creme-brulee-write-ahead-logs-a-field',
  words: 300,
  minutes: 2,
  card: 'Crème brûlée & Write-Ahead Logs: a Field Guide for Busy Developers\n/posts/creme-brulee-write-ahead-logs-a-field · 300 words · 2 min read',
};

describe('example: custom-tools', () => {
  it('defines tools that pass the conformance kit', async () => {
    for (const tool of [slugify, readingTime]) {
      const report = await checkToolConformance(tool, {
        cases: [
          { state: { title: 'Hello, World', body: 'one two three' } },
          { state: {}, expectError: slugify === tool ? 'NO_TITLE' : 'NO_TEXT' },
        ],
      });
      expect(report.problems).toEqual([]);
    }
    expect(toSlug('  Hello, Wörld!  ', '_', 60)).toBe('hello_world');
  });

  it('runs its graph next to the built-in tools', async () => {
    const { result } = await runExample(graph, input, { extraTools: [slugify, readingTime] });
    expect(result).toMatchObject({ status: 'completed', state: expected });
  });

  it('appears in GET /api/tools and runs when loaded as a tool module by the server', async () => {
    const server = await createServer({
      database: ':memory:',
      toolModules: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      examplesDir: null,
      logger: silentLogger(),
    });
    try {
      const listed = await server.app.request('/api/tools');
      expect(listed.status).toBe(200);
      const { tools } = (await listed.json()) as { tools: ToolDescriptor[] };
      const acme = tools.filter((t) => t.category === 'Acme');
      expect(acme.map((t) => t.id).sort()).toEqual(['acme.reading-time', 'acme.slugify']);
      expect(acme.find((t) => t.id === 'acme.slugify')).toMatchObject({
        title: 'Slugify',
        reads: ['title'],
        writes: ['slug'],
        configSchema: { type: 'object', properties: { maxLength: { type: 'integer', default: 60 } } },
      });
      expect(tools.some((t) => t.id === 'text.template')).toBe(true);

      const ran = await server.app.request('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ graph, input, wait: true }),
      });
      expect(ran.status).toBe(200);
      const { run } = (await ran.json()) as { run: { status: string; state: unknown } };
      expect(run).toMatchObject({ status: 'completed', state: expected });
    } finally {
      await server.close();
    }
  });
});
