import {
  celExpression,
  defineTool,
  GRAPH_ID_PATTERN,
  type JsonObject,
  type JsonValue,
  valueScope,
} from '@weft/engine';
import { z } from 'zod';
import { setOwn } from '../shared/set-own.ts';
import { stateKey } from '../shared/state-path.ts';
import { ToolsError } from '../shared/tools-error.ts';

export const graphCall = defineTool({
  id: 'graph.call',
  title: 'Call graph',
  category: 'Graph',
  description:
    'Runs another saved graph as a sub-graph and writes its final state. Its events stream nested under this node; nesting is limited (5 levels by default). The sub-graph gets this node’s state as input unless `input` maps fields with CEL.',
  config: z.object({
    graphId: z
      .string()
      .regex(GRAPH_ID_PATTERN, 'a graph id such as summarize-text')
      .describe('Id of the saved graph to run.'),
    version: z.number().int().min(1).optional().describe('Version to run (default: the latest).'),
    input: z
      .record(z.string(), celExpression(valueScope))
      .optional()
      .describe(
        'Sub-graph input: field → CEL over `state` and `input`. Omitted: the whole state is the input.',
      ),
    into: stateKey('State key that receives the sub-graph’s final state.', 'result'),
  }),
  async run({ config, state, input, services, signal, emit, runId, nodeId, idempotencyKey, log }) {
    const runner = services.subgraphs;
    if (!runner) {
      throw new ToolsError(
        'SUBGRAPH_UNAVAILABLE',
        'graph.call needs a host that runs saved graphs (the Weft server); none was provided',
      );
    }
    if (runner.depth >= runner.maxDepth) {
      throw new ToolsError(
        'SUBGRAPH_DEPTH',
        `graph.call is nested ${runner.depth} levels deep; the limit is ${runner.maxDepth} (is a graph calling itself?)`,
      );
    }
    const subInput = config.input === undefined ? state : mapInput(config.input, state, input);
    const result = await runner.run({
      graphId: config.graphId,
      ...(config.version === undefined ? {} : { version: config.version }),
      input: subInput,
      signal,
      onEvent: (event) => emit({ kind: 'subgraph.event', event: event as unknown as JsonValue }),
      parent: { runId, nodeId, idempotencyKey },
    });
    const name = `graph '${config.graphId}'${config.version === undefined ? '' : ` v${config.version}`}`;
    log(`${name} ${result.status} (run ${result.runId})`);
    switch (result.status) {
      case 'completed':
        return { [config.into]: result.state };
      case 'failed':
        throw new ToolsError(
          'SUBGRAPH_FAILED',
          `${name} failed: ${result.error?.code ?? 'ERROR'}: ${result.error?.message ?? 'no message'}`,
        );
      case 'waiting':
        throw new ToolsError(
          'SUBGRAPH_WAITING',
          `${name} is waiting for a person; sub-graphs cannot pause their caller — run it on its own`,
        );
      default:
        if (signal.aborted) throw signal.reason;
        throw new ToolsError('SUBGRAPH_CANCELLED', `${name} was cancelled`);
    }
  },
});

function mapInput(fields: Record<string, string>, state: JsonObject, input: JsonValue): JsonObject {
  const out: JsonObject = {};
  for (const [key, source] of Object.entries(fields)) {
    const compiled = valueScope.compile(source);
    if (!compiled.ok) throw new ToolsError('EXPRESSION_ERROR', `input.${key}: ${compiled.problem.message}`);
    try {
      setOwn(out, key, compiled.program.evaluate({ state, input }));
    } catch (err) {
      throw new ToolsError('EXPRESSION_ERROR', `input.${key}: ${(err as Error).message}`);
    }
  }
  return out;
}
