import { readdirSync } from 'node:fs';
import { compileGraph, createDescriptorRegistry, type GraphDocument, validateGraph } from '@weft/engine';
import { createBuiltinRegistry } from '@weft/tools';
import { describe, expect, it } from 'vitest';
import { readingTime, slugify } from './custom-tools/index.ts';
import { readExampleJson } from './support/run-example.ts';

/** Every graph the server imports on first start: `examples/*.json` and `examples/<dir>/*.graph.json`. */
const here = new URL('.', import.meta.url);
const isGraph = (file: string) => readExampleJson<{ format?: string }>(file).format === 'weft.graph/1';
const graphFiles = [
  ...readdirSync(here).filter((f) => f.endsWith('.json') && !f.endsWith('.input.json') && isGraph(f)),
  ...readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .flatMap((d) =>
      readdirSync(new URL(`${d.name}/`, here))
        .filter((f) => f.endsWith('.graph.json'))
        .map((f) => `${d.name}/${f}`),
    ),
];
const tools = createBuiltinRegistry([slugify, readingTime]);
const browserTools = createDescriptorRegistry(tools.describe());
/** hello.json belongs to the workspace's quick start and keeps its own minimal layout. */
const laidOut = graphFiles.filter((f) => f !== 'hello.json');

describe('the example graphs', () => {
  it('are the seven of the tools issue, plus hello', () => {
    expect(graphFiles.sort()).toEqual([
      'code-review.json',
      'content-pipeline.json',
      'custom-tools/custom-tools.graph.json',
      'data-pipeline.json',
      'hello.json',
      'llm-agent.json',
      'research-approve-write.json',
      'roundtable.json',
    ]);
  });

  it.each(graphFiles)('%s validates and has a sample input', (file) => {
    const graph = readExampleJson<GraphDocument>(file);
    expect(validateGraph(graph, tools)).toEqual([]);
    // The editor validates in the browser against the descriptors of GET /api/tools.
    expect(validateGraph(graph, browserTools)).toEqual([]);
    const input = readExampleJson(file.replace(/(\.graph)?\.json$/, '.input.json'));
    expect(typeof input).toBe('object');
    expect(graph.id).toBe(file.replace(/^.*\//, '').replace(/(\.graph)?\.json$/, ''));
  });

  it.each(laidOut)('%s is laid out left to right with readable labels', (file) => {
    const graph = readExampleJson<GraphDocument>(file);
    const seen = new Set<string>();
    for (const node of graph.nodes) {
      expect(node.label, `${node.id} has a label`).toMatch(/^[A-Z]/);
      expect(node.position, `${node.id} has a position`).toBeDefined();
      const key = `${node.position!.x},${node.position!.y}`;
      expect(seen.has(key), `${node.id} does not sit on another node`).toBe(false);
      seen.add(key);
    }
    for (const edge of compileGraph(graph, tools).edges) {
      const from = edge.from.spec.position!;
      const to = edge.to.spec.position!;
      if (edge.kind === 'forward') expect(to.x, `edge ${edge.id} runs left to right`).toBeGreaterThan(from.x);
      else expect(to.x, `back edge ${edge.id} runs right to left`).toBeLessThanOrEqual(from.x);
    }
  });

  it.each(laidOut)('%s bounds its loops', (file) => {
    const compiled = compileGraph(readExampleJson<GraphDocument>(file), tools);
    for (const loop of compiled.loops)
      expect(loop.header.spec.maxVisits, `loop at ${loop.header.id}`).toBeLessThanOrEqual(50);
  });
});
