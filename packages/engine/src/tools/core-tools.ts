import { z } from 'zod';
import { celExpression } from '../cel/cel-schema.ts';
import { valueScope } from '../cel/scopes.ts';
import { ToolError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { defineTool } from './define-tool.ts';

/** `core.set`: the patch is `values`. */
export const coreSet = defineTool({
  id: 'core.set',
  title: 'Set values',
  category: 'Core',
  description: 'Writes fixed values into the state.',
  config: z.object({
    values: z.record(z.string(), z.json()).default({}).describe('Keys and the JSON values to write.'),
  }),
  run: ({ config }) => config.values as JsonObject,
});

/** `core.compute`: the patch is each CEL expression evaluated on the node's start snapshot. */
export const coreCompute = defineTool({
  id: 'core.compute',
  title: 'Compute',
  category: 'Core',
  description: 'Computes state keys from CEL expressions over `state` and `input`.',
  config: z.object({
    set: z.record(z.string(), celExpression(valueScope)).default({}).describe('State key → CEL expression.'),
  }),
  run({ config, state, input }) {
    const patch: JsonObject = {};
    const scope = { state, input };
    for (const [key, source] of Object.entries(config.set)) {
      const compiled = valueScope.compile(source);
      if (!compiled.ok)
        throw new ToolError('EXPRESSION_ERROR', `set.${key}: ${compiled.problem.message}`, {
          retryable: false,
        });
      try {
        patch[key] = compiled.program.evaluate(scope);
      } catch (err) {
        throw new ToolError('EXPRESSION_ERROR', `set.${key}: ${(err as Error).message}`, {
          retryable: false,
        });
      }
    }
    return patch;
  },
});

/** `core.pass`: no patch; for joins and labels. */
export const corePass = defineTool({
  id: 'core.pass',
  title: 'Pass',
  category: 'Core',
  description: 'Does nothing: a join point or a label in the graph.',
  config: z.object({}),
  run: () => undefined,
});

/** `core.delay`: waits `ms` (abortable), no patch. */
export const coreDelay = defineTool({
  id: 'core.delay',
  title: 'Delay',
  category: 'Core',
  description: 'Waits the given number of milliseconds.',
  config: z.object({ ms: z.number().int().min(0).max(86_400_000).describe('Milliseconds to wait.') }),
  async run({ config, sleep }) {
    await sleep(config.ms);
  },
});

/** `core.fail`: fails with that code and message. */
export const coreFail = defineTool({
  id: 'core.fail',
  title: 'Fail',
  category: 'Core',
  description: 'Fails the node with a code and a message (to test or signal error paths).',
  config: z.object({
    code: z.string().min(1).max(64).default('FAILED').describe('Error code.'),
    message: z.string().min(1).describe('Error message.'),
  }),
  run({ config }) {
    throw new ToolError(config.code, config.message, { retryable: false });
  },
});

/** `core.approval`: interrupts with `{ prompt }`; on resume the patch is `{ [key]: value }`. */
export const coreApproval = defineTool({
  id: 'core.approval',
  title: 'Approval',
  category: 'Human',
  description: 'Pauses the run until a person answers the prompt; the answer is written to `key`.',
  config: z.object({
    prompt: z.string().min(1).describe('What the person is asked.'),
    key: z.string().min(1).default('approval').describe('State key that receives the answer.'),
  }),
  run({ config, interrupt }) {
    const value = interrupt({ prompt: config.prompt });
    return { [config.key]: value };
  },
});

/** The six core tools of DESIGN §4. */
export const coreTools = [coreSet, coreCompute, corePass, coreDelay, coreFail, coreApproval] as const;
