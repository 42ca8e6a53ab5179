import {
  coreTools,
  createToolRegistry,
  GRAPH_FORMAT,
  type GraphDocument,
  type RunEvent,
  type RunEventBody,
} from '@weft/engine';

/** The core tools as `GET /api/tools` describes them. */
export const coreDescriptors = createToolRegistry(coreTools).describe();

/** A branch, a join and a loop: every kind of edge the editor draws. */
export function sampleGraph(): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    id: 'sample',
    name: 'Sample',
    description: 'A branch, a join and a loop.',
    state: { n: { default: 0 }, log: { reducer: 'append', default: [] } },
    nodes: [
      {
        id: 'start',
        tool: 'core.set',
        label: 'Start',
        config: { values: { n: 0 } },
        position: { x: 0, y: 0 },
      },
      {
        id: 'count',
        tool: 'core.compute',
        config: { set: { n: 'state.n + 1' } },
        position: { x: 250, y: 0 },
      },
      { id: 'big', tool: 'core.set', config: { values: { size: 'big' } }, position: { x: 500, y: -80 } },
      { id: 'small', tool: 'core.set', config: { values: { size: 'small' } }, retry: { maxAttempts: 2 } },
      { id: 'done', tool: 'core.pass', label: 'Done', position: { x: 750, y: 0 }, meta: { color: 'green' } },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'count' },
      { id: 'again', from: 'count', to: 'count', when: 'state.n < 3' },
      { id: 'e2', from: 'count', to: 'big', when: 'state.n > 2' },
      { id: 'e3', from: 'count', to: 'small', else: true },
      { id: 'e4', from: 'big', to: 'done' },
      { id: 'e5', from: 'small', to: 'done', onError: true, label: 'recover' },
    ],
    limits: { maxSteps: 100 },
    output: ['n'],
  };
}

/** Builds a gapless event sequence from bodies. */
export function events(runId: string, bodies: RunEventBody[]): RunEvent[] {
  return bodies.map((body, i) => ({ runId, seq: i + 1, ts: 1_000 + i, ...body }) as RunEvent);
}
