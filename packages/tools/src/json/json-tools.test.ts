import { describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { jsonMap } from './map.ts';
import { jsonParse } from './parse.ts';
import { jsonStringify } from './stringify.ts';
import { jsonValidate } from './validate.ts';

describe('json.map', () => {
  it('builds an object from CEL expressions over state and input', async () => {
    const { patch } = await runTool(jsonMap, {
      config: {
        fields: { total: 'state.price * state.qty', label: '"order " + input.id', big: 'state.qty > 2' },
        into: 'order',
      },
      state: { price: 2.5, qty: 4 },
      input: { id: 'A1' },
    });
    expect(patch).toEqual({ order: { total: 10, label: 'order A1', big: true } });
  });

  it('maps over a list with item and index', async () => {
    const { patch } = await runTool(jsonMap, {
      config: {
        over: 'people',
        fields: { name: 'item.first + " " + item.last', n: 'index + 1' },
        into: 'names',
      },
      state: {
        people: [
          { first: 'Ada', last: 'Lovelace' },
          { first: 'Alan', last: 'Turing' },
        ],
      },
    });
    expect(patch).toEqual({
      names: [
        { name: 'Ada Lovelace', n: 1 },
        { name: 'Alan Turing', n: 2 },
      ],
    });
  });

  it('checks expressions at validation and reports run-time errors with their field', async () => {
    expect(jsonMap.config.safeParse({ fields: { a: 'state.x +' } }).success).toBe(false);
    expect(jsonMap.config.safeParse({ fields: {} }).success).toBe(false);
    await expect(runTool(jsonMap, { config: { fields: { a: 'state.missing + 1' } } })).rejects.toMatchObject({
      code: 'EXPRESSION_ERROR',
      message: expect.stringContaining('fields.a'),
    });
  });
});

describe('json.validate', () => {
  const schema = {
    type: 'object',
    required: ['name', 'age'],
    properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 } },
    additionalProperties: false,
  };

  it('writes valid: true or every error with its path', async () => {
    const ok = await runTool(jsonValidate, {
      config: { schema, field: 'person' },
      state: { person: { name: 'Ada', age: 36 } },
    });
    expect(ok.patch).toEqual({ validation: { valid: true, errors: [] } });
    const bad = await runTool(jsonValidate, {
      config: { schema, field: 'person' },
      state: { person: { age: -1, extra: 1 } },
    });
    expect(bad.patch?.validation).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        { path: '/name', message: "must have required property 'name'", keyword: 'required' },
        { path: '/age', message: 'must be >= 0', keyword: 'minimum' },
        {
          path: '/',
          message: 'must NOT have additional properties (extra)',
          keyword: 'additionalProperties',
        },
      ]),
    });
  });

  it('checks each item of a list and splits them', async () => {
    const { patch } = await runTool(jsonValidate, {
      config: { schema, field: 'rows', each: true, into: 'check' },
      state: {
        rows: [
          { name: 'a', age: 1 },
          { name: '', age: 2 },
          { name: 'c', age: 3 },
        ],
      },
    });
    expect(patch?.check).toMatchObject({
      valid: false,
      validItems: [
        { name: 'a', age: 1 },
        { name: 'c', age: 3 },
      ],
      invalidItems: [{ index: 1, item: { name: '', age: 2 } }],
      errors: [{ path: '/1/name', keyword: 'minLength' }],
    });
  });

  it('fails on request, and refuses bad or dangerous schemas at validation', async () => {
    await expect(
      runTool(jsonValidate, { config: { schema, failOnInvalid: true }, state: { data: {} } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(jsonValidate.config.safeParse({ schema: { type: 'nope' } }).success).toBe(false);
    expect(jsonValidate.config.safeParse({ schema: { type: 'string', pattern: '(x+)+y' } }).success).toBe(
      false,
    );
  });
});

describe('json.parse', () => {
  it('parses plain JSON and JSON inside fences or prose', async () => {
    const plain = await runTool(jsonParse, { state: { text: '{"a":[1,2]}' } });
    expect(plain.patch).toEqual({ data: { a: [1, 2] } });
    const fenced = await runTool(jsonParse, {
      state: { text: 'Here you go:\n```json\n{"score": 7}\n```\nThanks' },
    });
    expect(fenced.patch).toEqual({ data: { score: 7 } });
    const prose = await runTool(jsonParse, { state: { text: 'Result: [1, 2, 3].' } });
    expect(prose.patch).toEqual({ data: [1, 2, 3] });
  });

  it('fails with INVALID_JSON, and does not dig when extract is off', async () => {
    await expect(runTool(jsonParse, { state: { text: 'not json' } })).rejects.toMatchObject({
      code: 'INVALID_JSON',
    });
    await expect(
      runTool(jsonParse, { config: { extract: false }, state: { text: 'x {"a":1}' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_JSON',
    });
  });
});

describe('json.stringify', () => {
  it('writes indented or compact JSON, optionally with sorted keys', async () => {
    const compact = await runTool(jsonStringify, {
      config: { indent: 0, sortKeys: true },
      state: { data: { b: 1, a: { d: 2, c: 3 } } },
    });
    expect(compact.patch).toEqual({ json: '{"a":{"c":3,"d":2},"b":1}' });
    const pretty = await runTool(jsonStringify, { config: { field: 'x' }, state: { x: [1] } });
    expect(pretty.patch).toEqual({ json: '[\n  1\n]' });
  });
});
