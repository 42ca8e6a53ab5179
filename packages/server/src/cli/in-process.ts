import type { GraphDocument, JsonValue, RunEvent, ToolRegistry, ToolServices } from '@weft/engine';
import { silentLogger } from '../observability/logger.ts';
import { createRuntime } from '../runtime.ts';
import { openStore } from '../storage/open-store.ts';
import type { RunRecord } from '../storage/store.ts';
import { RunSubscription } from '../ws/run-subscription.ts';

/**
 * Runs a document in this process, through the same run manager a server uses, on a database in
 * memory: nothing is left behind. Events reach `onEvent` in seq order as they are committed.
 */
export async function runInProcess(
  document: GraphDocument,
  input: JsonValue,
  options: { tools: ToolRegistry; services: ToolServices; onEvent(event: RunEvent): void },
): Promise<RunRecord> {
  const store = await openStore({ database: ':memory:' });
  const { runs, bus } = createRuntime({
    store,
    tools: options.tools,
    logger: silentLogger(),
    concurrency: 1,
    maxNodes: 5000,
    services: options.services,
  });
  try {
    const accepted = await runs.start({ document }, input);
    const subscription = new RunSubscription(accepted.record.id, 0, bus, store.runs, {
      deliver: (event) => options.onEvent(JSON.parse(event.json) as RunEvent),
      congested: () => false,
      drained: async () => {},
      overflow: () => {},
    });
    await subscription.start();
    const record = await accepted.done;
    subscription.close();
    return record;
  } finally {
    await runs.close(0);
    await store.close();
  }
}
