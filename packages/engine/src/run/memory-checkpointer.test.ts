import { describe, it } from 'vitest';
import { checkpointerConformanceCases } from '../testing/checkpointer-conformance.ts';
import { createMemoryCheckpointer } from './memory-checkpointer.ts';

describe('createMemoryCheckpointer: the checkpointer conformance suite', () => {
  for (const conformance of checkpointerConformanceCases(() => createMemoryCheckpointer()))
    it(conformance.name, conformance.run);
});
