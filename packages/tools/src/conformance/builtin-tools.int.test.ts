import { fileURLToPath } from 'node:url';
import type { AnyTool } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { builtinTools } from '../index.ts';
import type { ChatProvider } from '../llm/chat-provider.ts';
import type { SubgraphRunner } from '../services.ts';
import { type ConformanceCase, checkToolConformance } from './check-tool.ts';

const documentsRoot = fileURLToPath(new URL('../../../../examples', import.meta.url));
const SOURCE = 'export function f(a: any) {\n  var x = 1;\n  console.log(a == 2);\n  return x;\n}\n';
const provider: ChatProvider = {
  async complete(request, { signal, onDelta }) {
    signal.throwIfAborted();
    onDelta?.('hi');
    return {
      content: '{"ok": true}',
      model: request.model,
      finishReason: 'stop',
      usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
    };
  },
};
const subgraphs: SubgraphRunner = {
  depth: 0,
  maxDepth: 5,
  async run({ signal, onEvent }) {
    signal.throwIfAborted();
    onEvent({ runId: 's', seq: 1, ts: 0, type: 'run.completed', state: {} });
    return { runId: 's', status: 'completed', state: { done: true } };
  },
};
const rows = [
  { name: 'a', amount: 1 },
  { name: 'b', amount: 2 },
];

/** Realistic cases per tool; tools whose output key is configurable list it in `writes`. */
const CASES: Record<string, ConformanceCase[]> = {
  'core.set': [{ config: { values: { a: 1 } }, writes: ['a'] }],
  'core.compute': [{ config: { set: { n: 'state.n + 1' } }, state: { n: 1 }, writes: ['n'] }],
  'core.pass': [{}],
  'core.delay': [{ config: { ms: 5 } }],
  'core.fail': [{ config: { message: 'stop' }, expectError: 'FAILED' }],
  'core.approval': [
    { config: { prompt: 'ok?' }, expectInterrupt: true },
    { config: { prompt: 'ok?' }, resume: true, writes: ['approval'] },
  ],
  'text.template': [{ config: { template: 'Hi {{name}}' }, state: { name: 'Ada' }, writes: ['text'] }],
  'text.regex': [{ config: { pattern: '\\d+' }, state: { text: 'a1b22' }, writes: ['matches'] }],
  'text.split': [{ config: { size: 5 }, state: { text: 'one two three four' }, writes: ['chunks'] }],
  'text.sentiment': [{ state: { text: 'I love it' } }, { state: { text: 5 }, expectError: 'INVALID_INPUT' }],
  'text.summarize': [
    { config: { sentences: 1 }, state: { text: 'A cat sat. A dog ran. The cat and the dog met.' } },
  ],
  'text.keywords': [{ state: { text: 'Solar power and battery storage. Solar power is cheap.' } }],
  'text.compare': [
    { config: { against: 'old' }, state: { old: 'a b', text: 'a c' }, writes: ['comparison'] },
  ],
  'json.map': [{ config: { fields: { n: 'size(state.rows)' } }, state: { rows }, writes: ['result'] }],
  'json.validate': [
    { config: { schema: { type: 'array' }, field: 'rows' }, state: { rows }, writes: ['validation'] },
  ],
  'json.parse': [{ state: { text: '{"a":1}' }, writes: ['data'] }],
  'json.stringify': [{ state: { data: { a: 1 } }, writes: ['json'] }],
  'data.csv': [
    { state: { csv: 'a,b\n1,2' }, writes: ['rows'] },
    { config: { mode: 'format' }, state: { rows }, writes: ['csv'] },
  ],
  'data.filter': [{ config: { where: 'row.amount > 1' }, state: { rows }, writes: ['rows'] }],
  'data.aggregate': [
    {
      config: { metrics: { total: { op: 'sum', value: 'row.amount' } } },
      state: { rows },
      writes: ['aggregate'],
    },
  ],
  'data.batch': [{ config: { size: 1 }, state: { items: [1, 2] }, writes: ['batch', 'cursor'] }],
  'search.documents': [
    {
      config: { folder: 'research-docs', query: 'heat pump costs' },
      services: { documentsRoot },
      writes: ['results'],
    },
  ],
  'code.functions': [{ state: { source: SOURCE } }],
  'code.complexity': [{ state: { source: SOURCE } }],
  'code.issues': [{ state: { source: SOURCE } }],
  'code.suggest': [
    {
      state: {
        issues: [{ rule: 'debugger', severity: 'high', line: 1, column: 1, message: 'x', function: null }],
      },
    },
  ],
  'code.score': [{ state: { source: SOURCE, issues: [] } }],
  'code.autofix': [{ state: { source: SOURCE } }],
  'http.request': [
    { config: { url: 'http://169.254.169.254/latest/meta-data/' }, expectError: 'HTTP_BLOCKED' },
    { config: { url: 'http://localhost:9/' }, expectError: 'HTTP_BLOCKED' },
  ],
  'llm.chat': [
    {
      config: { prompt: 'Hi', format: 'json' },
      services: { llm: { baseUrl: '', model: 'm', provider } },
      writes: ['reply', 'usage'],
    },
  ],
  'human.form': [
    { config: { title: 'Name?', schema: { type: 'string' } }, expectInterrupt: true },
    { config: { title: 'Name?', schema: { type: 'string' } }, resume: 'Ada', writes: ['form'] },
    { config: { title: 'Name?', schema: { type: 'string' } }, resume: 3, expectInterrupt: true },
    { config: { title: 'Name?', schema: { type: 'string' } }, answers: [3, 'Ada'], writes: ['form'] },
  ],
  'graph.call': [{ config: { graphId: 'child' }, services: { subgraphs }, writes: ['result'] }],
};

describe('every built-in tool passes the conformance kit', () => {
  it('has cases for every tool', () => {
    expect(Object.keys(CASES).sort()).toEqual(builtinTools.map((t) => t.id).sort());
  });

  it.each(builtinTools.map((tool): [string, AnyTool] => [tool.id, tool]))('%s', async (_id, tool) => {
    const report = await checkToolConformance(tool, { cases: CASES[tool.id] ?? [] });
    expect(report.problems).toEqual([]);
  });
});
