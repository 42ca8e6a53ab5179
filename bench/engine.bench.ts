/**
 * `pnpm bench engine`: Weft's engine against LangGraph.js on the same graphs with the same trivial node
 * work (an async function adding 1 to a counter), in one process run. Weft runs with events on.
 * Peak RSS for 1,000 concurrent runs is measured in a fresh `node` per engine, running the workload of
 * engine-concurrent.ts bundled to plain JavaScript, so neither pays for the other's heap nor for a
 * TypeScript loader. Ends with one JSON line of the figures.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnyTool,
  compileGraph,
  coreTools,
  createMemoryCheckpointer,
  createToolRegistry,
  defineTool,
  type GraphDocument,
  runGraph,
} from '@weft/engine';
import { z } from 'zod';

const add = defineTool({
  id: 'bench.add',
  title: 'Add',
  category: 'Bench',
  description: 'Adds one to a counter.',
  config: z.object({ key: z.string().default('n') }),
  async run({ state, config }) {
    return { [config.key]: (state[config.key] as number) + 1 };
  },
});
const tools = createToolRegistry([...coreTools, add as AnyTool]);

// ---- graphs -------------------------------------------------------------------------------------

function weftChain(length: number): GraphDocument {
  return {
    format: 'weft.graph/1',
    id: `chain-${length}`,
    name: 'Chain',
    state: { n: { default: 0 } },
    nodes: Array.from({ length }, (_, i) => ({ id: `n${i}`, tool: 'bench.add' })),
    edges: Array.from({ length: length - 1 }, (_, i) => ({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}` })),
  };
}

function weftLoop(iterations: number): GraphDocument {
  return {
    format: 'weft.graph/1',
    id: 'loop',
    name: 'Two-node loop',
    state: { n: { default: 0 } },
    limits: { maxSteps: iterations * 2 + 10 },
    nodes: [
      { id: 'a', tool: 'bench.add', maxVisits: iterations + 1 },
      { id: 'b', tool: 'core.pass', maxVisits: iterations + 1 },
      { id: 'done', tool: 'core.pass' },
    ],
    edges: [
      { id: 'ab', from: 'a', to: 'b' },
      { id: 'back', from: 'b', to: 'a', when: `state.n < ${iterations}` },
      { id: 'exit', from: 'b', to: 'done', else: true },
    ],
  };
}

function weftFanOut(width: number): GraphDocument {
  const branches = Array.from({ length: width }, (_, i) => `b${i}`);
  return {
    format: 'weft.graph/1',
    id: 'fanout',
    name: 'Fan-out',
    state: { n: { default: 0 }, hits: { reducer: 'sum', default: 0 } },
    limits: { concurrency: 64 },
    nodes: [
      { id: 's', tool: 'bench.add' },
      ...branches.map((id) => ({ id, tool: 'bench.add', config: { key: 'hits' } })),
      { id: 'join', tool: 'bench.add' },
    ],
    edges: [
      ...branches.map((id) => ({ id: `s-${id}`, from: 's', to: id })),
      ...branches.map((id) => ({ id: `${id}-j`, from: id, to: 'join' })),
    ],
  };
}

const lgAdd = async (s: { n: number }) => ({ n: s.n + 1 });
// Loaded only where LangGraph runs, so Weft's memory figure does not carry LangGraph's modules.
const langgraph = () => import('@langchain/langgraph');

async function lgChain(length: number) {
  const { Annotation, END, START, StateGraph } = await langgraph();
  const State = Annotation.Root({ n: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
  // biome-ignore lint/suspicious/noExplicitAny: LangGraph's builder types narrow per added node name; a loop cannot express that.
  let g: any = new StateGraph(State);
  for (let i = 0; i < length; i++) g = g.addNode(`n${i}`, lgAdd);
  g = g.addEdge(START, 'n0');
  for (let i = 0; i < length - 1; i++) g = g.addEdge(`n${i}`, `n${i + 1}`);
  return g.addEdge(`n${length - 1}`, END).compile();
}

async function lgLoop(iterations: number) {
  const { Annotation, END, START, StateGraph } = await langgraph();
  const State = Annotation.Root({ n: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
  return new StateGraph(State)
    .addNode('a', lgAdd)
    .addNode('b', async () => ({}))
    .addEdge(START, 'a')
    .addEdge('a', 'b')
    .addConditionalEdges('b', (s) => (s.n < iterations ? 'a' : END))
    .compile();
}

async function lgFanOut(width: number) {
  const { Annotation, END, START, StateGraph } = await langgraph();
  const State = Annotation.Root({
    n: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
    hits: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  });
  const branches = Array.from({ length: width }, (_, i) => `b${i}`);
  // biome-ignore lint/suspicious/noExplicitAny: as above, node names are dynamic.
  let g: any = new StateGraph(State).addNode('s', lgAdd);
  for (const id of branches) g = g.addNode(id, async () => ({ hits: 1 }));
  g = g.addNode('join', lgAdd).addEdge(START, 's');
  for (const id of branches) g = g.addEdge('s', id);
  return g.addEdge(branches, 'join').addEdge('join', END).compile();
}

// ---- measuring ----------------------------------------------------------------------------------

interface CaseResult {
  name: string;
  steps: number;
  weftUs: number;
  langgraphUs: number;
  ratio: number;
}

async function time(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(
  name: string,
  steps: number,
  weft: () => Promise<void>,
  langgraph: () => Promise<void>,
): Promise<CaseResult> {
  await weft();
  await langgraph();
  (globalThis as { gc?: () => void }).gc?.();
  const weftMs = Math.min(await time(weft), await time(weft), await time(weft));
  (globalThis as { gc?: () => void }).gc?.();
  const lgMs = Math.min(await time(langgraph), await time(langgraph));
  const weftUs = (weftMs * 1000) / steps;
  const langgraphUs = (lgMs * 1000) / steps;
  const result = {
    name,
    steps,
    weftUs: round(weftUs),
    langgraphUs: round(langgraphUs),
    ratio: round(langgraphUs / weftUs, 1),
  };
  console.log(
    `${name.padEnd(34)} ${String(steps).padStart(7)} steps   Weft ${result.weftUs.toFixed(2).padStart(7)} µs/step   LangGraph ${result.langgraphUs.toFixed(1).padStart(7)} µs/step   ${result.ratio}× faster`,
  );
  return result;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function runWeft(doc: GraphDocument, times: number, expectN: number): Promise<number> {
  const compiled = compileGraph(doc, tools);
  let events = 0;
  for (let i = 0; i < times; i++) {
    const result = await runGraph(compiled, { tools, onEvent: () => events++ });
    if (result.status !== 'completed' || result.state.n !== expectN)
      throw new Error(`${doc.id}: ${JSON.stringify(result).slice(0, 200)}`);
  }
  return events;
}

// ---- peak RSS in a child process ----------------------------------------------------------------

async function bundleConcurrentWorkload(): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  await build({
    entryPoints: [fileURLToPath(new URL('./engine-concurrent.ts', import.meta.url))],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    // Some of LangGraph's dependencies still call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return join(outdir, 'engine-concurrent.mjs');
}

function inChild(
  script: string,
  engine: string,
  runs: number,
): { peakRssMb: number; baselineRssMb: number; ms: number; runsPerSecond: number } {
  const child = spawnSync(process.execPath, ['--expose-gc', script, engine, String(runs)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  // LangGraph adds an abort listener per branch; 50 branches trip Node's leak warning, which is noise here.
  EventEmitter.defaultMaxListeners = 1000;
  console.log(
    `Node ${process.version}, ${(await import('node:os')).cpus().length} cores; Weft with events on, LangGraph.js 1.7.3 with invoke()\n`,
  );
  const cases: CaseResult[] = [];

  const chainRuns = 200;
  const chain = weftChain(100);
  const lgc = await lgChain(100);
  cases.push(
    await measure(
      '100-node chain ×200',
      chainRuns * 100,
      () => runWeft(chain, chainRuns, 100).then(() => {}),
      async () => {
        for (let i = 0; i < chainRuns; i++) await lgc.invoke({ n: 0 }, { recursionLimit: 1000 });
      },
    ),
  );

  const iterations = 10_000;
  const loop = weftLoop(iterations);
  const lgl = await lgLoop(iterations);
  cases.push(
    await measure(
      'two-node loop to 10,000',
      iterations * 2 + 1,
      () => runWeft(loop, 1, iterations).then(() => {}),
      async () => {
        await lgl.invoke({ n: 0 }, { recursionLimit: iterations * 2 + 10 });
      },
    ),
  );

  const fanRuns = 200;
  const fan = weftFanOut(50);
  const lgf = await lgFanOut(50);
  cases.push(
    await measure(
      '1→50→join fan-out ×200',
      fanRuns * 52,
      () => runWeft(fan, fanRuns, 2).then(() => {}),
      async () => {
        for (let i = 0; i < fanRuns; i++) await lgf.invoke({ n: 0 });
      },
    ),
  );

  // Context, not bars: the floor of plain awaited calls, and Weft with a checkpoint after every node.
  const floorSteps = chainRuns * 100;
  const floorMs = await time(async () => {
    for (let r = 0; r < chainRuns; r++) {
      let s = { n: 0 };
      for (let i = 0; i < 100; i++) s = await lgAdd(s);
    }
  });
  const checkpointed = compileGraph(chain, tools);
  const checkpointMs = await time(async () => {
    const checkpointer = createMemoryCheckpointer();
    for (let r = 0; r < chainRuns; r++)
      await runGraph(checkpointed, { tools, checkpointer, onEvent: () => {} });
  });
  const floorUs = round((floorMs * 1000) / floorSteps, 3);
  const checkpointUs = round((checkpointMs * 1000) / floorSteps);
  console.log(
    `\nfloor: plain awaited functions ${floorUs} µs/step; Weft chain with a JSON checkpoint after every node ${checkpointUs} µs/step`,
  );

  const concurrent = 1000;
  const workload = await bundleConcurrentWorkload();
  const weftRss = inChild(workload, 'weft', concurrent);
  const lgRss = inChild(workload, 'langgraph', concurrent);
  console.log(
    `\n1,000 concurrent 10-node runs     Weft peak RSS ${weftRss.peakRssMb} MB (process at rest ${weftRss.baselineRssMb} MB, ${weftRss.runsPerSecond} runs/s)   LangGraph peak RSS ${lgRss.peakRssMb} MB (at rest ${lgRss.baselineRssMb} MB, ${lgRss.runsPerSecond} runs/s)`,
  );

  const worst = Math.max(...cases.map((c) => c.weftUs));
  const bars = { stepUs: 5, peakRssMb: 100 };
  const pass = worst <= bars.stepUs && weftRss.peakRssMb < bars.peakRssMb;
  console.log(
    `\nbar: ≤ ${bars.stepUs} µs per node step (worst case ${worst} µs), < ${bars.peakRssMb} MB peak RSS → ${pass ? 'met' : 'NOT met'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'engine',
      node: process.version,
      cases,
      floorUs,
      checkpointedChainUs: checkpointUs,
      concurrent: { runs: concurrent, weft: weftRss, langgraph: lgRss },
      bars,
      pass,
    }),
  );
}

await main();
