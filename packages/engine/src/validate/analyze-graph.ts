import { z } from 'zod';
import { CEL_ISSUE_PARAM } from '../cel/cel-schema.ts';
import type { CelProblemKind, CelProgram } from '../cel/environment.ts';
import { conditionScope, errorConditionScope } from '../cel/scopes.ts';
import {
  type EdgeSpec,
  edgeSchema,
  graphSchema,
  LIMIT_RANGES,
  type NodeSpec,
  nodeSchema,
  type ReducerName,
} from '../graph/schema.ts';
import { analyzeStructure, type GraphStructure } from '../graph/structure.ts';
import { isPlainObject } from '../json.ts';
import type { AnyTool } from '../tools/define-tool.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { formatPath, type Problem, type ProblemCode } from './problem.ts';

export interface ValidateOptions {
  /** Largest number of nodes accepted (DESIGN §6 server limit). */
  maxNodes?: number;
}

export const DEFAULT_MAX_NODES = 5000;

/** What validation learned about each part, kept so compiling a valid graph repeats no work. */
export interface GraphAnalysis {
  problems: Problem[];
  nodes: Array<{ spec: NodeSpec; tool: AnyTool; config: unknown }>;
  edges: Array<{ spec: EdgeSpec; from: number; to: number; when: CelProgram | undefined }>;
  structure: GraphStructure | undefined;
  reducers: Map<string, ReducerName>;
}

const headerSchema = graphSchema.extend({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()) });
const CEL_CODES: Record<CelProblemKind, ProblemCode> = {
  syntax: 'CEL_SYNTAX',
  type: 'CEL_TYPE',
  'too-long': 'EXPRESSION_TOO_LONG',
};

/**
 * Checks a document against the format and the registry and collects every problem at once.
 * Parts that are well-formed are checked further even when others are not, so one bad node does not
 * hide a dangling edge elsewhere.
 */
export function analyzeGraph(
  doc: unknown,
  registry: ToolRegistry,
  options: ValidateOptions = {},
): GraphAnalysis {
  const problems: Problem[] = [];
  const analysis: GraphAnalysis = {
    problems,
    nodes: [],
    edges: [],
    structure: undefined,
    reducers: new Map(),
  };
  const add = (path: string, code: ProblemCode, message: string, extra: Partial<Problem> = {}) =>
    problems.push({ path, code, message, ...extra });

  if (!isPlainObject(doc)) {
    add('', 'INVALID_DOCUMENT', 'a graph document must be a JSON object');
    return analysis;
  }
  const header = headerSchema.safeParse(doc);
  if (!header.success) {
    for (const issue of header.error.issues) add(formatPath(issue.path), 'INVALID_DOCUMENT', issue.message);
  }
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : [];
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (rawNodes.length > maxNodes) {
    add('nodes', 'TOO_MANY_NODES', `the graph has ${rawNodes.length} nodes; the limit is ${maxNodes}`);
    return analysis;
  }

  // Nodes: shape, unique ids, known tools, config against the tool's schema, limits.
  // Structural checks run over every node with a usable id, even one with a bad config.
  const knownNodeIds = new Map<string, number>();
  const nodeIndex = new Map<string, number>();
  rawNodes.forEach((raw, i) => {
    const path = `nodes[${i}]`;
    const rawId = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const parsed = nodeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        add(
          formatPath(['nodes', i, ...issue.path]),
          'INVALID_DOCUMENT',
          issue.message,
          rawId ? { nodeId: rawId } : {},
        );
      }
    }
    if (rawId !== undefined) {
      if (knownNodeIds.has(rawId)) {
        add(`${path}.id`, 'DUPLICATE_NODE_ID', `node id '${rawId}' is used more than once`, {
          nodeId: rawId,
        });
        return;
      }
      knownNodeIds.set(rawId, knownNodeIds.size);
    }
    if (!parsed.success) return;
    const spec = parsed.data;
    checkNodeLimits(spec, path, add);
    const tool = registry.get(spec.tool);
    if (!tool) {
      add(
        `${path}.tool`,
        'UNKNOWN_TOOL',
        `node '${spec.id}' uses tool '${spec.tool}', which is not registered`,
        { nodeId: spec.id },
      );
      return;
    }
    const config = tool.config.safeParse(spec.config ?? {});
    if (!config.success) {
      for (const issue of config.error.issues) {
        const celKind = (issue as { params?: Record<string, unknown> }).params?.[CEL_ISSUE_PARAM] as
          | CelProblemKind
          | undefined;
        const where = formatPath(['nodes', i, 'config', ...issue.path]);
        add(
          where,
          celKind ? CEL_CODES[celKind] : 'INVALID_CONFIG',
          `node '${spec.id}' (${spec.tool}): ${where.slice(path.length + 1)}: ${issue.message}`,
          {
            nodeId: spec.id,
          },
        );
      }
      return;
    }
    nodeIndex.set(spec.id, analysis.nodes.length);
    analysis.nodes.push({ spec, tool, config: deepFreeze(config.data) });
  });

  // Edges: shape, unique ids, endpoints, flags, conditions.
  const edgeIds = new Set<string>();
  const structuralEdges: Array<{ from: number; to: number }> = [];
  const edgesByNode = new Map<string, Array<{ spec: EdgeSpec; i: number }>>();
  rawEdges.forEach((raw, i) => {
    const path = `edges[${i}]`;
    const rawId = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const parsed = edgeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        add(
          formatPath(['edges', i, ...issue.path]),
          'INVALID_DOCUMENT',
          issue.message,
          rawId ? { edgeId: rawId } : {},
        );
      }
    }
    if (rawId !== undefined) {
      if (edgeIds.has(rawId)) {
        add(`${path}.id`, 'DUPLICATE_EDGE_ID', `edge id '${rawId}' is used more than once`, {
          edgeId: rawId,
        });
        return;
      }
      edgeIds.add(rawId);
    }
    if (!parsed.success) return;
    const spec = parsed.data;
    const ids = { edgeId: spec.id };
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!knownNodeIds.has(spec[end])) {
        add(
          `${path}.${end}`,
          'DANGLING_EDGE',
          `edge '${spec.id}' ${end === 'from' ? 'starts at' : 'points to'} node '${spec[end]}', which does not exist`,
          ids,
        );
        ok = false;
      }
    }
    if (spec.else && spec.when !== undefined) {
      add(
        `${path}.else`,
        'CONFLICTING_EDGE_FLAGS',
        `edge '${spec.id}' has both 'else' and 'when'; an else edge fires when no when edge did`,
        ids,
      );
      ok = false;
    }
    if (spec.else && spec.onError) {
      add(
        `${path}.else`,
        'CONFLICTING_EDGE_FLAGS',
        `edge '${spec.id}' is both 'else' and 'onError'; give the onError edge a 'when' instead`,
        ids,
      );
      ok = false;
    }
    let when: CelProgram | undefined;
    if (spec.when !== undefined) {
      const compiled = (spec.onError ? errorConditionScope : conditionScope).compile(spec.when);
      if (!compiled.ok) {
        const extra = compiled.problem.range ? { ...ids, range: compiled.problem.range } : ids;
        add(
          `${path}.when`,
          CEL_CODES[compiled.problem.kind],
          `edge '${spec.id}': ${compiled.problem.message}`,
          extra,
        );
        ok = false;
      } else if (compiled.program.type !== 'bool' && compiled.program.type !== 'dyn') {
        add(
          `${path}.when`,
          'CEL_TYPE',
          `edge '${spec.id}': a condition must give a bool, this one gives ${compiled.program.type}`,
          ids,
        );
        ok = false;
      } else {
        when = compiled.program;
      }
    }
    const fromKnown = knownNodeIds.get(spec.from);
    const toKnown = knownNodeIds.get(spec.to);
    if (fromKnown !== undefined && toKnown !== undefined)
      structuralEdges.push({ from: fromKnown, to: toKnown });
    const siblings = edgesByNode.get(spec.from) ?? [];
    siblings.push({ spec, i });
    edgesByNode.set(spec.from, siblings);
    const from = nodeIndex.get(spec.from);
    const to = nodeIndex.get(spec.to);
    if (ok && from !== undefined && to !== undefined) analysis.edges.push({ spec, from, to, when });
  });

  for (const [nodeId, siblings] of edgesByNode) {
    const elses = siblings.filter((s) => s.spec.else);
    const hasWhen = siblings.some((s) => s.spec.when !== undefined && !s.spec.onError);
    for (const extra of elses.slice(1)) {
      add(
        `edges[${extra.i}].else`,
        'MULTIPLE_ELSE',
        `node '${nodeId}' has more than one else edge ('${elses[0]!.spec.id}' and '${extra.spec.id}')`,
        {
          edgeId: extra.spec.id,
          nodeId,
        },
      );
    }
    if (elses.length > 0 && !hasWhen) {
      add(
        `edges[${elses[0]!.i}].else`,
        'ELSE_WITHOUT_WHEN',
        `edge '${elses[0]!.spec.id}' is an else edge, but node '${nodeId}' has no 'when' edge beside it`,
        {
          edgeId: elses[0]!.spec.id,
          nodeId,
        },
      );
    }
  }

  if (header.success || isPlainObject(doc.limits)) checkGraphLimits(doc.limits, add);
  if (isPlainObject(doc.state)) checkStateDefaults(doc.state, add, analysis.reducers);

  // Structure: entries, reachability, back edges, irreducible cycles.
  if (rawNodes.length === 0) {
    add('nodes', 'NO_ENTRY', 'the graph has no nodes; add at least one');
  } else if (knownNodeIds.size > 0) {
    const structure = analyzeStructure(knownNodeIds.size, structuralEdges);
    const idAt = [...knownNodeIds.keys()];
    const entryIds = structure.entries.map((v) => `'${idAt[v]}'`).join(', ');
    for (const v of structure.unreachable) {
      const id = idAt[v]!;
      add(
        `nodes[${rawIndexOf(rawNodes, id)}]`,
        'UNREACHABLE_NODE',
        `node '${id}' cannot be reached from the entry node${structure.entries.length === 1 ? '' : 's'} ${entryIds}; connect it or remove it`,
        { nodeId: id },
      );
    }
    for (const cycle of structure.irreducibleCycles) {
      const ids = cycle.map((v) => idAt[v]!);
      add(
        `nodes[${rawIndexOf(rawNodes, ids[0]!)}]`,
        'IRREDUCIBLE_CYCLE',
        `nodes ${ids.map((id) => `'${id}'`).join(', ')} form a cycle with more than one way in; route the loop through a single header node`,
        { nodeId: ids[0]! },
      );
    }
    // When nothing is wrong, structural and compiled indices coincide: every node and edge made it through.
    if (problems.length === 0) analysis.structure = structure;
  }
  return analysis;
}

/** Every problem of a graph document, at once; an empty list means the graph can run. */
export function validateGraph(doc: unknown, registry: ToolRegistry, options?: ValidateOptions): Problem[] {
  return analyzeGraph(doc, registry, options).problems;
}

type AddProblem = (path: string, code: ProblemCode, message: string, extra?: Partial<Problem>) => void;

function checkRange(
  value: unknown,
  range: { min: number; max: number },
  path: string,
  what: string,
  add: AddProblem,
  extra: Partial<Problem> = {},
) {
  if (typeof value === 'number' && (value < range.min || value > range.max)) {
    add(
      path,
      'LIMIT_OUT_OF_RANGE',
      `${what} is ${value}; it must be between ${range.min} and ${range.max}`,
      extra,
    );
  }
}

function checkNodeLimits(spec: NodeSpec, path: string, add: AddProblem) {
  const extra = { nodeId: spec.id };
  checkRange(
    spec.timeoutMs,
    LIMIT_RANGES.nodeTimeoutMs,
    `${path}.timeoutMs`,
    `node '${spec.id}' timeoutMs`,
    add,
    extra,
  );
  checkRange(
    spec.maxVisits,
    LIMIT_RANGES.maxVisits,
    `${path}.maxVisits`,
    `node '${spec.id}' maxVisits`,
    add,
    extra,
  );
  const retry = spec.retry;
  if (!retry) return;
  checkRange(
    retry.maxAttempts,
    LIMIT_RANGES.maxAttempts,
    `${path}.retry.maxAttempts`,
    `node '${spec.id}' retry.maxAttempts`,
    add,
    extra,
  );
  checkRange(
    retry.backoffMs,
    LIMIT_RANGES.backoffMs,
    `${path}.retry.backoffMs`,
    `node '${spec.id}' retry.backoffMs`,
    add,
    extra,
  );
  checkRange(
    retry.maxBackoffMs,
    LIMIT_RANGES.backoffMs,
    `${path}.retry.maxBackoffMs`,
    `node '${spec.id}' retry.maxBackoffMs`,
    add,
    extra,
  );
  checkRange(
    retry.factor,
    LIMIT_RANGES.factor,
    `${path}.retry.factor`,
    `node '${spec.id}' retry.factor`,
    add,
    extra,
  );
  checkRange(
    retry.jitter,
    LIMIT_RANGES.jitter,
    `${path}.retry.jitter`,
    `node '${spec.id}' retry.jitter`,
    add,
    extra,
  );
}

function checkGraphLimits(limits: unknown, add: AddProblem) {
  if (!isPlainObject(limits)) return;
  checkRange(limits.maxSteps, LIMIT_RANGES.maxSteps, 'limits.maxSteps', 'limits.maxSteps', add);
  checkRange(limits.timeoutMs, LIMIT_RANGES.timeoutMs, 'limits.timeoutMs', 'limits.timeoutMs', add);
  checkRange(limits.concurrency, LIMIT_RANGES.concurrency, 'limits.concurrency', 'limits.concurrency', add);
}

const DEFAULT_KINDS: Partial<Record<ReducerName, { test: (v: unknown) => boolean; want: string }>> = {
  append: { test: Array.isArray, want: 'an array' },
  union: { test: Array.isArray, want: 'an array' },
  merge: { test: isPlainObject, want: 'an object' },
  sum: { test: (v) => typeof v === 'number', want: 'a number' },
  min: { test: (v) => typeof v === 'number', want: 'a number' },
  max: { test: (v) => typeof v === 'number', want: 'a number' },
};

function checkStateDefaults(
  state: Record<string, unknown>,
  add: AddProblem,
  reducers: Map<string, ReducerName>,
) {
  for (const [key, decl] of Object.entries(state)) {
    if (!isPlainObject(decl)) continue;
    const reducer = decl.reducer as ReducerName | undefined;
    if (typeof reducer === 'string') reducers.set(key, reducer);
    const kind = reducer ? DEFAULT_KINDS[reducer] : undefined;
    if (kind && decl.default !== undefined && decl.default !== null && !kind.test(decl.default)) {
      add(
        formatPath(['state', key, 'default']),
        'INVALID_STATE_DEFAULT',
        `state key '${key}' uses the ${reducer} reducer, so its default must be ${kind.want}`,
      );
    }
  }
}

function rawIndexOf(rawNodes: unknown[], id: string): number {
  return rawNodes.findIndex((n) => isPlainObject(n) && n.id === id);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
