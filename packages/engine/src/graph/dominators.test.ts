import { describe, expect, it } from 'vitest';
import { computeDominators } from './dominators.ts';
import { analyzeStructure } from './structure.ts';

/** Builds successor lists from `'a>b'` pairs over single-letter node names. */
function build(names: string, pairs: string[]) {
  const index = (c: string) => names.indexOf(c);
  const succ: number[][] = names.split('').map(() => []);
  for (const p of pairs) succ[index(p[0]!)]!.push(index(p[2]!));
  return { succ, index, edges: pairs.map((p) => ({ from: index(p[0]!), to: index(p[2]!) })) };
}

function idoms(names: string, pairs: string[], roots = 'r') {
  const { succ, index } = build(names, pairs);
  const d = computeDominators(names.length, succ, roots.split('').map(index));
  return Object.fromEntries(
    names
      .split('')
      .map((c, i) => [c, d.idom[i]! < 0 ? '-' : d.idom[i] === names.length ? 'ROOT' : names[d.idom[i]!]]),
  );
}

describe('dominators (Cooper–Harvey–Kennedy)', () => {
  it('computes the dominator tree of the Lengauer–Tarjan example graph', () => {
    // The 13-node example of Lengauer & Tarjan (1979), nodes R A B C D E F G H I J K L.
    const pairs = [
      'R>A',
      'R>B',
      'R>C',
      'A>D',
      'B>A',
      'B>D',
      'B>E',
      'C>F',
      'C>G',
      'D>L',
      'E>H',
      'F>I',
      'G>I',
      'G>J',
      'H>E',
      'H>K',
      'I>K',
      'J>I',
      'K>I',
      'K>R',
      'L>H',
    ];
    expect(idoms('RABCDEFGHIJKL', pairs, 'R')).toEqual({
      R: 'ROOT',
      A: 'R',
      B: 'R',
      C: 'R',
      D: 'R',
      E: 'R',
      F: 'C',
      G: 'C',
      H: 'R',
      I: 'R',
      J: 'G',
      K: 'R',
      L: 'D',
    });
  });

  it('handles the diamond and a loop (the Appel textbook shapes)', () => {
    expect(idoms('rabcd', ['r>a', 'a>b', 'a>c', 'b>d', 'c>d'])).toEqual({
      r: 'ROOT',
      a: 'r',
      b: 'a',
      c: 'a',
      d: 'a',
    });
    expect(idoms('rabcd', ['r>a', 'a>b', 'b>c', 'c>a', 'c>d'])).toEqual({
      r: 'ROOT',
      a: 'r',
      b: 'a',
      c: 'b',
      d: 'c',
    });
  });

  it('answers dominance queries, including self-dominance and unreachable nodes', () => {
    const { succ, index } = build('rabcx', ['r>a', 'a>b', 'a>c', 'b>c']);
    const d = computeDominators(5, succ, [index('r')]);
    expect(d.dominates(index('a'), index('c'))).toBe(true);
    expect(d.dominates(index('b'), index('c'))).toBe(false);
    expect(d.dominates(index('c'), index('c'))).toBe(true);
    expect(d.reachable[index('x')]).toBe(0);
    expect(d.dominates(index('r'), index('x'))).toBe(false);
  });

  it('copes with several roots under a virtual root and with very deep graphs', () => {
    expect(idoms('abc', ['a>c', 'b>c'], 'ab')).toEqual({ a: 'ROOT', b: 'ROOT', c: 'ROOT' });
    const n = 50_000;
    const succ = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));
    const d = computeDominators(n, succ, [0]);
    expect(d.idom[n - 1]).toBe(n - 2);
    expect(d.dominates(0, n - 1)).toBe(true);
  });
});

describe('structure: back edges, natural loops, irreducible cycles', () => {
  it('classifies a back edge by dominance and finds its natural loop', () => {
    const { edges, index } = build('sabce', ['s>a', 'a>b', 'b>c', 'c>a', 'c>e']);
    const st = analyzeStructure(5, edges);
    expect(st.edgeKinds).toEqual(['forward', 'forward', 'forward', 'back', 'forward']);
    expect(st.loops).toEqual([
      { header: index('a'), body: [index('a'), index('b'), index('c')], backEdges: [3] },
    ]);
    // c>e leaves the loop: its deadness is decided when the loop ends.
    expect(st.exitOwner[4]).toBe(0);
    expect(st.exitOwner[1]).toBe(-1);
  });

  it('orders nested loops inner first and names the outermost loop an exit edge leaves', () => {
    // s → o → i → x → i (inner), x → t → o (outer), t → e
    const { edges, index } = build('soixte', ['s>o', 'o>i', 'i>x', 'x>i', 'x>t', 't>o', 't>e']);
    const st = analyzeStructure(6, edges);
    expect(st.loops.map((l) => l.header)).toEqual([index('i'), index('o')]);
    expect(st.loopsOf[index('x')]).toEqual([0, 1]);
    expect(st.exitOwner[4]).toBe(0); // x>t leaves the inner loop only
    expect(st.exitOwner[6]).toBe(1); // t>e leaves the outer loop
  });

  it('treats self-loops as back edges and keeps their node an entry', () => {
    const { edges } = build('ab', ['a>a', 'a>b']);
    const st = analyzeStructure(2, edges);
    expect(st.entries).toEqual([0]);
    expect(st.edgeKinds).toEqual(['back', 'forward']);
  });

  it('starts a graph that is one loop from its first node at that node', () => {
    const { edges } = build('ab', ['a>b', 'b>a']);
    const st = analyzeStructure(2, edges);
    expect(st.entries).toEqual([0]);
    expect(st.edgeKinds).toEqual(['forward', 'back']);
    expect(st.irreducibleCycles).toEqual([]);
  });

  it('reports a cycle entered from two places as irreducible', () => {
    const { edges, index } = build('sab', ['s>a', 's>b', 'a>b', 'b>a']);
    const st = analyzeStructure(3, edges);
    expect(st.edgeKinds).toEqual(['forward', 'forward', 'forward', 'forward']);
    expect(st.irreducibleCycles).toEqual([[index('a'), index('b')]]);
  });
});
