import { type EdgeSpec, GRAPH_FORMAT, type GraphDocument, type NodeSpec } from '@weft/engine';

const ROWS = 25;
const COLUMNS = 40;
const SPACING = { x: 280, y: 130 };

/**
 * The benchmark graph of DESIGN §7: 1,000 nodes and 1,200 edges laid out on a grid, 40 columns of
 * pass-through nodes between `start` and `end`, with cross edges making joins, and a back edge from
 * `end` to `start` that runs the whole body `rounds` times (about 3,200 events a round), then `done`.
 *
 * @example
 * const doc = bigGraph(); // 1,000 nodes, 1,200 edges, ~12,800 events when run with 4 rounds
 */
export function bigGraph(
  options: { id?: string; rounds?: number; nodes?: number; edges?: number } = {},
): GraphDocument {
  const total = options.nodes ?? 1000;
  const edgeTarget = options.edges ?? 1200;
  const middle = total - 3;
  const id = (c: number, r: number) => `m${c}_${r}`;
  const exists = (c: number, r: number) =>
    c >= 0 && c < COLUMNS && r >= 0 && r < ROWS && c * ROWS + r < middle;
  const nodes: NodeSpec[] = [
    {
      id: 'start',
      tool: 'core.compute',
      label: 'Start round',
      config: { set: { round: 'state.round + 1' } },
      position: { x: 0, y: ((ROWS - 1) * SPACING.y) / 2 },
    },
  ];
  for (let i = 0; i < middle; i++) {
    const c = Math.floor(i / ROWS);
    const r = i % ROWS;
    nodes.push({
      id: id(c, r),
      tool: 'core.pass',
      label: `Step ${c}.${r}`,
      position: { x: (c + 1) * SPACING.x, y: r * SPACING.y },
    });
  }
  const endX = (COLUMNS + 1) * SPACING.x;
  nodes.push(
    {
      id: 'end',
      tool: 'core.pass',
      label: 'End round',
      position: { x: endX, y: ((ROWS - 1) * SPACING.y) / 2 },
    },
    {
      id: 'done',
      tool: 'core.pass',
      label: 'Done',
      position: { x: endX + SPACING.x, y: ((ROWS - 1) * SPACING.y) / 2 },
    },
  );

  const edges: EdgeSpec[] = [];
  const add = (from: string, to: string, extra: Partial<EdgeSpec> = {}) =>
    edges.push({ id: `e${edges.length + 1}`, from, to, ...extra });
  for (let r = 0; r < ROWS; r++) if (exists(0, r)) add('start', id(0, r));
  for (let c = 0; c < COLUMNS; c++) {
    for (let r = 0; r < ROWS; r++) {
      if (!exists(c, r)) continue;
      if (exists(c + 1, r)) add(id(c, r), id(c + 1, r));
      else add(id(c, r), 'end');
    }
  }
  const closing = 2;
  for (let c = 0; c < COLUMNS - 1 && edges.length < edgeTarget - closing; c++) {
    for (let r = 0; r < ROWS && edges.length < edgeTarget - closing; r++) {
      const to = (r + 7) % ROWS;
      if (exists(c, r) && exists(c + 1, to) && to !== r) add(id(c, r), id(c + 1, to));
    }
  }
  add('end', 'start', { when: `state.round < ${options.rounds ?? 4}` });
  add('end', 'done', { else: true });
  return {
    format: GRAPH_FORMAT,
    id: options.id ?? 'big',
    name: `Benchmark: ${total} nodes, ${edges.length} edges`,
    description: 'A grid of pass-through steps run in rounds: the editor benchmark graph.',
    state: { round: { default: 0 } },
    nodes,
    edges,
    limits: { maxSteps: 100_000, concurrency: 64 },
  };
}
