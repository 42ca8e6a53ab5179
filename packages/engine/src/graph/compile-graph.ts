import { WeftError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { toFrozenJson } from '../state/frozen-json.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { analyzeGraph, type ValidateOptions } from '../validate/analyze-graph.ts';
import type { CompiledEdge, CompiledGraph, CompiledLoop, CompiledNode } from './compiled.ts';
import { DEFAULT_LIMITS, DEFAULT_MAX_VISITS, DEFAULT_RETRY, type GraphDocument } from './schema.ts';

const cache = new WeakMap<object, WeakMap<ToolRegistry, CompiledGraph>>();

/**
 * Validates a document and turns it into the indexed form the scheduler runs. Conditions are compiled
 * here, once per graph: compiling the same document object with the same registry again returns the
 * cached result, so treat documents as immutable once they have run.
 *
 * Throws `WeftError('INVALID_GRAPH')` with every problem in `details` when the document is invalid.
 */
export function compileGraph(
  doc: GraphDocument,
  registry: ToolRegistry,
  options?: ValidateOptions,
): CompiledGraph {
  const byRegistry = cache.get(doc);
  const hit = byRegistry?.get(registry);
  if (hit) return hit;

  const analysis = analyzeGraph(doc, registry, options);
  if (analysis.problems.length > 0 || !analysis.structure) {
    const first = analysis.problems[0];
    throw new WeftError(
      'INVALID_GRAPH',
      `graph '${String((doc as { id?: unknown }).id)}' is invalid (${analysis.problems.length} problem${analysis.problems.length === 1 ? '' : 's'})${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
      analysis.problems,
    );
  }
  const structure = analysis.structure;

  const nodes: CompiledNode[] = analysis.nodes.map(({ spec, tool, config }, index) => ({
    index,
    id: spec.id,
    spec,
    tool,
    config,
    retry: { ...DEFAULT_RETRY, ...spec.retry },
    timeoutMs: spec.timeoutMs,
    maxVisits: spec.maxVisits ?? DEFAULT_MAX_VISITS,
    out: [],
    inForward: [],
    loops: structure.loopsOf[index] ?? [],
    headerOf: -1,
  }));
  const edges: CompiledEdge[] = analysis.edges.map(({ spec, from, to, when }, index) => ({
    index,
    id: spec.id,
    from: nodes[from]!,
    to: nodes[to]!,
    kind: structure.edgeKinds[index]!,
    when,
    else: spec.else === true,
    onError: spec.onError === true,
    exitOwner: structure.exitOwner[index]!,
  }));
  for (const edge of edges) {
    edge.from.out.push(edge);
    if (edge.kind === 'forward') edge.to.inForward.push(edge);
  }
  const loops: CompiledLoop[] = structure.loops.map((loop, index) => {
    const header = nodes[loop.header]!;
    (header as { headerOf: number }).headerOf = index;
    return { index, header, inner: loop.body.filter((v) => v !== loop.header).map((v) => nodes[v]!) };
  });

  const initial: JsonObject = {};
  for (const [key, decl] of Object.entries(doc.state ?? {})) {
    if (decl.default !== undefined) initial[key] = decl.default;
  }

  const compiled: CompiledGraph = {
    doc,
    nodes,
    edges,
    entries: structure.entries.map((v) => nodes[v]!),
    loops,
    nodeById: new Map(nodes.map((n) => [n.id, n])),
    reducers: analysis.reducers,
    initialState: toFrozenJson(initial) as JsonObject,
    limits: { ...DEFAULT_LIMITS, ...doc.limits },
    output: doc.output,
  };
  if (byRegistry) byRegistry.set(registry, compiled);
  else cache.set(doc, new WeakMap([[registry, compiled]]));
  return compiled;
}
