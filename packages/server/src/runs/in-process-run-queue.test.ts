import { describe, it } from 'vitest';
import type { SqlExecutor } from '../storage/store.ts';
import { runQueueConformanceCases } from './run-queue.conformance.ts';
import { createInProcessRunQueue } from './run-queue.ts';

/** The in-process queue takes enqueued jobs at once: the transaction is never used. */
const noDatabase: SqlExecutor = {
  executeSql() {
    throw new Error('the in-process queue must not touch a database');
  },
};

describe('in-process RunQueue', () => {
  for (const c of runQueueConformanceCases(async (concurrency) => ({
    queue: createInProcessRunQueue({ concurrency }),
    transaction: (work) => work(noDatabase),
  }))) {
    it(c.name, c.run);
  }
});
