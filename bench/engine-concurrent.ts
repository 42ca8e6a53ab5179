/**
 * The memory part of `pnpm bench engine`: starts `runs` 10-node chain runs at once on one engine and
 * prints its peak RSS as JSON. The engine bench bundles this file to plain JavaScript and runs it in a
 * fresh `node` per engine, so each figure is that engine's alone, without a TypeScript loader.
 */
import type { AnyTool, GraphDocument } from '@weft/engine';

const LENGTH = 10;

// Each engine is imported only by its own function: the bundle splits them, so a child loads one.
async function weft(runs: number): Promise<() => Promise<void>> {
  const { compileGraph, coreTools, createToolRegistry, defineTool, runGraph } = await import('@weft/engine');
  const { z } = await import('zod');
  const add = defineTool({
    id: 'bench.add',
    title: 'Add',
    category: 'Bench',
    description: 'Adds one to a counter.',
    config: z.object({}),
    async run({ state }) {
      return { n: (state.n as number) + 1 };
    },
  });
  const tools = createToolRegistry([...coreTools, add as AnyTool]);
  const doc: GraphDocument = {
    format: 'weft.graph/1',
    id: 'chain',
    name: 'Chain',
    state: { n: { default: 0 } },
    nodes: Array.from({ length: LENGTH }, (_, i) => ({ id: `n${i}`, tool: 'bench.add' })),
    edges: Array.from({ length: LENGTH - 1 }, (_, i) => ({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}` })),
  };
  const compiled = compileGraph(doc, tools);
  return async () => {
    const results = await Promise.all(
      Array.from({ length: runs }, () => runGraph(compiled, { tools, onEvent: () => {} })),
    );
    if (results.some((r) => r.state.n !== LENGTH)) throw new Error('weft: wrong result');
  };
}

async function langgraph(runs: number): Promise<() => Promise<void>> {
  const { Annotation, END, START, StateGraph } = await import('@langchain/langgraph');
  const State = Annotation.Root({ n: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
  // biome-ignore lint/suspicious/noExplicitAny: LangGraph's builder types narrow per added node name; a loop cannot express that.
  let g: any = new StateGraph(State);
  for (let i = 0; i < LENGTH; i++) g = g.addNode(`n${i}`, async (s: { n: number }) => ({ n: s.n + 1 }));
  g = g.addEdge(START, 'n0');
  for (let i = 0; i < LENGTH - 1; i++) g = g.addEdge(`n${i}`, `n${i + 1}`);
  const graph = g.addEdge(`n${LENGTH - 1}`, END).compile();
  return async () => {
    const results = await Promise.all(Array.from({ length: runs }, () => graph.invoke({ n: 0 })));
    if (results.some((r: { n: number }) => r.n !== LENGTH)) throw new Error('langgraph: wrong result');
  };
}

const [engine, count] = process.argv.slice(2);
const runs = Number(count ?? 1000);
const workload = await (engine === 'langgraph' ? langgraph(runs) : weft(runs));
(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage.rss();
const samples: number[] = [];
const sampler = setInterval(() => samples.push(process.memoryUsage.rss()), 1);
const started = performance.now();
await workload();
const ms = performance.now() - started;
clearInterval(sampler);
samples.push(process.memoryUsage.rss());
const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));
console.log(
  JSON.stringify({
    peakRssMb: mb(Math.max(...samples)),
    baselineRssMb: mb(baseline),
    ms: Number(ms.toFixed(1)),
    runsPerSecond: Math.round((runs / ms) * 1000),
  }),
);
