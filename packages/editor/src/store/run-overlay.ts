import type { JsonObject, NodeError, PendingInterrupt, RunEvent } from '@weft/engine';
import type { RunStatus } from '../api/api-types.ts';

/**
 * What the canvas shows of a node during or after a run. `cancelled` marks a node that was still in
 * flight when the run failed or was cancelled (it was aborted, not failed itself).
 */
export type NodeRunStatus =
  | 'queued'
  | 'running'
  | 'retrying'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'waiting'
  | 'cancelled';

export interface NodeRunView {
  status: NodeRunStatus;
  /** Highest visit seen (loops run a node several times). */
  visits: number;
  attempt: number;
  error?: NodeError;
  /** Duration of the last completed visit. */
  durationMs?: number;
  /** Sum of the durations of every completed visit. */
  totalMs: number;
  /** The last patch the node returned. */
  output?: JsonObject;
  progress?: { ratio: number; message?: string };
}

export interface EdgeRunView {
  /** How many times the edge fired (loops fire back edges repeatedly). */
  fired: number;
  dead: boolean;
}

export interface RunOverlay {
  status: RunStatus | 'idle';
  nodes: Readonly<Record<string, NodeRunView>>;
  edges: Readonly<Record<string, EdgeRunView>>;
  pending: readonly PendingInterrupt[];
  /** The seq of the last `run.waiting`: a new one means new questions (a form asked again after a bad answer). */
  waitingSeq: number;
  error: NodeError | null;
  /** The last event folded in; events at or below it are ignored (replays overlap live streams). */
  lastSeq: number;
  finalState: JsonObject | null;
}

export const emptyOverlay: RunOverlay = {
  status: 'idle',
  nodes: {},
  edges: {},
  pending: [],
  waitingSeq: 0,
  error: null,
  lastSeq: 0,
  finalState: null,
};

/** The target node of an edge, so a firing edge can mark its target as queued. */
export type EdgeTargetLookup = (edgeId: string) => string | undefined;

const IN_FLIGHT: ReadonlySet<NodeRunStatus> = new Set(['queued', 'running', 'retrying', 'waiting']);

/**
 * Folds run events into the overlay. Pure and copy-on-write: the node and edge maps are copied at most
 * once per call and only the views an event touches are new objects, so a batch of events re-renders only
 * the nodes and edges it concerns. Events must come in `seq` order; duplicates are skipped.
 *
 * @example
 * overlay = applyRunEvents(overlay, batch, (id) => edgeTargets.get(id));
 */
export function applyRunEvents(
  overlay: RunOverlay,
  events: readonly RunEvent[],
  targetOf: EdgeTargetLookup = () => undefined,
): RunOverlay {
  // One copy of the overlay per batch, not per event: a frame folds hundreds of events.
  let copy = null as RunOverlay | null;
  const writable = (): RunOverlay => {
    copy ??= { ...overlay };
    return copy;
  };
  let nodes: Record<string, NodeRunView> | null = null;
  let edges: Record<string, EdgeRunView> | null = null;
  const writableNodes = () => {
    nodes ??= { ...overlay.nodes };
    return nodes;
  };
  const writableEdges = () => {
    edges ??= { ...overlay.edges };
    return edges;
  };
  const node = (id: string): NodeRunView =>
    (nodes ?? overlay.nodes)[id] ?? { status: 'queued', visits: 0, attempt: 0, totalMs: 0 };
  const setNode = (id: string, view: NodeRunView) => {
    writableNodes()[id] = view;
  };

  for (const event of events) {
    if (event.seq <= (copy ?? overlay).lastSeq) continue;
    const next = writable();
    next.lastSeq = event.seq;
    switch (event.type) {
      case 'run.started':
        next.status = 'running';
        break;
      case 'run.resumed': {
        next.status = 'running';
        next.pending = next.pending.filter((p) => p.nodeId !== event.nodeId);
        if (event.nodeId) setNode(event.nodeId, { ...node(event.nodeId), status: 'queued' });
        break;
      }
      case 'run.waiting':
        next.status = 'waiting';
        next.pending = event.pending;
        next.waitingSeq = event.seq;
        for (const p of event.pending) setNode(p.nodeId, { ...node(p.nodeId), status: 'waiting' });
        break;
      case 'run.completed':
        next.status = 'completed';
        next.finalState = event.state;
        break;
      case 'run.failed':
        next.status = 'failed';
        next.error = event.error;
        abortInFlight(nodes ?? overlay.nodes, writableNodes);
        break;
      case 'run.cancelled':
        next.status = 'cancelled';
        abortInFlight(nodes ?? overlay.nodes, writableNodes);
        break;
      case 'node.started': {
        const prev = node(event.nodeId);
        const { error: _error, progress: _progress, ...rest } = prev;
        setNode(event.nodeId, {
          ...rest,
          ...(event.attempt > 1 && prev.error ? { error: prev.error } : {}),
          status: 'running',
          visits: Math.max(prev.visits, event.visit),
          attempt: event.attempt,
        });
        break;
      }
      case 'node.completed': {
        const prev = node(event.nodeId);
        const { error: _error, ...rest } = prev;
        setNode(event.nodeId, {
          ...rest,
          status: 'completed',
          visits: Math.max(prev.visits, event.visit),
          durationMs: event.durationMs,
          totalMs: prev.totalMs + event.durationMs,
          output: event.patch,
        });
        break;
      }
      case 'node.failed':
        setNode(event.nodeId, {
          ...node(event.nodeId),
          status: event.willRetry ? 'retrying' : 'failed',
          error: event.error,
          attempt: event.attempt,
        });
        break;
      case 'node.retrying':
        setNode(event.nodeId, { ...node(event.nodeId), status: 'retrying', attempt: event.attempt });
        break;
      case 'node.skipped':
        setNode(event.nodeId, { ...node(event.nodeId), status: 'skipped' });
        break;
      case 'node.progress':
        setNode(event.nodeId, {
          ...node(event.nodeId),
          progress:
            event.message === undefined
              ? { ratio: event.ratio }
              : { ratio: event.ratio, message: event.message },
        });
        break;
      case 'edge.fired': {
        const prev = (edges ?? overlay.edges)[event.edgeId];
        writableEdges()[event.edgeId] = { fired: (prev?.fired ?? 0) + 1, dead: false };
        const target = targetOf(event.edgeId);
        if (target) {
          const view = node(target);
          // A node still running (a loop body fed again) keeps showing as running until it ends.
          if (view.status !== 'running' && view.status !== 'retrying')
            setNode(target, { ...view, status: 'queued' });
        }
        break;
      }
      case 'edge.dead': {
        const prev = (edges ?? overlay.edges)[event.edgeId];
        writableEdges()[event.edgeId] = { fired: prev?.fired ?? 0, dead: true };
        break;
      }
      case 'node.log':
      case 'node.stream':
        break;
    }
  }
  if (!copy) return overlay;
  if (nodes) copy.nodes = nodes;
  if (edges) copy.edges = edges;
  return copy;
}

function abortInFlight(
  current: Readonly<Record<string, NodeRunView>>,
  writable: () => Record<string, NodeRunView>,
): void {
  for (const [id, view] of Object.entries(current)) {
    if (IN_FLIGHT.has(view.status)) writable()[id] = { ...view, status: 'cancelled' };
  }
}

/** The overlay as it was right after event `seq` (the run panel's timeline). */
export function overlayAt(events: readonly RunEvent[], seq: number, targetOf?: EdgeTargetLookup): RunOverlay {
  let end = events.length;
  while (end > 0 && events[end - 1]!.seq > seq) end--;
  return applyRunEvents(emptyOverlay, events.slice(0, end), targetOf);
}
