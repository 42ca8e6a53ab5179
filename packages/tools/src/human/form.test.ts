import {
  coreTools,
  createMemoryCheckpointer,
  createToolRegistry,
  type GraphDocument,
  type JsonValue,
  runGraph,
} from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { humanForm, MAX_ASKS, validateFormAnswer } from './form.ts';

const schema = {
  type: 'object',
  required: ['approved'],
  properties: { approved: { type: 'boolean' }, comment: { type: 'string', maxLength: 20 } },
  additionalProperties: false,
};
const config = { title: 'Publish?', description: 'Check the draft.', schema, into: 'review' };

describe('human.form', () => {
  it('interrupts with the form: title, description and schema', async () => {
    const { interrupted, patch } = await runTool(humanForm, { config });
    expect(patch).toBeUndefined();
    expect(interrupted).toEqual({ kind: 'form', title: 'Publish?', description: 'Check the draft.', schema });
  });

  it('writes a valid answer on resume', async () => {
    const { patch } = await runTool(humanForm, { config, resume: { approved: true, comment: 'fine' } });
    expect(patch).toEqual({ review: { approved: true, comment: 'fine' } });
  });

  it('asks again with the errors and the previous answer when an answer does not fit', async () => {
    const bad = { comment: 'x'.repeat(30), extra: 1 };
    const { interrupted, patch } = await runTool(humanForm, { config, answers: [bad] });
    expect(patch).toBeUndefined();
    expect(interrupted).toEqual({
      kind: 'form',
      title: 'Publish?',
      description: 'Check the draft.',
      schema,
      previous: bad,
      errors: expect.arrayContaining([
        expect.objectContaining({ path: '/approved', keyword: 'required' }),
        expect.objectContaining({ path: '/comment', message: 'must NOT have more than 20 characters' }),
      ]),
    });
  });

  it('takes the first answer that fits after bad ones', async () => {
    const { patch } = await runTool(humanForm, {
      config,
      answers: [{ approved: 'yes' }, { approved: 1 }, { approved: true }],
    });
    expect(patch).toEqual({ review: { approved: true } });
  });

  it(`fails with FORM_INVALID after ${MAX_ASKS} answers that do not fit`, async () => {
    await expect(
      runTool(humanForm, { config, answers: Array.from({ length: MAX_ASKS }, () => ({ approved: 'no' })) }),
    ).rejects.toMatchObject({
      code: 'FORM_INVALID',
      retryable: false,
      message: expect.stringContaining('/approved must be boolean'),
    });
  });

  it('goes waiting again in a real run on a bad answer, then completes with a good one', async () => {
    const tools = createToolRegistry([...coreTools, humanForm]);
    const doc: GraphDocument = {
      format: 'weft.graph/1',
      id: 'form',
      name: 'Form',
      nodes: [{ id: 'review', tool: 'human.form', config }],
      edges: [],
    };
    const checkpointer = createMemoryCheckpointer();
    const first = await runGraph(doc, { tools, checkpointer });
    const resume = (value: JsonValue) =>
      runGraph(doc, { tools, checkpointer, runId: first.runId, resume: { nodeId: 'review', value } });
    const second = await resume({ approved: 'maybe' });
    expect(second.status).toBe('waiting');
    expect(second.pending?.[0]?.payload).toMatchObject({
      previous: { approved: 'maybe' },
      errors: [{ path: '/approved', message: 'must be boolean' }],
    });
    const third = await resume({ approved: false, comment: 'not yet' });
    expect(third.status).toBe('completed');
    expect(third.state).toEqual({ review: { approved: false, comment: 'not yet' } });
  });

  it('lets a host check an answer against a pending payload before resuming', () => {
    const payload = { kind: 'form', title: 't', description: null, schema };
    expect(validateFormAnswer(payload, { approved: false })).toEqual([]);
    expect(validateFormAnswer(payload, { approved: 'yes' })).toEqual([
      { path: '/approved', message: 'must be boolean', keyword: 'type' },
    ]);
    expect(validateFormAnswer({ prompt: 'not a form' }, 1)).toBeNull();
  });

  it('refuses a schema that does not compile at validation', () => {
    expect(
      humanForm.config.safeParse({ title: 't', schema: { type: 'object', required: 'x' } }).success,
    ).toBe(false);
  });
});
