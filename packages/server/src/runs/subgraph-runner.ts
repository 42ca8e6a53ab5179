import { type Clock, runGraph, ToolError, type ToolRegistry, type ToolServices } from '@weft/engine';
import type { SubgraphRunner } from '@weft/tools';
import { ServerError } from '../errors.ts';
import type { GraphCatalog } from './graph-catalog.ts';

export interface SubgraphRunnerOptions {
  catalog: GraphCatalog;
  tools: ToolRegistry;
  /** The services every tool gets, without `subgraphs` (added per depth here). */
  services: ToolServices;
  maxDepth: number;
  clock?: Clock;
}

/**
 * The services of a top-level run: the base services plus a `SubgraphRunner` for `graph.call`. A
 * sub-run executes in-process with the same tools, one level deeper, and hands every event to the
 * caller; it is not stored as a run of its own (the calling node's events carry it), so after a crash
 * the calling node runs again and with it the whole sub-run.
 */
export function servicesWithSubgraphs(options: SubgraphRunnerOptions): ToolServices {
  const atDepth = (depth: number): ToolServices => {
    const runner: SubgraphRunner = {
      depth,
      maxDepth: options.maxDepth,
      async run(request) {
        if (depth + 1 > options.maxDepth) {
          throw new ToolError(
            'SUBGRAPH_DEPTH',
            `graph '${request.graphId}' would run at depth ${depth + 1}; sub-graphs nest at most ${options.maxDepth} deep`,
            { retryable: false },
          );
        }
        let graph: Awaited<ReturnType<GraphCatalog['resolve']>>['graph'];
        try {
          const source =
            request.version === undefined
              ? { graphId: request.graphId }
              : { graphId: request.graphId, version: request.version };
          graph = (await options.catalog.resolve(source)).graph;
        } catch (error) {
          if (error instanceof ServerError)
            throw new ToolError(error.code, error.message, { retryable: false, cause: error });
          throw error;
        }
        const result = await runGraph(graph, {
          // Derived from the calling node's idempotency key, so a node re-run after a crash runs the
          // same sub-run (same ids, same idempotency keys for the tools inside).
          ...(request.parent ? { runId: `${request.parent.idempotencyKey}>${request.graphId}` } : {}),
          tools: options.tools,
          input: request.input,
          signal: request.signal,
          onEvent: request.onEvent,
          services: atDepth(depth + 1),
          ...(options.clock ? { clock: options.clock } : {}),
        });
        return {
          runId: result.runId,
          status: result.status,
          state: result.state,
          ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
        };
      },
    };
    return { ...options.services, subgraphs: runner };
  };
  return atDepth(0);
}
