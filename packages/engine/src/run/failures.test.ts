import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../events.ts';
import { createFakeClock } from '../testing/fake-clock.ts';
import { createTestTools, edge, graph, node, runAndRecord, setter } from '../testing/graph-fixtures.ts';
import { runGraph } from './run-graph.ts';

describe('failures, retries, timeouts and cancellation (DESIGN §3.8–3.9)', () => {
  it('selects onError edges by error.code, and only they fire', async () => {
    const doc = graph({
      nodes: [
        node('risky', 'core.fail', { code: 'RATE_LIMITED', message: 'slow down' }),
        setter('ok', { next: 'ok' }),
        setter('backoff', { handled: 'rate' }),
        setter('other', { handled: 'other' }),
      ],
      edges: [
        edge('risky>ok'),
        edge('risky>backoff', { onError: true, when: "error.code == 'RATE_LIMITED'" }),
        edge('risky>other', { onError: true, when: "error.code != 'RATE_LIMITED'" }),
      ],
    });
    const run = await runAndRecord(doc);
    expect(run.result.status).toBe('completed');
    expect(run.result.state).toEqual({ handled: 'rate' });
    expect(run.completed).toEqual(['backoff']);
    expect(run.skipped.sort()).toEqual(['ok', 'other']);
    const failed = run.events.find((e) => e.type === 'node.failed');
    expect(failed).toMatchObject({
      nodeId: 'risky',
      error: { code: 'RATE_LIMITED', message: 'slow down' },
      willRetry: false,
    });
  });

  it('fails the run with the node error when no onError edge matches', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [node('risky', 'core.fail', { code: 'BOOM', message: 'it broke' }), setter('handler')],
        edges: [edge('risky>handler', { onError: true, when: "error.code == 'OTHER'" })],
      }),
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error).toEqual({ code: 'BOOM', message: 'it broke', nodeId: 'risky' });
    expect(run.events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'BOOM', nodeId: 'risky' } });
  });

  it('retries with exponential backoff and succeeds on the third attempt', async () => {
    const { registry, calls } = createTestTools();
    const clock = createFakeClock({ autoAdvance: true, random: () => 0 });
    const run = await runAndRecord(
      graph({
        nodes: [
          node(
            'flaky',
            'test.flaky',
            { failures: 2 },
            { retry: { maxAttempts: 5, backoffMs: 100, factor: 3, maxBackoffMs: 10_000 } },
          ),
        ],
      }),
      { tools: registry, clock },
    );
    expect(run.result.status).toBe('completed');
    expect(run.result.state).toEqual({ succeededOn: 3 });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([100, 300]);
    const retrying = run.events.filter(
      (e): e is Extract<RunEvent, { type: 'node.retrying' }> => e.type === 'node.retrying',
    );
    expect(retrying.map((e) => [e.attempt, e.delayMs])).toEqual([
      [2, 100],
      [3, 300],
    ]);
    expect(
      run.events.filter((e) => e.type === 'node.failed').map((e) => (e as { willRetry: boolean }).willRetry),
    ).toEqual([true, true]);
  });

  it('spreads retry delays with jitter and caps them at maxBackoffMs', async () => {
    const { registry } = createTestTools();
    const clock = createFakeClock({ autoAdvance: true, random: () => 0.5 });
    const run = await runAndRecord(
      graph({
        nodes: [
          node(
            'flaky',
            'test.flaky',
            { failures: 3 },
            { retry: { maxAttempts: 4, backoffMs: 1000, factor: 10, maxBackoffMs: 5000, jitter: 0.5 } },
          ),
        ],
      }),
      { tools: registry, clock },
    );
    expect(run.result.status).toBe('completed');
    // 1000, 10000 → capped 5000, 5000; each reduced by jitter·random = 25 %.
    expect(clock.sleeps).toEqual([750, 3750, 3750]);
  });

  it('gives up after maxAttempts and reports the last error', async () => {
    const { registry, calls } = createTestTools();
    const run = await runAndRecord(
      graph({
        nodes: [node('flaky', 'test.flaky', { failures: 10 }, { retry: { maxAttempts: 2, backoffMs: 0 } })],
      }),
      { tools: registry, clock: createFakeClock({ autoAdvance: true }) },
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error).toEqual({ code: 'TOOL_ERROR', message: 'attempt 2 failed', nodeId: 'flaky' });
    expect(calls).toHaveLength(2);
  });

  it('aborts an attempt that exceeds timeoutMs with TIMEOUT, and retries it', async () => {
    const { registry, calls } = createTestTools();
    const started = Date.now();
    const run = await runAndRecord(
      graph({
        nodes: [
          node('slow', 'test.hang', {}, { timeoutMs: 30, retry: { maxAttempts: 2, backoffMs: 1 } }),
          setter('late'),
        ],
        edges: [edge('slow>late', { onError: true, when: "error.code == 'TIMEOUT'" })],
      }),
      { tools: registry },
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls).toHaveLength(2);
    const failures = run.events
      .filter((e) => e.type === 'node.failed')
      .map((e) => (e as { error: { code: string } }).error.code);
    expect(failures).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(run.result.status).toBe('completed');
    expect(run.completed).toEqual(['late']);
  });

  it('cancels a run mid-flight: every in-flight tool sees its signal abort', async () => {
    const { registry } = createTestTools();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const promise = runGraph(
      graph({
        nodes: [setter('s'), node('a', 'test.hang', {}), node('b', 'test.hang', {}), setter('after')],
        edges: [edge('s>a'), edge('s>b'), edge('a>after'), edge('b>after')],
      }),
      {
        tools: registry,
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'node.started' && event.nodeId === 'b') setTimeout(() => controller.abort(), 10);
        },
      },
    );
    const result = await promise;
    expect(result.status).toBe('cancelled');
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(events.some((e) => e.type === 'node.completed' && (e.nodeId === 'a' || e.nodeId === 'b'))).toBe(
      false,
    );
    expect(
      events.filter((e) => e.type === 'node.started').map((e) => (e as { nodeId: string }).nodeId),
    ).toEqual(['s', 'a', 'b']);
  });

  it('reaches the tool through its AbortSignal on cancel', async () => {
    const seen: unknown[] = [];
    const { registry } = createTestTools();
    const controller = new AbortController();
    const tools = registry.with([
      {
        id: 'test.watch',
        title: 'Watch',
        category: 'Test',
        description: 'Records the abort reason.',
        config: (await import('zod')).z.object({}),
        run: (ctx) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => {
              seen.push(ctx.signal.reason);
              reject(ctx.signal.reason);
            }),
          ),
      },
    ]);
    const promise = runGraph(graph({ nodes: [node('w', 'test.watch', {})] }), {
      tools,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 5);
    expect((await promise).status).toBe('cancelled');
    expect(seen).toHaveLength(1);
    expect(String((seen[0] as Error).message)).toMatch(/cancelled/);
  });

  it('fails the node with INVALID_PATCH when a patch is not JSON, naming the path', async () => {
    const { registry } = createTestTools();
    const cases: Array<[string, RegExp]> = [
      ['date', /patch\.when is a Date/],
      ['function', /patch\.fn is a function/],
      ['nan', /patch\.n is NaN/],
      ['string', /returned a string/],
      ['array', /returned an array/],
      ['cycle', /nested deeper|circular/],
    ];
    for (const [kind, message] of cases) {
      const run = await runAndRecord(
        graph({ nodes: [node('bad', 'test.returns', { kind }, { retry: { maxAttempts: 3 } })] }),
        {
          tools: registry,
        },
      );
      expect(run.result.status).toBe('failed');
      expect(run.result.error?.code).toBe('INVALID_PATCH');
      expect(run.result.error?.message).toMatch(message);
      // A patch that is not JSON is not worth retrying.
      expect(run.started).toEqual(['bad']);
    }
  });

  it('fails the node with CONDITION_ERROR when a condition errors at run time, never treating it as false', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [setter('a', { x: 1 }), setter('b'), setter('c')],
        edges: [edge('a>b', { when: 'state.missing > 1' }), edge('a>c', { else: true })],
      }),
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error?.code).toBe('CONDITION_ERROR');
    expect(run.result.error?.message).toContain("edge 'a-b'");
    expect(run.result.error?.message).toContain('missing');
    // The failing node's patch is not committed.
    expect(run.events.some((e) => e.type === 'node.completed')).toBe(false);
  });

  it('routes CONDITION_ERROR through onError like any node failure', async () => {
    const run = await runAndRecord(
      graph({
        nodes: [setter('a', { x: 'text' }), setter('b'), setter('fix', { repaired: true })],
        edges: [
          edge('a>b', { when: 'state.x > 1' }),
          edge('a>fix', { onError: true, when: "error.code == 'CONDITION_ERROR'" }),
        ],
      }),
    );
    expect(run.result.status).toBe('completed');
    expect(run.result.state).toEqual({ repaired: true });
    expect(run.skipped).toEqual(['b']);
  });

  it('runs independent branches concurrently: three 100 ms waits finish well under 300 ms', async () => {
    const { registry } = createTestTools();
    const started = performance.now();
    const run = await runAndRecord(
      graph({
        nodes: [
          setter('s'),
          ...['a', 'b', 'c'].map((id) => node(id, 'test.sleep', { ms: 100, values: { [id]: true } })),
          setter('j'),
        ],
        edges: [edge('s>a'), edge('s>b'), edge('s>c'), edge('a>j'), edge('b>j'), edge('c>j')],
      }),
      { tools: registry },
    );
    const elapsed = performance.now() - started;
    expect(run.result.state).toEqual({ a: true, b: true, c: true });
    expect(elapsed).toBeLessThan(250);
  });

  it('holds to limits.concurrency', async () => {
    const { registry } = createTestTools();
    let running = 0;
    let peak = 0;
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    await runAndRecord(
      graph({
        limits: { concurrency: 2 },
        nodes: [setter('s'), ...ids.map((id) => node(id, 'test.sleep', { ms: 15 }))],
        edges: ids.map((id) => edge(`s>${id}`)),
      }),
      {
        tools: registry,
        onEvent: (e) => {
          if (e.type === 'node.started' && e.nodeId !== 's') peak = Math.max(peak, ++running);
          if (e.type === 'node.completed' && e.nodeId !== 's') running--;
        },
      },
    );
    expect(peak).toBe(2);
  });

  it('fails the run with RUN_TIMEOUT after limits.timeoutMs and aborts what is in flight', async () => {
    const { registry } = createTestTools();
    const run = await runAndRecord(
      graph({ limits: { timeoutMs: 20 }, nodes: [node('h', 'test.hang', {})] }),
      { tools: registry },
    );
    expect(run.result.status).toBe('failed');
    expect(run.result.error?.code).toBe('RUN_TIMEOUT');
  });
});
