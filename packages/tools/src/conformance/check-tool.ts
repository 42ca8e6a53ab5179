import {
  type AnyTool,
  isPlainObject,
  type JsonObject,
  type JsonValue,
  type ToolServices,
  toFrozenJson,
} from '@weft/engine';
import { checkDefinition } from './check-definition.ts';
import { createKitContext, KitInterrupt, type Recorded } from './fake-context.ts';

/** One way to run the tool. */
export interface ConformanceCase {
  name?: string;
  /** The node config, before the tool's schema parses it (defaults get applied). Default `{}`. */
  config?: unknown;
  /** The state the tool sees. Default `{}`. */
  state?: JsonObject;
  /** The run input. Default: the state. */
  input?: JsonValue;
  services?: ToolServices;
  /** Run as if resumed with this value after an interrupt. */
  resume?: JsonValue;
  /** Run as if resumed several times: the answers to successive interrupts, in order. */
  answers?: JsonValue[];
  /** Keys this case's patch may hold besides the tool's `writes` (for tools whose output key is configurable). */
  writes?: string[];
  /** The case must fail with this error code. */
  expectError?: string;
  /** The case must interrupt (ask a person) rather than finish. */
  expectInterrupt?: boolean;
}

export interface ConformanceOptions {
  /** At least one; default one case with an empty config and state. */
  cases?: ConformanceCase[];
  /** How long a tool may take to settle once its signal is aborted (default 2000 ms). */
  abortTimeoutMs?: number;
  /** When to abort in the abort check: 0 = before the tool starts (default), or after this many ms. */
  abortAfterMs?: number;
}

export interface ConformanceReport {
  tool: string;
  ok: boolean;
  problems: string[];
}

type Outcome =
  | { kind: 'patch'; value: unknown }
  | { kind: 'interrupt'; payload: JsonValue }
  | { kind: 'error'; error: unknown }
  | { kind: 'hang' };

/**
 * Checks that a tool keeps the contract every Weft tool keeps: a documented zod schema that converts to
 * JSON Schema, JSON-safe patches that stay inside `writes`, JSON-safe events, no mutation of the state,
 * clean failures, and a prompt end when its AbortSignal fires. Resolves to a report; never throws.
 *
 * @example
 * const report = await checkToolConformance(wordCount, { cases: [{ state: { text: 'a b' } }] });
 * expect(report.problems).toEqual([]);
 */
export async function checkToolConformance(
  tool: AnyTool,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const problems = checkDefinition(tool);
  const cases = options.cases?.length ? options.cases : [{}];
  for (const [i, testCase] of cases.entries()) {
    const label = `case ${testCase.name ?? i + 1}`;
    const parsed = tool.config?.safeParse?.(testCase.config ?? {});
    if (!parsed?.success) {
      problems.push(
        `${label}: its config does not pass the tool's schema: ${parsed?.error?.issues?.[0]?.message ?? 'unknown'}`,
      );
      continue;
    }
    const ran = await runCase(tool, testCase, parsed.data, new AbortController().signal, 60_000);
    problems.push(...ran.recorded.problems.map((p) => `${label}: ${p}`));
    problems.push(...judgeOutcome(tool, testCase, ran.outcome).map((p) => `${label}: ${p}`));
    if (!testCase.expectInterrupt) {
      problems.push(...(await checkAbort(tool, testCase, parsed.data, options)).map((p) => `${label}: ${p}`));
    }
  }
  return { tool: tool.id, ok: problems.length === 0, problems };
}

/** Like `checkToolConformance`, but throws one error listing every problem (handy in any test runner). */
export async function assertToolConforms(tool: AnyTool, options: ConformanceOptions = {}): Promise<void> {
  const report = await checkToolConformance(tool, options);
  if (!report.ok)
    throw new Error(`tool '${report.tool}' does not conform:\n- ${report.problems.join('\n- ')}`);
}

async function runCase(
  tool: AnyTool,
  testCase: ConformanceCase,
  config: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<{ outcome: Outcome; recorded: Recorded }> {
  const state = testCase.state ?? {};
  const { ctx, recorded } = createKitContext({
    config,
    state,
    input: testCase.input ?? state,
    services: testCase.services ?? {},
    signal,
    answers: testCase.answers ?? (testCase.resume === undefined ? [] : [testCase.resume]),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), timeoutMs);
  });
  const work = (async (): Promise<Outcome> => {
    try {
      return { kind: 'patch', value: await tool.run(ctx) };
    } catch (error) {
      if (error instanceof KitInterrupt) return { kind: 'interrupt', payload: error.payload };
      return { kind: 'error', error };
    }
  })();
  const outcome = await Promise.race([work, hang]);
  clearTimeout(timer);
  return { outcome, recorded };
}

function judgeOutcome(tool: AnyTool, testCase: ConformanceCase, outcome: Outcome): string[] {
  if (outcome.kind === 'hang') return ['did not finish within 60 s'];
  if (outcome.kind === 'interrupt')
    return testCase.expectInterrupt ? [] : ['interrupted, but the case does not expect it'];
  if (testCase.expectInterrupt)
    return [`was expected to interrupt, but it ${outcome.kind === 'error' ? 'failed' : 'finished'}`];
  if (outcome.kind === 'error') {
    const { error } = outcome;
    if (!(error instanceof Error)) return [`threw ${typeof error}, not an Error`];
    const code = (error as { code?: unknown }).code;
    if (testCase.expectError === undefined)
      return [`failed: ${String(code ?? error.name)}: ${error.message}`];
    return code === testCase.expectError
      ? []
      : [`failed with ${String(code)}, expected ${testCase.expectError}: ${error.message}`];
  }
  if (testCase.expectError !== undefined)
    return [`finished, but was expected to fail with ${testCase.expectError}`];
  return checkPatch(tool, testCase, outcome.value);
}

function checkPatch(tool: AnyTool, testCase: ConformanceCase, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value))
    return [
      `returned ${Array.isArray(value) ? 'a list' : typeof value}; a patch is a plain object (or nothing)`,
    ];
  const problems: string[] = [];
  try {
    const frozen = toFrozenJson(value, 'patch');
    if (JSON.stringify(frozen) !== JSON.stringify(value))
      problems.push('the patch changes when copied as JSON (undefined values?)');
  } catch (err) {
    problems.push(`the patch is not JSON: ${(err as Error).message}`);
  }
  const allowed =
    tool.writes || testCase.writes
      ? new Set([...(tool.writes ?? []), ...(testCase.writes ?? [])])
      : undefined;
  if (allowed) {
    for (const key of Object.keys(value)) {
      if (!allowed.has(key))
        problems.push(`wrote '${key}', which is not in its writes (${[...allowed].join(', ') || 'none'})`);
    }
  }
  return problems;
}

async function checkAbort(
  tool: AnyTool,
  testCase: ConformanceCase,
  config: unknown,
  options: ConformanceOptions,
): Promise<string[]> {
  const controller = new AbortController();
  const abortAfter = options.abortAfterMs ?? 0;
  const limit = options.abortTimeoutMs ?? 2000;
  if (abortAfter === 0) controller.abort(new Error('aborted by the conformance kit'));
  else setTimeout(() => controller.abort(new Error('aborted by the conformance kit')), abortAfter);
  const started = Date.now();
  const { outcome } = await runCase(tool, testCase, config, controller.signal, abortAfter + limit);
  if (outcome.kind === 'hang')
    return [`kept running ${limit} ms after its signal was aborted; pass ctx.signal to I/O and sleeps`];
  if (!controller.signal.aborted) controller.abort();
  return Date.now() - started > abortAfter + limit ? ['took too long to stop after abort'] : [];
}
