import {
  type CompiledGraph,
  compileGraph,
  type GraphDocument,
  type ToolRegistry,
  WeftError,
} from '@weft/engine';
import { ServerError } from '../errors.ts';
import type { RunRecord, Store } from '../storage/store.ts';

/** Where a run's graph comes from: a saved graph (latest or one version) or an unsaved document. */
export type RunSource = { graphId: string; version?: number } | { document: GraphDocument };

export interface ResolvedGraph {
  graph: CompiledGraph;
  /** null for an unsaved document. */
  version: number | null;
}

/**
 * Finds and compiles the graphs runs need. Saved versions are immutable, so each is compiled once and
 * kept (keyed by id, version and save time, which also tells apart a graph deleted and created again);
 * the engine then reuses its compiled conditions for every run.
 */
export class GraphCatalog {
  private readonly cache = new Map<string, CompiledGraph>();
  /** Latest version of each graph, as last read (saves through this process update it at once). */
  private readonly heads = new Map<string, { version: number; updatedAt: number; readAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly tools: ToolRegistry,
    private readonly maxNodes: number,
    private readonly capacity = 256,
    /** How long a graph's latest version is trusted without asking the database (saves by other processes). */
    private readonly headTtlMs = 1000,
  ) {}

  /** Forgets what is known of a graph: call after saving or deleting it. */
  graphChanged(graphId: string): void {
    this.heads.delete(graphId);
  }

  async resolve(source: RunSource): Promise<ResolvedGraph> {
    if ('document' in source) return { graph: this.compile(source.document), version: null };
    if (source.version === undefined) {
      const head = await this.head(source.graphId);
      return this.savedVersion(source.graphId, head.version, head.updatedAt);
    }
    return this.savedVersion(source.graphId, source.version);
  }

  private async head(graphId: string): Promise<{ version: number; updatedAt: number }> {
    const now = Date.now();
    const known = this.heads.get(graphId);
    if (known && now - known.readAt < this.headTtlMs) return known;
    const head = await this.store.graphs.head(graphId);
    if (!head) {
      this.heads.delete(graphId);
      throw new ServerError('GRAPH_NOT_FOUND', `no graph '${graphId}'`);
    }
    this.heads.set(graphId, { ...head, readAt: now });
    if (this.heads.size > this.capacity * 4) this.heads.delete(this.heads.keys().next().value!);
    return head;
  }

  /** The graph an existing run runs on (for resume and recovery). */
  async forRun(run: RunRecord): Promise<CompiledGraph> {
    if (run.graphVersion === null) {
      const document = await this.store.runs.document(run.id);
      if (!document) throw new ServerError('GRAPH_NOT_FOUND', `run '${run.id}' has no stored document`);
      return this.compile(document);
    }
    return (await this.savedVersion(run.graphId, run.graphVersion)).graph;
  }

  /** Validates and compiles a document; invalid ones are a 400 with every problem. */
  compile(document: GraphDocument): CompiledGraph {
    try {
      return compileGraph(document, this.tools, { maxNodes: this.maxNodes });
    } catch (error) {
      if (error instanceof WeftError && error.code === 'INVALID_GRAPH')
        throw new ServerError('INVALID_GRAPH', error.message, error.details);
      throw error;
    }
  }

  private async savedVersion(graphId: string, version: number, savedAt?: number): Promise<ResolvedGraph> {
    if (savedAt !== undefined) {
      const hit = this.cache.get(`${graphId}@${version}@${savedAt}`);
      if (hit) return { graph: hit, version };
    }
    const record = await this.store.graphs.getVersion(graphId, version);
    if (!record) {
      const exists = savedAt !== undefined || (await this.store.graphs.head(graphId)) !== undefined;
      throw exists
        ? new ServerError('VERSION_NOT_FOUND', `graph '${graphId}' has no version ${version}`)
        : new ServerError('GRAPH_NOT_FOUND', `no graph '${graphId}'`);
    }
    const key = `${graphId}@${version}@${record.updatedAt}`;
    const cached = this.cache.get(key);
    if (cached) return { graph: cached, version };
    const graph = this.compile(record.document);
    this.cache.set(key, graph);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return { graph, version };
  }
}
