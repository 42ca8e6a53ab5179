import type { CelProgram } from '../cel/environment.ts';
import type { JsonObject } from '../json.ts';
import type { AnyTool } from '../tools/define-tool.ts';
import type { GraphDocument, NodeSpec, ReducerName } from './schema.ts';

export interface ResolvedRetry {
  maxAttempts: number;
  backoffMs: number;
  factor: number;
  maxBackoffMs: number;
  jitter: number;
}

export interface CompiledNode {
  readonly index: number;
  readonly id: string;
  readonly spec: NodeSpec;
  readonly tool: AnyTool;
  /** The config after the tool's schema parsed it (defaults applied), frozen. */
  readonly config: unknown;
  readonly retry: ResolvedRetry;
  readonly timeoutMs: number | undefined;
  readonly maxVisits: number;
  /** Outgoing edges in document order. */
  readonly out: CompiledEdge[];
  /** Incoming forward edges: the node's join. */
  readonly inForward: CompiledEdge[];
  /** Indices into `CompiledGraph.loops` of the loops containing this node, innermost first. */
  readonly loops: number[];
  /** Index into `CompiledGraph.loops` when this node is a loop header, else -1. */
  readonly headerOf: number;
}

export interface CompiledEdge {
  readonly index: number;
  readonly id: string;
  readonly from: CompiledNode;
  readonly to: CompiledNode;
  readonly kind: 'forward' | 'back';
  readonly when: CelProgram | undefined;
  readonly else: boolean;
  readonly onError: boolean;
  /** The outermost loop this edge leaves (index into `loops`), or -1. Its deadness waits for that loop to end. */
  readonly exitOwner: number;
}

export interface CompiledLoop {
  readonly index: number;
  readonly header: CompiledNode;
  /** Body nodes other than the header: their joins are reset when a new iteration starts. */
  readonly inner: CompiledNode[];
}

/** A validated graph in the shape the scheduler runs: indices, resolved tools, compiled conditions. */
export interface CompiledGraph {
  readonly doc: GraphDocument;
  readonly nodes: CompiledNode[];
  readonly edges: CompiledEdge[];
  readonly entries: CompiledNode[];
  readonly loops: CompiledLoop[];
  readonly nodeById: ReadonlyMap<string, CompiledNode>;
  readonly reducers: ReadonlyMap<string, ReducerName>;
  /** Declared defaults, frozen: the state a run starts from before its input is applied. */
  readonly initialState: JsonObject;
  readonly limits: { maxSteps: number; timeoutMs: number; concurrency: number };
  readonly output: readonly string[] | undefined;
}
