import { describe, it } from 'vitest';
import { runQueueConformanceCases } from './run-queue.conformance.ts';
import { createInProcessRunQueue } from './run-queue.ts';

describe('in-process RunQueue', () => {
  for (const c of runQueueConformanceCases((concurrency) => createInProcessRunQueue({ concurrency }))) {
    it(c.name, c.run);
  }
});
