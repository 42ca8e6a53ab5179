import type { RunEvent } from '../events.ts';
import type { GraphDocument, ReducerName } from '../graph/schema.ts';
import type { JsonObject } from '../json.ts';
import { applyPatch } from './reducers.ts';

/**
 * Rebuilds a run's state from its events (DESIGN §5: stored events are the truth): the state of
 * `run.started`, then every `node.completed` patch folded in through the graph's reducers. Pass
 * `upToSeq` to see the state as it was after that event.
 *
 * @example
 * const state = replayState(events, graph);
 */
export function replayState(
  events: Iterable<RunEvent>,
  graph: Pick<GraphDocument, 'state'>,
  upToSeq = Number.POSITIVE_INFINITY,
): JsonObject {
  const reducers = new Map<string, ReducerName>();
  for (const [key, decl] of Object.entries(graph.state ?? {}))
    if (decl.reducer) reducers.set(key, decl.reducer);
  let state: JsonObject = {};
  for (const event of events) {
    if (event.seq > upToSeq) break;
    if (event.type === 'run.started') state = event.state;
    else if (event.type === 'node.completed') state = applyPatch(state, event.patch, reducers);
  }
  return state;
}
