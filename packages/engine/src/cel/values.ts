import type { JsonValue } from '../json.ts';

/**
 * Converts a value produced by CEL into plain JSON: CEL integers (BigInt) become numbers, timestamps
 * ISO strings, durations seconds. Anything without a faithful JSON form is an error naming the path.
 */
export function celToJson(value: unknown, path = '$'): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path} is ${value}, which JSON cannot hold`);
      return value;
    case 'bigint': {
      const n = Number(value);
      if (!Number.isSafeInteger(n))
        throw new Error(`${path} is the integer ${value}, beyond JSON's safe range`);
      return n;
    }
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item, i) => celToJson(item, `${path}[${i}]`));
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Map) {
        const out: Record<string, JsonValue> = {};
        for (const [k, v] of value) out[String(k)] = celToJson(v, `${path}.${String(k)}`);
        return out;
      }
      if (value instanceof Uint8Array) throw new Error(`${path} is bytes; convert it with string() first`);
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const seconds = (value as { seconds?: unknown }).seconds;
        if (typeof seconds === 'number' || typeof seconds === 'bigint') {
          const nanos = Number((value as { nanos?: unknown }).nanos ?? 0);
          return Number(seconds) + nanos / 1e9;
        }
        throw new Error(`${path} is a CEL ${proto?.constructor?.name ?? 'value'} without a JSON form`);
      }
      const out: Record<string, JsonValue> = {};
      for (const key of Object.keys(value))
        out[key] = celToJson((value as Record<string, unknown>)[key], `${path}.${key}`);
      return out;
    }
    default:
      throw new Error(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
}
