import { computeDominators } from './dominators.ts';

/** An edge reduced to node indices, as the structural analysis sees it. */
export interface IndexedEdge {
  from: number;
  to: number;
}

export interface LoopInfo {
  /** The loop header: the target of the loop's back edges; it dominates the whole body. */
  header: number;
  /** Every node of the natural loop, header included, in ascending order. */
  body: number[];
  backEdges: number[];
}

export interface GraphStructure {
  entries: number[];
  unreachable: number[];
  /** Per edge: 'back' when its target dominates its source (DESIGN §3.2), otherwise 'forward'. */
  edgeKinds: Array<'forward' | 'back'>;
  /** Cycles made of forward edges only: each is a strongly connected set of nodes. */
  irreducibleCycles: number[][];
  /** Loops keyed by header, inner loops before the loops that contain them. */
  loops: LoopInfo[];
  /** For each node, the indices into `loops` of every loop containing it, innermost first. */
  loopsOf: number[][];
  /**
   * For each forward edge leaving one or more loops: the index (into `loops`) of the outermost loop that
   * contains its source but not its target; -1 for edges that leave no loop.
   */
  exitOwner: Int32Array;
}

/**
 * Classifies the edges of a graph into forward and back edges by dominance, finds the natural loops and
 * reports what makes a graph unrunnable (no entry, unreachable nodes, irreducible cycles).
 *
 * Entries are nodes with no incoming edge other than self-loops — or, when every node has one, the first
 * node of the document. Either way every reachable node that is not an entry has an incoming forward edge.
 */
export function analyzeStructure(n: number, edges: readonly IndexedEdge[]): GraphStructure {
  const succ: number[][] = Array.from({ length: n }, () => []);
  const hasIncoming = new Uint8Array(n);
  for (const e of edges) {
    succ[e.from]!.push(e.to);
    if (e.from !== e.to) hasIncoming[e.to] = 1;
  }
  const entries: number[] = [];
  for (let v = 0; v < n; v++) if (!hasIncoming[v]) entries.push(v);
  // A graph that is one loop from its first node on (`work → check → work`) has no node without an
  // incoming edge; its first node is then the entry, which makes the edges back into it back edges.
  if (entries.length === 0 && n > 0) entries.push(0);

  const dom = computeDominators(n, succ, entries);
  const unreachable: number[] = [];
  for (let v = 0; v < n; v++) if (!dom.reachable[v]) unreachable.push(v);

  const edgeKinds = edges.map((e) =>
    dom.reachable[e.from] && dom.dominates(e.to, e.from) ? 'back' : 'forward',
  );

  const irreducibleCycles = findForwardCycles(n, edges, edgeKinds, dom.reachable);
  const loops = findNaturalLoops(n, edges, edgeKinds);

  const loopsOf: number[][] = Array.from({ length: n }, () => []);
  loops.forEach((loop, li) => {
    for (const v of loop.body) loopsOf[v]!.push(li);
  });
  const inLoop = loops.map((loop) => {
    const set = new Uint8Array(n);
    for (const v of loop.body) set[v] = 1;
    return set;
  });
  const exitOwner = new Int32Array(edges.length).fill(-1);
  edges.forEach((e, i) => {
    if (edgeKinds[i] === 'back') return;
    const containing = loopsOf[e.from]!;
    for (let k = containing.length - 1; k >= 0; k--) {
      const li = containing[k]!;
      if (!inLoop[li]![e.to]) {
        exitOwner[i] = li;
        return;
      }
    }
  });

  return { entries, unreachable, edgeKinds, irreducibleCycles, loops, loopsOf, exitOwner };
}

function findNaturalLoops(
  n: number,
  edges: readonly IndexedEdge[],
  kinds: ReadonlyArray<'forward' | 'back'>,
): LoopInfo[] {
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) preds[e.to]!.push(e.from);
  const byHeader = new Map<number, LoopInfo>();
  edges.forEach((e, i) => {
    if (kinds[i] !== 'back') return;
    let loop = byHeader.get(e.to);
    if (!loop) {
      loop = { header: e.to, body: [e.to], backEdges: [] };
      byHeader.set(e.to, loop);
    }
    loop.backEdges.push(i);
    const members = new Set(loop.body);
    const work: number[] = [];
    if (!members.has(e.from)) {
      members.add(e.from);
      work.push(e.from);
    }
    while (work.length > 0) {
      const v = work.pop()!;
      for (const p of preds[v]!) {
        if (!members.has(p)) {
          members.add(p);
          work.push(p);
        }
      }
    }
    loop.body = [...members].sort((a, b) => a - b);
  });
  // Inner loops first: in a reducible graph a loop nested in another has a strictly smaller body.
  return [...byHeader.values()].sort((a, b) => a.body.length - b.body.length || a.header - b.header);
}

/** Tarjan's strongly connected components over forward edges; any component with a cycle is irreducible. */
function findForwardCycles(
  n: number,
  edges: readonly IndexedEdge[],
  kinds: ReadonlyArray<'forward' | 'back'>,
  reachable: Uint8Array,
): number[][] {
  const succ: number[][] = Array.from({ length: n }, () => []);
  const selfLoop = new Uint8Array(n);
  edges.forEach((e, i) => {
    if (kinds[i] !== 'forward' || !reachable[e.from]) return;
    if (e.from === e.to) selfLoop[e.from] = 1;
    succ[e.from]!.push(e.to);
  });
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    const frames: Array<[number, number]> = [[start, 0]];
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const v = frame[0];
      const out = succ[v]!;
      if (frame[1] < out.length) {
        const w = out[frame[1]++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || selfLoop[v]) cycles.push(component.sort((a, b) => a - b));
      }
    }
  }
  return cycles;
}
