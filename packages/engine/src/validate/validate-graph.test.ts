import { describe, expect, it } from 'vitest';
import { edge, graph, node, setter } from '../testing/graph-fixtures.ts';
import { coreTools } from '../tools/core-tools.ts';
import { createDescriptorRegistry } from '../tools/descriptor-registry.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { validateGraph } from './analyze-graph.ts';
import type { Problem } from './problem.ts';

const registry = createToolRegistry(coreTools);
const codes = (problems: Problem[]) => problems.map((p) => p.code);
const valid = graph({ nodes: [setter('a'), setter('b')], edges: [edge('a>b')] });

describe('validateGraph: one test per problem code', () => {
  it('accepts a valid graph', () => {
    expect(validateGraph(valid, registry)).toEqual([]);
  });

  it('INVALID_DOCUMENT: not an object, wrong format, bad ids, unknown fields — with paths', () => {
    expect(codes(validateGraph('nope', registry))).toEqual(['INVALID_DOCUMENT']);
    const problems = validateGraph(
      {
        ...valid,
        format: 'weft.graph/2',
        id: 'Bad Id',
        nodes: [
          { id: 'a b', tool: 'core.set' },
          { id: 'c', tool: 'core.pass', colour: 'red' },
        ],
      },
      registry,
    );
    expect(problems.filter((p) => p.code === 'INVALID_DOCUMENT').map((p) => p.path)).toEqual(
      expect.arrayContaining(['format', 'id', 'nodes[0].id', 'nodes[1]']),
    );
  });

  it('TOO_MANY_NODES', () => {
    const many = graph({ nodes: Array.from({ length: 11 }, (_, i) => setter(`n${i}`)) });
    expect(codes(validateGraph(many, registry, { maxNodes: 10 }))).toEqual(['TOO_MANY_NODES']);
  });

  it('DUPLICATE_NODE_ID and DUPLICATE_EDGE_ID', () => {
    const problems = validateGraph(
      graph({
        nodes: [setter('a'), setter('a'), setter('b')],
        edges: [edge('a>b'), { id: 'a-b', from: 'a', to: 'b' }],
      }),
      registry,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'DUPLICATE_NODE_ID', path: 'nodes[1].id', nodeId: 'a' }),
        expect.objectContaining({ code: 'DUPLICATE_EDGE_ID', path: 'edges[1].id', edgeId: 'a-b' }),
      ]),
    );
  });

  it('DANGLING_EDGE names the edge and the missing node', () => {
    const problems = validateGraph(graph({ nodes: [setter('a')], edges: [edge('a>ghost')] }), registry);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'DANGLING_EDGE',
        path: 'edges[0].to',
        edgeId: 'a-ghost',
        message: expect.stringContaining("'ghost'"),
      }),
    ]);
  });

  it('UNKNOWN_TOOL', () => {
    const problems = validateGraph(graph({ nodes: [node('a', 'text.nope')] }), registry);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_TOOL', path: 'nodes[0].tool', nodeId: 'a' }),
    ]);
  });

  it('INVALID_CONFIG checks the config against the tool schema', () => {
    const problems = validateGraph(graph({ nodes: [node('wait', 'core.delay', { ms: 'soon' })] }), registry);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'INVALID_CONFIG', path: 'nodes[0].config.ms', nodeId: 'wait' }),
    ]);
  });

  it('CEL_SYNTAX in a condition and in a CEL config field, with the offset', () => {
    const problems = validateGraph(
      graph({
        nodes: [node('c', 'core.compute', { set: { x: '1 +' } }), setter('b')],
        edges: [edge('c>b', { when: 'state.a ==' })],
      }),
      registry,
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'CEL_SYNTAX', path: 'nodes[0].config.set.x', nodeId: 'c' }),
      expect.objectContaining({
        code: 'CEL_SYNTAX',
        path: 'edges[0].when',
        edgeId: 'c-b',
        range: { start: 10, end: 10 },
      }),
    ]);
  });

  it('CEL_TYPE: unknown variables, impossible operations, non-bool conditions, `error` outside onError edges', () => {
    const problems = validateGraph(
      graph({
        nodes: [setter('a'), setter('b'), setter('c'), setter('d'), setter('e')],
        edges: [
          edge('a>b', { when: 'status == "ok"' }),
          edge('a>c', { when: '1 + "x" == 2' }),
          edge('a>d', { when: 'size(state.items)' }),
          edge('a>e', { when: "error.code == 'X'" }),
        ],
      }),
      registry,
    );
    expect(problems.map((p) => [p.code, p.edgeId])).toEqual([
      ['CEL_TYPE', 'a-b'],
      ['CEL_TYPE', 'a-c'],
      ['CEL_TYPE', 'a-d'],
      ['CEL_TYPE', 'a-e'],
    ]);
    const onError = validateGraph(
      graph({
        nodes: [setter('a'), setter('b')],
        edges: [edge('a>b', { onError: true, when: "error.code == 'X'" })],
      }),
      registry,
    );
    expect(onError).toEqual([]);
  });

  it('EXPRESSION_TOO_LONG caps expressions at 4 KiB', () => {
    const long = `state.x == '${'y'.repeat(5000)}'`;
    const problems = validateGraph(
      graph({ nodes: [setter('a'), setter('b')], edges: [edge('a>b', { when: long })] }),
      registry,
    );
    expect(codes(problems)).toEqual(['EXPRESSION_TOO_LONG']);
  });

  it('CONFLICTING_EDGE_FLAGS: else with when, else with onError', () => {
    const problems = validateGraph(
      graph({
        nodes: [setter('a'), setter('b'), setter('c')],
        edges: [edge('a>b', { else: true, when: 'true' }), edge('a>c', { else: true, onError: true })],
      }),
      registry,
    );
    expect(codes(problems)).toEqual(['CONFLICTING_EDGE_FLAGS', 'CONFLICTING_EDGE_FLAGS', 'MULTIPLE_ELSE']);
  });

  it('ELSE_WITHOUT_WHEN', () => {
    const problems = validateGraph(
      graph({
        nodes: [setter('a'), setter('b'), setter('c')],
        edges: [edge('a>b'), edge('a>c', { else: true })],
      }),
      registry,
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'ELSE_WITHOUT_WHEN', edgeId: 'a-c', nodeId: 'a' }),
    ]);
  });

  it('MULTIPLE_ELSE', () => {
    const problems = validateGraph(
      graph({
        nodes: [setter('a'), setter('b'), setter('c'), setter('d')],
        edges: [edge('a>b', { when: 'true' }), edge('a>c', { else: true }), edge('a>d', { else: true })],
      }),
      registry,
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'MULTIPLE_ELSE', edgeId: 'a-d' })]);
  });

  it('NO_ENTRY for a graph without nodes', () => {
    expect(codes(validateGraph(graph({ nodes: [] }), registry))).toEqual(['NO_ENTRY']);
  });

  it('UNREACHABLE_NODE for an island the entries cannot reach', () => {
    const problems = validateGraph(
      graph({ nodes: [setter('start'), setter('x'), setter('y')], edges: [edge('x>y'), edge('y>x')] }),
      registry,
    );
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['UNREACHABLE_NODE', 'x'],
      ['UNREACHABLE_NODE', 'y'],
    ]);
  });

  it('IRREDUCIBLE_CYCLE: a cycle with two ways in has no back edge', () => {
    // s → a, s → b, a ⇄ b: neither a nor b dominates the other.
    const problems = validateGraph(
      graph({
        nodes: [setter('s'), setter('a'), setter('b')],
        edges: [edge('s>a'), edge('s>b'), edge('a>b'), edge('b>a')],
      }),
      registry,
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'IRREDUCIBLE_CYCLE', message: expect.stringMatching(/'a', 'b'/) }),
    ]);
  });

  it('LIMIT_OUT_OF_RANGE for graph limits, timeouts, visits and retry policies', () => {
    const problems = validateGraph(
      graph({
        limits: { maxSteps: 0, concurrency: 5000, timeoutMs: 10 },
        nodes: [setter('a', {}, { timeoutMs: 0, maxVisits: 0, retry: { maxAttempts: 1000, factor: 0.5 } })],
      }),
      registry,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'nodes[0].timeoutMs',
      'nodes[0].maxVisits',
      'nodes[0].retry.maxAttempts',
      'nodes[0].retry.factor',
      'limits.maxSteps',
      'limits.concurrency',
    ]);
    expect(codes(problems).every((c) => c === 'LIMIT_OUT_OF_RANGE')).toBe(true);
  });

  it('INVALID_STATE_DEFAULT when a default does not suit its reducer', () => {
    const problems = validateGraph(
      graph({
        state: { total: { reducer: 'sum', default: 'zero' }, list: { reducer: 'append', default: {} } },
        nodes: [setter('a')],
      }),
      registry,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['INVALID_STATE_DEFAULT', 'state.total.default'],
      ['INVALID_STATE_DEFAULT', 'state.list.default'],
    ]);
  });

  it('reports every problem at once, even across bad parts', () => {
    const problems = validateGraph(
      graph({
        nodes: [node('a', 'core.delay', { ms: -1 }), node('b', 'nope.tool'), setter('c')],
        edges: [edge('a>b', { when: 'oops(' }), edge('b>zzz'), edge('c>c', { else: true })],
      }),
      registry,
    );
    expect(new Set(codes(problems))).toEqual(
      new Set(['INVALID_CONFIG', 'UNKNOWN_TOOL', 'CEL_SYNTAX', 'DANGLING_EDGE', 'ELSE_WITHOUT_WHEN']),
    );
  });

  it('gives the same answer from tool descriptors as from the tools themselves', () => {
    const fromDescriptors = createDescriptorRegistry(registry.describe());
    const doc = graph({
      nodes: [
        node('c', 'core.compute', { set: { x: 'state.n +' } }),
        node('d', 'core.delay', { ms: -5 }),
        node('f', 'core.fail', {}),
      ],
      edges: [edge('c>d'), edge('d>f')],
    });
    const direct = validateGraph(doc, registry);
    expect(direct.map((p) => [p.code, p.path])).toEqual([
      ['CEL_SYNTAX', 'nodes[0].config.set.x'],
      ['INVALID_CONFIG', 'nodes[1].config.ms'],
      ['INVALID_CONFIG', 'nodes[2].config.message'],
    ]);
    expect(validateGraph(doc, fromDescriptors).map((p) => [p.code, p.path])).toEqual(
      direct.map((p) => [p.code, p.path]),
    );
  });
});
