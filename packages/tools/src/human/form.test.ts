import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { humanForm, validateFormAnswer } from './form.ts';

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

  it('fails with FORM_INVALID and every problem when the answer does not fit', async () => {
    await expect(
      runTool(humanForm, { config, resume: { comment: 'x'.repeat(30), extra: 1 } }),
    ).rejects.toMatchObject({
      code: 'FORM_INVALID',
      retryable: false,
      message: expect.stringMatching(
        /\/approved must have required property 'approved'.*\/comment must NOT have more than 20 characters/,
      ),
    });
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
