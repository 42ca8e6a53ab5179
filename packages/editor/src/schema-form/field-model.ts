import { isPlainObject } from '@weft/engine';

type JsonSchema = Record<string, unknown>;
type Literal = string | number | boolean | null;

interface FieldBase {
  /** Property name in its parent object ('' for a record's or array's value). */
  key: string;
  title: string;
  description?: string;
  required: boolean;
  default?: unknown;
}

/**
 * One input of a generated config form, derived from the tool's JSON Schema. The inspector renders every
 * tool with one generic form over these (Rivet's lesson: editors are data, not one component per tool).
 */
export type FieldSpec =
  | (FieldBase & { kind: 'string'; minLength?: number; maxLength?: number; multiline: boolean })
  | (FieldBase & { kind: 'cel'; variables: string[]; expectBool: boolean })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: Literal[] })
  | (FieldBase & { kind: 'object'; fields: FieldSpec[] })
  | (FieldBase & { kind: 'record'; value: FieldSpec })
  | (FieldBase & { kind: 'array'; item: FieldSpec })
  | (FieldBase & { kind: 'json' });

export type FieldKind = FieldSpec['kind'];

/**
 * The form for a config schema: one field per top-level property. A schema that is not an object of
 * known properties becomes a single JSON field for the whole config (key '').
 *
 * @example
 * fieldsFromSchema({ type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] })
 * // [{ kind: 'number', key: 'ms', integer: true, required: true, title: 'Ms' }]
 */
export function fieldsFromSchema(schema: JsonSchema): FieldSpec[] {
  const root = resolve(schema, schema);
  const field = toField(root, schema, '', true, 0);
  if (field.kind === 'object') return field.fields;
  return [{ ...field, key: '', title: 'Config' }];
}

const MAX_DEPTH = 6;

function toField(
  schemaIn: JsonSchema,
  root: JsonSchema,
  key: string,
  required: boolean,
  depth: number,
): FieldSpec {
  const schema = resolve(schemaIn, root);
  const base: FieldBase = {
    key,
    title: typeof schema.title === 'string' ? schema.title : titleFromKey(key),
    required,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...('default' in schema ? { default: schema.default } : {}),
  };
  if (depth > MAX_DEPTH) return { ...base, kind: 'json' };
  const literals = literalOptions(schema, root);
  if (literals) return { ...base, kind: 'enum', options: literals };
  const variant = nonNullVariant(schema, root);
  if (variant) return { ...toField(variant, root, key, required, depth), ...base, required: false };
  const type = singleType(schema);
  switch (type) {
    case 'string':
      if (schema.format === 'cel') {
        return {
          ...base,
          kind: 'cel',
          variables: Array.isArray(schema.celVariables)
            ? schema.celVariables.map(String)
            : ['state', 'input'],
          expectBool: schema.celExpect === 'bool',
        };
      }
      return {
        ...base,
        kind: 'string',
        // Templates and long texts get a text area; names, keys and paths a single line.
        multiline:
          schema.format === 'template' || (typeof schema.maxLength === 'number' && schema.maxLength >= 1000),
        ...(typeof schema.minLength === 'number' ? { minLength: schema.minLength } : {}),
        ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
      };
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const items = isPlainObject(schema.items) ? resolve(schema.items, root) : undefined;
      if (!items) return { ...base, kind: 'json' };
      const item = toField(items, root, '', true, depth + 1);
      return item.kind === 'json' ? { ...base, kind: 'json' } : { ...base, kind: 'array', item };
    }
    case 'object': {
      const properties = isPlainObject(schema.properties) ? schema.properties : {};
      const requiredKeys = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      const keys = Object.keys(properties);
      const extra = schema.additionalProperties;
      if (keys.length === 0 && isPlainObject(extra) && Object.keys(extra).length > 0) {
        const value = toField(extra, root, '', true, depth + 1);
        return value.kind === 'json' ? { ...base, kind: 'json' } : { ...base, kind: 'record', value };
      }
      if (keys.length === 0 && extra !== undefined && extra !== false) return { ...base, kind: 'json' };
      return {
        ...base,
        kind: 'object',
        fields: keys.map((k) =>
          toField(properties[k] as JsonSchema, root, k, requiredKeys.has(k), depth + 1),
        ),
      };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

/** Follows a local `$ref` (`#/$defs/name`, `#/definitions/name`), keeping the referring node's annotations. */
function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 8 && typeof current.$ref === 'string'; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(current.$ref);
    const defs = match ? root[match[1]!] : undefined;
    const target = match && isPlainObject(defs) ? defs[decodeURIComponent(match[2]!)] : undefined;
    if (!isPlainObject(target)) return {};
    const { $ref: _ref, ...annotations } = current;
    current = { ...target, ...annotations };
  }
  return current;
}

function singleType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return types.length === 1 ? String(types[0]) : undefined;
  }
  if (isPlainObject(schema.properties)) return 'object';
  return undefined;
}

/** `enum`, `const`, or an anyOf/oneOf of constants: a select. */
function literalOptions(schema: JsonSchema, root: JsonSchema): Literal[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as Literal[];
  if ('const' in schema) return [schema.const as Literal];
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if (!Array.isArray(variants) || variants.length === 0) return undefined;
  const options: Literal[] = [];
  for (const v of variants) {
    const resolved = isPlainObject(v) ? resolve(v, root) : undefined;
    const inner = resolved ? literalOptions(resolved, root) : undefined;
    if (!inner) return undefined;
    options.push(...inner);
  }
  return options;
}

/** `anyOf: [X, {type: 'null'}]` (an optional value): X. */
function nonNullVariant(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if (!Array.isArray(variants)) return undefined;
  const rest = variants.filter((v) => !(isPlainObject(v) && resolve(v, root).type === 'null'));
  if (rest.length === 1 && variants.length === 2 && isPlainObject(rest[0])) return rest[0];
  return undefined;
}

/** `maxVisits` → 'Max visits', `api_key` → 'Api key'. */
export function titleFromKey(key: string): string {
  if (!key) return '';
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The value a new entry of this field starts with (a new array item, a new record key). */
export function emptyValue(field: FieldSpec): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  switch (field.kind) {
    case 'string':
    case 'cel':
      return '';
    case 'number':
      return field.minimum ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return field.options[0] ?? null;
    case 'object':
      return {};
    case 'record':
      return {};
    case 'array':
      return [];
    case 'json':
      return null;
  }
}
