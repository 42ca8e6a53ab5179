// Small graphs the server's tests and benchmarks run (no test framework here: the benchmarks import it).

/** A small valid graph: `a` sets `{ a: 1 }`, then `b` computes `b = a + 1`, then `c` passes. */
export function threeNodeGraph(id = 'three') {
  return {
    format: 'weft.graph/1',
    id,
    name: 'Three nodes',
    nodes: [
      { id: 'a', tool: 'core.set', config: { values: { a: 1 } } },
      { id: 'b', tool: 'core.compute', config: { set: { b: 'state.a + 1' } } },
      { id: 'c', tool: 'core.pass' },
    ],
    edges: [
      { id: 'e1', from: 'a', to: 'b' },
      { id: 'e2', from: 'b', to: 'c' },
    ],
  };
}

/** One node that waits for a human (`core.approval`), then a node that sets `done`. */
export function approvalGraph(id = 'approval') {
  return {
    format: 'weft.graph/1',
    id,
    name: 'Approval',
    nodes: [
      { id: 'approve', tool: 'core.approval', config: { prompt: 'Publish?', key: 'approved' } },
      { id: 'done', tool: 'core.set', config: { values: { done: true } } },
    ],
    edges: [{ id: 'e1', from: 'approve', to: 'done' }],
  };
}
