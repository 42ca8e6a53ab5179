import { defineTool, ToolError } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertToolConforms, checkToolConformance } from './check-tool.ts';

const good = defineTool({
  id: 'test.upper',
  title: 'Upper',
  category: 'Test',
  description: 'Upper-cases text.',
  config: z.object({ field: z.string().default('text').describe('Key to read.') }),
  writes: ['upper'],
  async run({ state, config, sleep }) {
    await sleep(1);
    return { upper: String(state[config.field] ?? '').toUpperCase() };
  },
});

const tool = (overrides: Record<string, unknown>) => defineTool({ ...good, ...overrides } as typeof good);

describe('checkToolConformance', () => {
  it('passes a tool that keeps the contract', async () => {
    const report = await checkToolConformance(good, { cases: [{ state: { text: 'a' } }] });
    expect(report).toEqual({ tool: 'test.upper', ok: true, problems: [] });
    await expect(assertToolConforms(good)).resolves.toBeUndefined();
  });

  it('reports undocumented config fields and bad writes lists', async () => {
    const report = await checkToolConformance(
      tool({ config: z.object({ x: z.string().default('') }), writes: ['ok', 'ok', 'bad key'] }),
    );
    expect(report.problems).toEqual([
      'config.x has no description (.describe(...)); the editor shows it as help',
      "writes holds 'bad key', not a state key",
      'writes lists a key twice',
      expect.stringContaining("wrote 'upper', which is not in its writes"),
    ]);
  });

  it('reports patches outside writes, non-JSON patches and non-object results', async () => {
    const outside = await checkToolConformance(tool({ run: () => ({ upper: 'A', extra: 1 }) }));
    expect(outside.problems).toEqual(["case 1: wrote 'extra', which is not in its writes (upper)"]);
    const dates = await checkToolConformance(tool({ run: () => ({ upper: new Date(0) }) }));
    expect(dates.problems[0]).toMatch(/the patch is not JSON: patch.upper is a Date/);
    const list = await checkToolConformance(tool({ run: () => [1] }));
    expect(list.problems).toEqual(['case 1: returned a list; a patch is a plain object (or nothing)']);
  });

  it('accepts extra keys named by the case for tools with a configurable output', async () => {
    const configurable = tool({
      writes: undefined,
      run: ({ config }: { config: { field: string } }) => ({ [config.field]: 1 }),
    });
    const report = await checkToolConformance(configurable, {
      cases: [{ config: { field: 'out' }, writes: ['out'] }],
    });
    expect(report.problems).toEqual([]);
    const wrong = await checkToolConformance(configurable, {
      cases: [{ config: { field: 'other' }, writes: ['out'] }],
    });
    expect(wrong.problems).toEqual(["case 1: wrote 'other', which is not in its writes (out)"]);
  });

  it('catches state mutation, unexpected failures and non-JSON stream chunks', async () => {
    const mutating = await checkToolConformance(
      tool({
        run: ({ state }: { state: Record<string, unknown> }) => {
          state.text = 'changed';
        },
      }),
      { cases: [{ state: { text: 'a' } }] },
    );
    expect(mutating.problems[0]).toMatch(
      /case 1: failed: TypeError: Cannot assign to read only property 'text'/,
    );
    const failing = await checkToolConformance(
      tool({
        run: () => {
          throw new ToolError('NOPE', 'no');
        },
      }),
      { cases: [{ expectError: 'OTHER' }] },
    );
    expect(failing.problems).toEqual(['case 1: failed with NOPE, expected OTHER: no']);
    const chunky = await checkToolConformance(
      tool({ run: ({ emit }: { emit: (c: unknown) => void }) => emit({ f: () => 1 }) }),
    );
    expect(chunky.problems[0]).toMatch(/emit: chunk.f is a function/);
  });

  it('catches a tool that ignores its abort signal', async () => {
    const stubborn = tool({
      run: () => new Promise((resolve) => setTimeout(() => resolve({ upper: 'late' }), 400)),
    });
    const report = await checkToolConformance(stubborn, { abortTimeoutMs: 100 });
    expect(report.problems).toEqual([
      'case 1: kept running 100 ms after its signal was aborted; pass ctx.signal to I/O and sleeps',
    ]);
  });

  it('checks interrupting tools and the resume path', async () => {
    const asking = tool({
      writes: ['answer'],
      run: ({ interrupt }: { interrupt: (p: unknown) => unknown }) => ({
        answer: interrupt({ question: 'ok?' }) as string,
      }),
    });
    const report = await checkToolConformance(asking, {
      cases: [{ expectInterrupt: true }, { resume: 'yes' }],
    });
    expect(report.problems).toEqual([]);
    const notAsking = await checkToolConformance(good, { cases: [{ expectInterrupt: true }] });
    expect(notAsking.problems).toEqual(['case 1: was expected to interrupt, but it finished']);
  });

  it('reports a case whose config the schema refuses', async () => {
    const report = await checkToolConformance(good, { cases: [{ config: { field: 3 } }] });
    expect(report.problems[0]).toMatch(/^case 1: its config does not pass the tool's schema/);
    await expect(assertToolConforms(good, { cases: [{ config: { field: 3 } }] })).rejects.toThrow(
      /does not conform/,
    );
  });
});
