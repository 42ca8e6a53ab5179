import { Environment } from '@marcbachmann/cel-js';
import type { JsonValue } from '../json.ts';
import { celToJson } from './values.ts';

/** Longest expression accepted anywhere (DESIGN §6: expressions ≤ 4 KiB). */
export const MAX_EXPRESSION_LENGTH = 4096;
const LIMITS = {
  maxAstNodes: 2000,
  maxDepth: 64,
  maxListElements: 1000,
  maxMapEntries: 1000,
  maxCallArguments: 32,
};
const CACHE_SIZE = 2000;

export type CelVariableType = 'map' | 'list' | 'dyn' | 'int' | 'double' | 'string' | 'bool';

export type CelProblemKind = 'syntax' | 'type' | 'too-long';

export interface CelProblem {
  kind: CelProblemKind;
  message: string;
  /** 0-based offsets into the source, when known. */
  range?: { start: number; end: number };
}

/** A parsed and type-checked expression, ready to evaluate many times. */
export interface CelProgram {
  readonly source: string;
  /** The type the checker inferred ('bool', 'int', 'dyn', …). */
  readonly type: string;
  /** Evaluates against a scope of JSON values and returns JSON; throws `CelEvaluationError`. */
  evaluate(scope: Readonly<Record<string, unknown>>): JsonValue;
}

export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; problem: CelProblem };

export class CelEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvaluationError';
  }
}

/**
 * A CEL environment with a fixed set of variables. Programs are cached by source text, so compiling
 * the same expression again is a map lookup.
 *
 * JSON numbers reach CEL as doubles while literals like `1` are CEL ints; mixed arithmetic between
 * the two is registered here so `state.n + 1` or `state.score * 2 < 1.5` work as people expect.
 *
 * @example
 * const env = createCelEnvironment({ state: 'map' });
 * const r = env.compile('state.n + 1');
 * if (r.ok) r.program.evaluate({ state: { n: 2 } }); // 3
 */
export interface CelEnvironment {
  readonly variables: Readonly<Record<string, CelVariableType>>;
  compile(source: string): CelCompileResult;
}

export function createCelEnvironment(variables: Record<string, CelVariableType>): CelEnvironment {
  const env = new Environment({ homogeneousAggregateLiterals: false, limits: LIMITS });
  for (const [name, type] of Object.entries(variables)) env.registerVariable(name, type);
  registerMixedArithmetic(env);
  const cache = new Map<string, CelCompileResult>();

  return {
    variables: Object.freeze({ ...variables }),
    compile(source) {
      const hit = cache.get(source);
      if (hit) return hit;
      const result = compileUncached(env, source);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, result);
      return result;
    },
  };
}

function compileUncached(env: Environment, source: string): CelCompileResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      problem: {
        kind: 'too-long',
        message: `expression is ${source.length} characters; the limit is ${MAX_EXPRESSION_LENGTH}`,
      },
    };
  }
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(source);
  } catch (err) {
    return { ok: false, problem: describe('syntax', err) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { ok: false, problem: describe('type', checked.error) };
  const program: CelProgram = {
    source,
    type: String(checked.type ?? 'dyn'),
    evaluate(scope) {
      let raw: unknown;
      try {
        raw = parsed(scope as Record<string, unknown>);
      } catch (err) {
        throw new CelEvaluationError(summarize(err));
      }
      try {
        return celToJson(raw);
      } catch (err) {
        throw new CelEvaluationError((err as Error).message);
      }
    },
  };
  return { ok: true, program };
}

function describe(kind: CelProblemKind, err: unknown): CelProblem {
  const range = (err as { range?: { start: number; end: number } } | undefined)?.range;
  return range
    ? { kind, message: summarize(err), range: { start: range.start, end: range.end } }
    : { kind, message: summarize(err) };
}

function summarize(err: unknown): string {
  if (err && typeof err === 'object') {
    const summary = (err as { summary?: unknown }).summary;
    const range = (err as { range?: { start: number } }).range;
    const text =
      typeof summary === 'string' && summary
        ? summary
        : String((err as Error).message ?? err).split('\n')[0]!;
    return range ? `${text} (at column ${range.start + 1})` : text;
  }
  return String(err);
}

type Arith = (l: number, r: number) => number;
const ARITHMETIC: Record<string, Arith> = {
  '+': (l, r) => l + r,
  '-': (l, r) => l - r,
  '*': (l, r) => l * r,
  '/': (l, r) => l / r,
  '%': (l, r) => l % r,
};

function registerMixedArithmetic(env: Environment): void {
  const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
  for (const [op, fn] of Object.entries(ARITHMETIC)) {
    const pairs =
      op === '%'
        ? [
            ['double', 'int'],
            ['int', 'double'],
            ['double', 'double'],
          ]
        : [
            ['double', 'int'],
            ['int', 'double'],
          ];
    for (const [left, right] of pairs) {
      env.registerOperator(`${left} ${op} ${right}`, (l: unknown, r: unknown) => fn(num(l), num(r)));
    }
  }
}
