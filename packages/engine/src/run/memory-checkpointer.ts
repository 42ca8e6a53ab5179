import type { Checkpointer } from '../ports.ts';
import type { Checkpoint } from './checkpoint.ts';

/**
 * Keeps the latest checkpoint of each run in memory, as JSON text, so what comes back is a copy that
 * went through the same serialisation a database would apply.
 *
 * @example
 * const checkpointer = createMemoryCheckpointer();
 * await runGraph(doc, { tools, checkpointer });
 */
export interface MemoryCheckpointer extends Checkpointer {
  get(runId: string): Checkpoint | undefined;
  /** Every checkpoint written for a run, oldest first. */
  history(runId: string): Checkpoint[];
}

export function createMemoryCheckpointer(options: { keepHistory?: boolean } = {}): MemoryCheckpointer {
  const latest = new Map<string, string>();
  const all = new Map<string, string[]>();
  return {
    put(runId, checkpoint) {
      const text = JSON.stringify(checkpoint);
      latest.set(runId, text);
      if (options.keepHistory) {
        const list = all.get(runId) ?? [];
        list.push(text);
        all.set(runId, list);
      }
    },
    get(runId) {
      const text = latest.get(runId);
      return text === undefined ? undefined : (JSON.parse(text) as Checkpoint);
    },
    history(runId) {
      return (all.get(runId) ?? []).map((text) => JSON.parse(text) as Checkpoint);
    },
  };
}
