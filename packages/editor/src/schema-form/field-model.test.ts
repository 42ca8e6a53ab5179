import { describe, expect, it } from 'vitest';
import { coreDescriptors } from '../testing/fixtures.ts';
import { emptyValue, fieldsFromSchema, titleFromKey } from './field-model.ts';

const schemaOf = (id: string) => coreDescriptors.find((d) => d.id === id)!.configSchema;

describe('fieldsFromSchema', () => {
  it('reads the core tools', () => {
    expect(fieldsFromSchema(schemaOf('core.delay'))).toEqual([
      {
        kind: 'number',
        key: 'ms',
        title: 'Ms',
        description: 'Milliseconds to wait.',
        required: true,
        integer: true,
        minimum: 0,
        maximum: 86_400_000,
      },
    ]);
    const [values] = fieldsFromSchema(schemaOf('core.set'));
    expect(values).toMatchObject({ kind: 'json', key: 'values', default: {} });
    const [set] = fieldsFromSchema(schemaOf('core.compute'));
    expect(set).toMatchObject({ kind: 'record', value: { kind: 'cel', variables: ['state', 'input'] } });
    const fail = fieldsFromSchema(schemaOf('core.fail'));
    expect(fail.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['code', 'string', false],
      ['message', 'string', true],
    ]);
    expect(fieldsFromSchema(schemaOf('core.pass'))).toEqual([]);
  });

  it('handles enums, booleans, arrays, nested objects, nullable values and refs', () => {
    const fields = fieldsFromSchema({
      type: 'object',
      properties: {
        mode: { enum: ['fast', 'slow'], default: 'fast' },
        method: { anyOf: [{ const: 'GET' }, { const: 'POST' }] },
        verbose: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        rows: { type: 'array', items: { $ref: '#/$defs/row' } },
        limit: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        anything: {},
      },
      required: ['mode'],
      $defs: { row: { type: 'object', properties: { name: { type: 'string', maxLength: 50 } } } },
    });
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.mode).toMatchObject({
      kind: 'enum',
      options: ['fast', 'slow'],
      required: true,
      default: 'fast',
    });
    expect(byKey.method).toMatchObject({ kind: 'enum', options: ['GET', 'POST'] });
    expect(byKey.verbose!.kind).toBe('boolean');
    expect(byKey.tags).toMatchObject({ kind: 'array', item: { kind: 'string', multiline: false } });
    expect(byKey.rows).toMatchObject({
      kind: 'array',
      item: { kind: 'object', fields: [{ key: 'name', kind: 'string', multiline: false }] },
    });
    expect(byKey.limit).toMatchObject({ kind: 'number', integer: true, required: false });
    expect(byKey.headers).toMatchObject({ kind: 'record', value: { kind: 'string' } });
    expect(byKey.anything!.kind).toBe('json');
  });

  it('falls back to one JSON field when the config is not an object of properties', () => {
    expect(fieldsFromSchema({ type: 'array' })).toMatchObject([{ kind: 'json', key: '' }]);
  });

  it('titles keys and gives empty values', () => {
    expect(titleFromKey('maxVisits')).toBe('Max visits');
    expect(titleFromKey('api_key')).toBe('Api key');
    expect(
      emptyValue({ kind: 'number', key: 'n', title: 'N', required: true, integer: true, minimum: 3 }),
    ).toBe(3);
    expect(emptyValue({ kind: 'json', key: 'j', title: 'J', required: true, default: { a: 1 } })).toEqual({
      a: 1,
    });
  });
});
