import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WeftError } from '../errors.ts';
import type { RunEvent } from '../events.ts';
import { replayState } from '../state/replay.ts';
import { edge, graph, node, recordOf, runAndRecord, setter } from '../testing/graph-fixtures.ts';
import { coreTools } from '../tools/core-tools.ts';
import { defineTool } from '../tools/define-tool.ts';
import { createToolRegistry } from '../tools/registry.ts';
import { createMemoryCheckpointer } from './memory-checkpointer.ts';
import { runGraph } from './run-graph.ts';

describe('interrupts and resume (DESIGN §3.10)', () => {
  const approvalGraph = graph({
    state: { log: { reducer: 'append', default: [] } },
    nodes: [
      setter('draft', { log: 'drafted' }),
      node('approve', 'core.approval', { prompt: 'Ship it?', key: 'approved' }),
      setter('ship', { log: 'shipped' }),
      setter('rework', { log: 'reworked' }),
    ],
    edges: [
      edge('draft>approve'),
      edge('approve>ship', { when: 'state.approved == true' }),
      edge('approve>rework', { else: true }),
    ],
  });

  it('waits with the pending prompt, then resumes the node with the value and completes', async () => {
    const checkpointer = createMemoryCheckpointer();
    const tools = createToolRegistry(coreTools);
    const first = await runAndRecord(approvalGraph, { tools, checkpointer });
    expect(first.result.status).toBe('waiting');
    expect(first.result.pending).toEqual([{ nodeId: 'approve', visit: 1, payload: { prompt: 'Ship it?' } }]);
    expect(first.events.at(-1)).toMatchObject({ type: 'run.waiting', pending: [{ nodeId: 'approve' }] });

    const events: RunEvent[] = [];
    const second = await runGraph(approvalGraph, {
      tools,
      checkpointer,
      runId: first.result.runId,
      resume: { nodeId: 'approve', value: true },
      onEvent: (e) => events.push(e),
    });
    expect(second.status).toBe('completed');
    expect(second.state).toEqual({ log: ['drafted', 'shipped'], approved: true });
    // The sequence carries on where the waiting run stopped, with no gap.
    expect(events[0]).toMatchObject({
      type: 'run.resumed',
      nodeId: 'approve',
      value: true,
      seq: first.result.lastSeq + 1,
    });
    events.forEach((e, i) => {
      expect(e.seq).toBe(first.result.lastSeq + 1 + i);
    });
    // `draft` is not run again.
    expect(recordOf(second, events).completed).toEqual(['approve', 'ship']);
  });

  it('refuses to resume a node that is not waiting', async () => {
    const checkpointer = createMemoryCheckpointer();
    const tools = createToolRegistry(coreTools);
    const first = await runAndRecord(approvalGraph, { tools, checkpointer });
    await expect(
      runGraph(approvalGraph, {
        tools,
        checkpointer,
        runId: first.result.runId,
        resume: { nodeId: 'draft', value: 1 },
      }),
    ).rejects.toMatchObject({ code: 'NOT_WAITING', message: expect.stringContaining("'approve'") });
  });

  it('keeps other interrupts waiting when one of several is resumed', async () => {
    const checkpointer = createMemoryCheckpointer();
    const tools = createToolRegistry(coreTools);
    const doc = graph({
      nodes: [
        setter('s'),
        node('legal', 'core.approval', { prompt: 'Legal OK?', key: 'legal' }),
        node('finance', 'core.approval', { prompt: 'Budget OK?', key: 'finance' }),
        setter('go', { go: true }),
      ],
      edges: [edge('s>legal'), edge('s>finance'), edge('legal>go'), edge('finance>go')],
    });
    const first = await runGraph(doc, { tools, checkpointer });
    expect(first.pending?.map((p) => p.nodeId).sort()).toEqual(['finance', 'legal']);
    const second = await runGraph(doc, {
      tools,
      checkpointer,
      runId: first.runId,
      resume: { nodeId: 'legal', value: 'yes' },
    });
    expect(second.status).toBe('waiting');
    expect(second.pending?.map((p) => p.nodeId)).toEqual(['finance']);
    const third = await runGraph(doc, {
      tools,
      checkpointer,
      runId: first.runId,
      resume: { nodeId: 'finance', value: 'yes' },
    });
    expect(third.status).toBe('completed');
    expect(third.state).toEqual({ legal: 'yes', finance: 'yes', go: true });
  });
  it('replays earlier answers in order when a node asks again, through checkpoints', async () => {
    const checkpointer = createMemoryCheckpointer();
    let runs = 0;
    const interview = defineTool({
      id: 'test.interview',
      title: 'Interview',
      category: 'Test',
      description: 'Asks for a name, then for an age that must be a number, asking again until it is.',
      config: z.object({}),
      run({ interrupt }) {
        runs++;
        const name = interrupt({ ask: 'name' });
        let age = interrupt({ ask: 'age' });
        while (typeof age !== 'number')
          age = interrupt({ ask: 'age', error: `${JSON.stringify(age)} is not a number` });
        return { name, age };
      },
    });
    const tools = createToolRegistry([...coreTools, interview]);
    const doc = graph({ nodes: [node('ask', 'test.interview', {})] });
    const first = await runGraph(doc, { tools, checkpointer });
    expect(first.pending).toEqual([{ nodeId: 'ask', visit: 1, payload: { ask: 'name' } }]);
    const answer = (value: unknown) =>
      runGraph(doc, {
        tools,
        checkpointer,
        runId: first.runId,
        resume: { nodeId: 'ask', value: value as never },
      });
    expect((await answer('Ada')).pending).toEqual([{ nodeId: 'ask', visit: 1, payload: { ask: 'age' } }]);
    expect((await answer('old')).pending).toEqual([
      { nodeId: 'ask', visit: 1, payload: { ask: 'age', error: '"old" is not a number' } },
    ]);
    const done = await answer(36);
    expect(done.status).toBe('completed');
    expect(done.state).toEqual({ name: 'Ada', age: 36 });
    expect(runs).toBe(4);
  });
});

describe('checkpoints and resume in a fresh engine (DESIGN §3.11)', () => {
  function gatedTools(open: { value: boolean }) {
    const calls: string[] = [];
    const step = defineTool({
      id: 'test.step',
      title: 'Step',
      category: 'Test',
      description: 'Records its call; hangs while the gate is closed.',
      config: z.object({ key: z.string() }),
      async run(ctx) {
        calls.push(`${ctx.nodeId}@${ctx.idempotencyKey}`);
        if (!open.value)
          await new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
          );
        return { [ctx.config.key]: ctx.visit };
      },
    });
    return { calls, tools: createToolRegistry([...coreTools, step]) };
  }

  it('never re-runs completed nodes, and re-runs the in-flight node with the same idempotency key', async () => {
    const doc = graph({
      nodes: ['a', 'b', 'c', 'd'].map((id) => node(id, 'test.step', { key: id })),
      edges: [edge('a>b'), edge('b>c'), edge('c>d')],
    });
    // First process: a and b complete, c is in flight when the process "dies".
    const gate = { value: true };
    const first = gatedTools(gate);
    const checkpointer = createMemoryCheckpointer({ keepHistory: true });
    const controller = new AbortController();
    const firstEvents: RunEvent[] = [];
    const done = runGraph(doc, {
      tools: first.tools,
      checkpointer,
      signal: controller.signal,
      onEvent: (e) => {
        firstEvents.push(e);
        if (e.type === 'node.completed' && e.nodeId === 'b') gate.value = false;
        if (e.type === 'node.started' && e.nodeId === 'c') setTimeout(() => controller.abort(), 5);
      },
    });
    const abandoned = await done;
    const afterB = checkpointer
      .history(abandoned.runId)
      .find((cp) => cp.frontier.some((f) => f.nodeId === 'c') && cp.state.b === 1);
    expect(afterB).toBeDefined();
    expect(afterB!.frontier).toEqual([{ nodeId: 'c', visit: 1 }]);

    // Second process: a fresh registry and engine, resuming from that checkpoint.
    const second = gatedTools({ value: true });
    const events: RunEvent[] = [];
    const result = await runGraph(doc, {
      tools: second.tools,
      resumeFrom: afterB,
      onEvent: (e) => events.push(e),
    });
    expect(result.status).toBe('completed');
    expect(result.state).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    expect(second.calls.map((c) => c.split('@')[0])).toEqual(['c', 'd']);
    const firstC = first.calls.find((c) => c.startsWith('c@'));
    const secondC = second.calls.find((c) => c.startsWith('c@'));
    expect(secondC).toBe(firstC);
    expect(events[0]!.seq).toBe(afterB!.seq + 1);
    // The events before the checkpoint plus those after it rebuild the final state.
    const kept = firstEvents.filter((e) => e.seq <= afterB!.seq);
    expect(replayState([...kept, ...events], doc)).toEqual(result.state);
  });

  it('resumes a loop mid-iteration with its visit counts and join state', async () => {
    const doc = graph({
      state: { n: { default: 0 } },
      nodes: [
        setter('start'),
        node('a', 'test.step', { key: 'x' }),
        node('b', 'core.compute', { set: { n: 'state.n + 1' } }),
        setter('end'),
      ],
      edges: [
        edge('start>a'),
        edge('a>b'),
        edge('b>a', { when: 'state.n < 3' }),
        edge('b>end', { else: true }),
      ],
    });
    const gate = { value: true };
    const first = gatedTools(gate);
    const checkpointer = createMemoryCheckpointer({ keepHistory: true });
    const controller = new AbortController();
    await runGraph(doc, {
      tools: first.tools,
      checkpointer,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'node.completed' && e.nodeId === 'b' && e.visit === 1) gate.value = false;
        if (e.type === 'node.started' && e.nodeId === 'a' && e.visit === 2)
          setTimeout(() => controller.abort(), 5);
      },
    });
    const runId = first.calls[0]!.split('@')[1]!.split(':')[0]!;
    const checkpoint = checkpointer
      .history(runId)
      .find((cp) => cp.frontier.some((f) => f.nodeId === 'a' && f.visit === 2));
    expect(checkpoint?.visits).toMatchObject({ start: 1, a: 2, b: 1 });
    const second = gatedTools({ value: true });
    const result = await runGraph(doc, { tools: second.tools, resumeFrom: checkpoint });
    expect(result.status).toBe('completed');
    expect(result.state).toMatchObject({ n: 3, x: 3 });
    expect(second.calls.map((c) => c.split('@')[1]!.split(':').slice(1).join(':'))).toEqual(['a:2', 'a:3']);
  });

  it('rejects a checkpoint of another graph', async () => {
    const checkpointer = createMemoryCheckpointer();
    const tools = createToolRegistry(coreTools);
    const waiting = await runGraph(
      graph({ id: 'one', nodes: [node('x', 'core.approval', { prompt: 'p', key: 'k' })] }),
      { tools, checkpointer },
    );
    const checkpoint = checkpointer.get(waiting.runId)!;
    const other = graph({ id: 'two', nodes: [setter('x')] });
    await expect(runGraph(other, { tools, resumeFrom: checkpoint })).rejects.toBeInstanceOf(WeftError);
  });
});
