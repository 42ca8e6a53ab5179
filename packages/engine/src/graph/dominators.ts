/**
 * Dominators of a directed graph, by the iterative algorithm of Cooper, Harvey and Kennedy
 * ("A Simple, Fast Dominance Algorithm", 2001).
 *
 * Nodes are numbered 0..n-1. Several roots are allowed: they hang under a virtual root numbered `n`.
 * `dominates(a, b)` answers in O(1) through pre/post numbers of the dominator tree.
 *
 * @example
 * const d = computeDominators(3, [[1], [2], [1]], [0]);
 * d.dominates(1, 2); // true: every path from 0 to 2 passes through 1
 */
export interface Dominators {
  /** Immediate dominator of each node; the virtual root (`n`) for roots, -1 when unreachable. */
  readonly idom: Int32Array;
  readonly reachable: Uint8Array;
  /** True when every path from the roots to `b` passes through `a` (a node dominates itself). */
  dominates(a: number, b: number): boolean;
}

export function computeDominators(
  n: number,
  successors: readonly (readonly number[])[],
  roots: readonly number[],
): Dominators {
  const root = n;
  const succ = (v: number): readonly number[] => (v === root ? roots : (successors[v] ?? []));

  // Reverse postorder by an explicit-stack DFS (graphs may be thousands of nodes deep).
  const order: number[] = [];
  const rpoIndex = new Int32Array(n + 1).fill(-1);
  const visited = new Uint8Array(n + 1);
  const stack: number[] = [root];
  const edgeCursor = new Int32Array(n + 1);
  visited[root] = 1;
  while (stack.length > 0) {
    const v = stack[stack.length - 1]!;
    const out = succ(v);
    const i = edgeCursor[v]!;
    if (i < out.length) {
      edgeCursor[v] = i + 1;
      const w = out[i]!;
      if (!visited[w]) {
        visited[w] = 1;
        stack.push(w);
      }
    } else {
      stack.pop();
      order.push(v);
    }
  }
  order.reverse();
  order.forEach((v, i) => {
    rpoIndex[v] = i;
  });

  const preds: number[][] = Array.from({ length: n + 1 }, () => []);
  for (const v of order) for (const w of succ(v)) preds[w]!.push(v);

  const idom = new Int32Array(n + 1).fill(-1);
  idom[root] = root;
  const intersect = (a: number, b: number): number => {
    let x = a;
    let y = b;
    while (x !== y) {
      while (rpoIndex[x]! > rpoIndex[y]!) x = idom[x]!;
      while (rpoIndex[y]! > rpoIndex[x]!) y = idom[y]!;
    }
    return x;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 1; k < order.length; k++) {
      const b = order[k]!;
      let newIdom = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        newIdom = newIdom === -1 ? p : intersect(p, newIdom);
      }
      if (newIdom !== -1 && idom[b] !== newIdom) {
        idom[b] = newIdom;
        changed = true;
      }
    }
  }

  // Pre/post numbering of the dominator tree makes dominance a range check.
  const children: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let v = 0; v < n; v++) if (idom[v]! >= 0) children[idom[v]!]!.push(v);
  const pre = new Int32Array(n + 1);
  const post = new Int32Array(n + 1);
  let clock = 0;
  const walk: Array<[number, number]> = [[root, 0]];
  pre[root] = clock++;
  while (walk.length > 0) {
    const top = walk[walk.length - 1]!;
    const kids = children[top[0]]!;
    if (top[1] < kids.length) {
      const child = kids[top[1]++]!;
      pre[child] = clock++;
      walk.push([child, 0]);
    } else {
      post[top[0]] = clock++;
      walk.pop();
    }
  }

  const reachable = new Uint8Array(n);
  for (let v = 0; v < n; v++) reachable[v] = visited[v]!;
  return {
    idom: idom.subarray(0, n),
    reachable,
    dominates(a, b) {
      if (!reachable[a] || !reachable[b]) return false;
      return pre[a]! <= pre[b]! && post[b]! <= post[a]!;
    },
  };
}
