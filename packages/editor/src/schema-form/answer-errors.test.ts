import { describe, expect, it } from 'vitest';
import { placeAnswerErrors, pointerSegments } from './answer-errors.ts';
import { fieldsFromSchema } from './field-model.ts';

const schema = {
  type: 'object',
  required: ['name', 'age'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 2 },
    age: { type: 'integer', minimum: 18 },
    address: { type: 'object', properties: { zip: { type: 'string', pattern: '^\\d{5}$' } } },
    tags: { type: 'array', items: { type: 'string', maxLength: 8 } },
    extra: {},
  },
};

describe('placeAnswerErrors', () => {
  const fields = fieldsFromSchema(schema);

  it('puts each error on the field its pointer names, however deep', () => {
    const placed = placeAnswerErrors(fields, [
      { path: '/name', message: "must have required property 'name'", keyword: 'required' },
      { path: '/age', message: 'must be >= 18', keyword: 'minimum' },
      { path: '/address/zip', message: 'must match pattern "^\\d{5}$"', keyword: 'pattern' },
      { path: '/tags/1', message: 'must NOT have more than 8 characters', keyword: 'maxLength' },
      { path: '/extra/deep/value', message: 'must be string', keyword: 'type' },
    ]);
    expect(Object.fromEntries(placed.byField)).toEqual({
      name: ['Required.'],
      age: ['Must be >= 18'],
      'address.zip': ['Must match pattern "^\\d{5}$"'],
      'tags[1]': ['Must NOT have more than 8 characters'],
      extra: ['Must be string'],
    });
    expect(placed.general).toEqual([]);
  });

  it('keeps errors about the whole answer or an unknown key general', () => {
    const placed = placeAnswerErrors(fields, [
      {
        path: '/',
        message: 'must NOT have additional properties (nickname)',
        keyword: 'additionalProperties',
      },
      { path: '/nickname', message: 'is not allowed' },
    ]);
    expect(placed.byField.size).toBe(0);
    expect(placed.general).toEqual(['Must NOT have additional properties (nickname)', 'Is not allowed']);
  });

  it('sends everything to the single field of a non-object schema', () => {
    const placed = placeAnswerErrors(fieldsFromSchema({ type: 'array' }), [
      { path: '/0', message: 'must be number', keyword: 'type' },
    ]);
    expect(Object.fromEntries(placed.byField)).toEqual({ '': ['Must be number'] });
  });

  it('reads JSON Pointers with escapes', () => {
    expect(pointerSegments('/a~1b/~0c/0')).toEqual(['a/b', '~c', '0']);
    expect(pointerSegments('/')).toEqual([]);
  });
});
