import { CelEvaluationError } from '../cel/environment.ts';
import { type NodeError, WeftError } from '../errors.ts';
import type { PendingInterrupt, RunEventBody } from '../events.ts';
import type { CompiledEdge, CompiledGraph, CompiledNode } from '../graph/compiled.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { applyPatch, ReducerError } from '../state/reducers.ts';
import type { Checkpoint } from './checkpoint.ts';

/** One scheduled execution of a node. */
export interface Activation {
  readonly node: CompiledNode;
  readonly visit: number;
  /**
   * The answers to this activation's interrupts so far, in the order they were asked: the k-th call of
   * `ctx.interrupt` returns the k-th answer, and suspends once they run out.
   */
  readonly answers: readonly JsonValue[];
  /** Activated beyond `maxVisits`: fails with LOOP_LIMIT instead of running. */
  readonly overLimit: boolean;
}

/** A waiting node, with the answers it already received (a node may ask several times). */
export interface WaitingNode extends PendingInterrupt {
  answers?: readonly JsonValue[];
}

const NO_ANSWERS: readonly JsonValue[] = Object.freeze([]);

/** Where the plan writes what it decided: events to emit and activations to run. */
export interface PlanSink {
  event(body: RunEventBody): void;
  ready(activation: Activation): void;
}

const NONE = 0;
const DEAD = 1;
const FIRED = 2;
const EMPTY: JsonObject = Object.freeze({});

interface LoopState {
  /** Activations of body nodes not yet finished (queued, running or waiting on an interrupt). */
  inFlight: number;
  active: boolean;
  pendingIteration: boolean;
  /** Exit edges that went dead while the loop was still going: settled only when it ends. */
  deferredDead: Set<number>;
  firedDuringLoop: Set<number>;
}

/**
 * The pure step logic of a run (DESIGN §3): which edges fire, which joins are satisfied, which nodes are
 * skipped, when a loop starts its next iteration. It does no I/O and never waits; the run loop feeds it
 * completions and carries out what it reports to its sink. Unit tests drive it synchronously.
 */
export class RunPlan {
  state: JsonObject;
  readonly input: JsonValue;
  steps = 0;
  /** Set when the run must fail (an unhandled node error, MAX_STEPS …). */
  failure: NodeError | undefined;
  readonly pending = new Map<string, WaitingNode>();
  /** Activations handed out and not yet finished: the checkpoint frontier. */
  readonly frontier = new Set<Activation>();

  private readonly visits: Int32Array;
  private readonly edgeMark: Uint8Array;
  private readonly backlog: Int32Array;
  private readonly settled: Int32Array;
  private readonly firedCount: Int32Array;
  private readonly loopStates: LoopState[];
  /** Activations of each node not yet finished (queued, running or waiting on an interrupt). */
  private readonly busy: Int32Array;
  /** Settled joins that found their node busy: run (true) or skip (false) once it is free, in order. */
  private readonly held = new Map<number, boolean[]>();
  private sink: PlanSink;

  constructor(
    readonly graph: CompiledGraph,
    state: JsonObject,
    input: JsonValue,
    sink: PlanSink,
  ) {
    this.state = state;
    this.input = input;
    this.sink = sink;
    this.visits = new Int32Array(graph.nodes.length);
    this.edgeMark = new Uint8Array(graph.edges.length);
    this.backlog = new Int32Array(graph.edges.length);
    this.settled = new Int32Array(graph.nodes.length);
    this.firedCount = new Int32Array(graph.nodes.length);
    this.busy = new Int32Array(graph.nodes.length);
    this.loopStates = graph.loops.map(() => ({
      inFlight: 0,
      active: false,
      pendingIteration: false,
      deferredDead: new Set<number>(),
      firedDuringLoop: new Set<number>(),
    }));
  }

  /** Activates every entry node (DESIGN §3.1). */
  start(): void {
    for (const entry of this.graph.entries) {
      this.activate(entry, false);
      if (this.failure) return;
    }
  }

  visitsOf(nodeId: string): number {
    const node = this.graph.nodeById.get(nodeId);
    return node ? this.visits[node.index]! : 0;
  }

  /**
   * A node finished with a patch (already frozen JSON). Merges it, evaluates the outgoing edges and
   * settles them. Returns an error instead when a reducer rejects the patch or a condition fails at run
   * time; nothing is committed then, and the caller routes the error through `fail`.
   */
  complete(act: Activation, patch: JsonObject | undefined, durationMs: number): NodeError | undefined {
    const node = act.node;
    let next = this.state;
    if (patch) {
      try {
        next = applyPatch(this.state, patch, this.graph.reducers);
      } catch (err) {
        if (err instanceof ReducerError)
          return { code: 'INVALID_PATCH', message: `node '${node.id}': ${err.message}`, nodeId: node.id };
        throw err;
      }
    }
    const out = node.out;
    const fired: boolean[] = new Array(out.length);
    let scope: Record<string, unknown> | undefined;
    let anyWhen = false;
    for (let i = 0; i < out.length; i++) {
      const edge = out[i]!;
      if (edge.onError || edge.else) {
        fired[i] = false;
      } else if (edge.when) {
        scope ??= { state: next, output: patch ?? EMPTY, input: this.input, visit: BigInt(act.visit) };
        const result = this.evaluateCondition(edge, scope);
        if (typeof result !== 'boolean') return result;
        fired[i] = result;
        anyWhen ||= result;
      } else {
        fired[i] = true;
      }
    }
    for (let i = 0; i < out.length; i++) if (out[i]!.else && !out[i]!.onError) fired[i] = !anyWhen;

    this.state = next;
    this.sink.event({
      type: 'node.completed',
      nodeId: node.id,
      visit: act.visit,
      patch: patch ?? EMPTY,
      durationMs,
    });
    this.frontier.delete(act);
    for (let i = 0; i < out.length; i++) this.settleEdge(out[i]!, fired[i]!);
    this.release(act);
    return undefined;
  }

  /**
   * A node failed for good (retries spent). Fires its matching `onError` edges; when none fires the run
   * fails (`failure` is set) and false is returned.
   */
  fail(act: Activation, error: NodeError): boolean {
    const node = act.node;
    const out = node.out;
    const fired: boolean[] = new Array(out.length);
    let handled = false;
    let scope: Record<string, unknown> | undefined;
    for (let i = 0; i < out.length; i++) {
      const edge = out[i]!;
      if (!edge.onError) {
        fired[i] = false;
      } else if (edge.when) {
        scope ??= {
          state: this.state,
          output: EMPTY,
          input: this.input,
          visit: BigInt(act.visit),
          error: { code: error.code, message: error.message },
        };
        const result = this.evaluateCondition(edge, scope);
        if (typeof result !== 'boolean') {
          this.failure = result;
          return false;
        }
        fired[i] = result;
        handled ||= result;
      } else {
        fired[i] = true;
        handled = true;
      }
    }
    if (!handled) {
      this.failure = { code: error.code, message: error.message, nodeId: node.id };
      return false;
    }
    this.frontier.delete(act);
    for (let i = 0; i < out.length; i++) this.settleEdge(out[i]!, fired[i]!);
    this.release(act);
    return true;
  }

  /** A node called `interrupt`: it waits, still counted as in flight, until resumed. */
  interrupt(act: Activation, payload: JsonValue): void {
    this.frontier.delete(act);
    const waiting: WaitingNode = { nodeId: act.node.id, visit: act.visit, payload };
    if (act.answers.length > 0) waiting.answers = act.answers;
    this.pending.set(act.node.id, waiting);
  }

  /** Re-activates a waiting node with the value it was waiting for (same visit, same idempotency key). */
  resumeNode(nodeId: string, value: JsonValue): void {
    const waiting = this.pending.get(nodeId);
    if (!waiting) {
      const ids = [...this.pending.keys()];
      throw new WeftError(
        'NOT_WAITING',
        ids.length > 0
          ? `node '${nodeId}' is not waiting; waiting nodes: ${ids.map((id) => `'${id}'`).join(', ')}`
          : `node '${nodeId}' is not waiting; the run has no pending interrupt`,
      );
    }
    this.pending.delete(nodeId);
    const act: Activation = {
      node: this.graph.nodeById.get(nodeId)!,
      visit: waiting.visit,
      answers: [...(waiting.answers ?? []), value],
      overLimit: false,
    };
    this.frontier.add(act);
    this.sink.ready(act);
  }

  private evaluateCondition(edge: CompiledEdge, scope: Record<string, unknown>): boolean | NodeError {
    let value: unknown;
    try {
      value = edge.when!.evaluate(scope);
    } catch (err) {
      const message = err instanceof CelEvaluationError ? err.message : String(err);
      return {
        code: 'CONDITION_ERROR',
        message: `edge '${edge.id}': condition \`${edge.when!.source}\` failed: ${message}`,
        nodeId: edge.from.id,
      };
    }
    if (typeof value !== 'boolean') {
      return {
        code: 'CONDITION_ERROR',
        message: `edge '${edge.id}': condition \`${edge.when!.source}\` gave ${JSON.stringify(value)}, not true or false`,
        nodeId: edge.from.id,
      };
    }
    return value;
  }

  private settleEdge(edge: CompiledEdge, fired: boolean): void {
    if (edge.kind === 'back') {
      this.sink.event({ type: fired ? 'edge.fired' : 'edge.dead', edgeId: edge.id, nodeId: edge.from.id });
      if (fired) this.loopStates[edge.to.headerOf]!.pendingIteration = true;
      return;
    }
    const owner = edge.exitOwner >= 0 ? this.loopStates[edge.exitOwner]! : undefined;
    if (fired) {
      if (owner) {
        owner.firedDuringLoop.add(edge.index);
        owner.deferredDead.delete(edge.index);
      }
      this.sink.event({ type: 'edge.fired', edgeId: edge.id, nodeId: edge.from.id });
      this.arrive(edge, true);
      return;
    }
    if (owner?.active) {
      // The loop may still take this exit in a later iteration: decide when the loop ends.
      if (!owner.firedDuringLoop.has(edge.index)) owner.deferredDead.add(edge.index);
      return;
    }
    this.sink.event({ type: 'edge.dead', edgeId: edge.id, nodeId: edge.from.id });
    this.arrive(edge, false);
  }

  /** A forward edge settles at its target's join (DESIGN §3.4). */
  private arrive(edge: CompiledEdge, fired: boolean): void {
    if (this.edgeMark[edge.index] !== NONE) {
      if (fired) this.backlog[edge.index]!++;
      return;
    }
    const target = edge.to;
    this.edgeMark[edge.index] = fired ? FIRED : DEAD;
    this.settled[target.index]!++;
    if (fired) this.firedCount[target.index]!++;
    if (this.settled[target.index] !== target.inForward.length) return;

    const anyFired = this.firedCount[target.index]! > 0;
    this.resetJoin(target);
    if (this.isBusy(target)) this.hold(target, anyFired);
    else if (anyFired) this.activate(target, false);
    else this.skip(target);
    for (const incoming of target.inForward) {
      if (this.backlog[incoming.index]! > 0) {
        this.backlog[incoming.index]!--;
        this.arrive(incoming, true);
      }
    }
  }

  /**
   * A node never runs beside itself, and a loop entered again while it is still going starts over only
   * once it has ended: the settled join waits its turn, so the outcome does not depend on timing.
   */
  private isBusy(node: CompiledNode): boolean {
    return this.busy[node.index]! > 0 || (node.headerOf >= 0 && this.loopStates[node.headerOf]!.active);
  }

  private hold(node: CompiledNode, run: boolean): void {
    const queue = this.held.get(node.index);
    if (queue) queue.push(run);
    else this.held.set(node.index, [run]);
  }

  private releaseHeld(node: CompiledNode): void {
    const queue = this.held.get(node.index);
    while (queue && queue.length > 0 && !this.isBusy(node) && !this.failure) {
      const run = queue.shift()!;
      if (queue.length === 0) this.held.delete(node.index);
      if (run) this.activate(node, false);
      else this.skip(node);
    }
  }

  private resetJoin(node: CompiledNode): void {
    for (const edge of node.inForward) this.edgeMark[edge.index] = NONE;
    this.settled[node.index] = 0;
    this.firedCount[node.index] = 0;
  }

  private skip(node: CompiledNode): void {
    this.sink.event({ type: 'node.skipped', nodeId: node.id });
    for (const edge of node.out) this.settleEdge(edge, false);
  }

  private activate(node: CompiledNode, viaBackEdge: boolean): void {
    if (this.failure) return;
    if (node.headerOf >= 0 && !viaBackEdge) {
      const loop = this.loopStates[node.headerOf]!;
      loop.active = true;
      loop.pendingIteration = false;
      loop.deferredDead.clear();
      loop.firedDuringLoop.clear();
    }
    const visit = ++this.visits[node.index]!;
    if (++this.steps > this.graph.limits.maxSteps) {
      this.failure = {
        code: 'MAX_STEPS',
        message: `the run exceeded limits.maxSteps (${this.graph.limits.maxSteps}) when activating node '${node.id}'`,
        nodeId: node.id,
      };
      return;
    }
    for (const li of node.loops) this.loopStates[li]!.inFlight++;
    this.busy[node.index]!++;
    const act: Activation = { node, visit, answers: NO_ANSWERS, overLimit: visit > node.maxVisits };
    this.frontier.add(act);
    this.sink.ready(act);
  }

  /** A finished activation leaves its loops; a loop with nothing left in flight iterates or ends (DESIGN §3.5). */
  private release(act: Activation): void {
    const loops = act.node.loops;
    this.busy[act.node.index]!--;
    for (const li of loops) this.loopStates[li]!.inFlight--;
    for (const li of loops) {
      const loop = this.loopStates[li]!;
      if (loop.inFlight !== 0 || !loop.active || this.failure) continue;
      if (loop.pendingIteration) {
        loop.pendingIteration = false;
        loop.deferredDead.clear();
        for (const inner of this.graph.loops[li]!.inner) {
          this.resetJoin(inner);
          for (const edge of inner.inForward) this.backlog[edge.index] = 0;
        }
        this.activate(this.graph.loops[li]!.header, true);
      } else {
        loop.active = false;
        const deferred = [...loop.deferredDead].sort((a, b) => a - b);
        loop.deferredDead.clear();
        loop.firedDuringLoop.clear();
        for (const index of deferred) {
          const edge = this.graph.edges[index]!;
          this.sink.event({ type: 'edge.dead', edgeId: edge.id, nodeId: edge.from.id });
          this.arrive(edge, false);
        }
        this.releaseHeld(this.graph.loops[li]!.header);
      }
    }
    this.releaseHeld(act.node);
  }

  /** The plan's state as a checkpoint (seq and runId are filled in by the loop). */
  snapshot(runId: string, seq: number): Checkpoint {
    const { nodes, edges, loops } = this.graph;
    const visits: Record<string, number> = {};
    const joins: Record<string, Record<string, 'fired' | 'dead'>> = {};
    for (const node of nodes) {
      const i = node.index;
      if (this.visits[i]! > 0) visits[node.id] = this.visits[i]!;
      if (this.settled[i]! > 0) {
        const marks: Record<string, 'fired' | 'dead'> = {};
        for (const edge of node.inForward) {
          const mark = this.edgeMark[edge.index];
          if (mark !== NONE) marks[edge.id] = mark === FIRED ? 'fired' : 'dead';
        }
        joins[node.id] = marks;
      }
    }
    const backlog: Record<string, number> = {};
    for (const edge of edges) if (this.backlog[edge.index]! > 0) backlog[edge.id] = this.backlog[edge.index]!;
    const loopRecords: Checkpoint['loops'] = {};
    this.loopStates.forEach((loop, li) => {
      if (!loop.active) return;
      const idsOf = (set: Set<number>) => [...set].sort((a, b) => a - b).map((i) => edges[i]!.id);
      loopRecords[loops[li]!.header.id] = {
        pendingIteration: loop.pendingIteration,
        deferredDead: idsOf(loop.deferredDead),
        firedDuringLoop: idsOf(loop.firedDuringLoop),
      };
    });
    const held: Checkpoint['held'] = {};
    for (const [index, queue] of this.held)
      held[nodes[index]!.id] = queue.map((run) => (run ? 'run' : 'skip'));
    const frontier: Checkpoint['frontier'] = [];
    for (const act of this.frontier) {
      frontier.push(
        act.answers.length === 0
          ? { nodeId: act.node.id, visit: act.visit }
          : { nodeId: act.node.id, visit: act.visit, answers: [...act.answers] },
      );
    }
    return {
      version: 1,
      runId,
      graphId: this.graph.doc.id,
      seq,
      steps: this.steps,
      input: this.input,
      state: this.state,
      visits,
      joins,
      backlog,
      held,
      loops: loopRecords,
      frontier,
      pending: [...this.pending.values()],
    };
  }

  /**
   * Rebuilds a plan from a checkpoint. The frontier's activations are handed to the sink again, to run
   * with the visit (and so the idempotency key) they had.
   */
  static restore(graph: CompiledGraph, checkpoint: Checkpoint, sink: PlanSink): RunPlan {
    const plan = new RunPlan(graph, checkpoint.state, checkpoint.input, sink);
    const node = (id: string): CompiledNode => {
      const found = graph.nodeById.get(id);
      if (!found)
        throw new WeftError(
          'INVALID_CHECKPOINT',
          `the checkpoint names node '${id}', which graph '${graph.doc.id}' does not have`,
        );
      return found;
    };
    const edgeIndex = new Map(graph.edges.map((e) => [e.id, e]));
    const edge = (id: string): CompiledEdge => {
      const found = edgeIndex.get(id);
      if (!found)
        throw new WeftError(
          'INVALID_CHECKPOINT',
          `the checkpoint names edge '${id}', which graph '${graph.doc.id}' does not have`,
        );
      return found;
    };
    plan.steps = checkpoint.steps;
    for (const [id, count] of Object.entries(checkpoint.visits)) plan.visits[node(id).index] = count;
    for (const [id, marks] of Object.entries(checkpoint.joins)) {
      const target = node(id);
      for (const [edgeId, mark] of Object.entries(marks)) {
        plan.edgeMark[edge(edgeId).index] = mark === 'fired' ? FIRED : DEAD;
        plan.settled[target.index]!++;
        if (mark === 'fired') plan.firedCount[target.index]!++;
      }
    }
    for (const [edgeId, count] of Object.entries(checkpoint.backlog))
      plan.backlog[edge(edgeId).index] = count;
    for (const [headerId, record] of Object.entries(checkpoint.loops)) {
      const header = node(headerId);
      const loop = plan.loopStates[header.headerOf];
      if (!loop)
        throw new WeftError(
          'INVALID_CHECKPOINT',
          `node '${headerId}' heads no loop in graph '${graph.doc.id}'`,
        );
      loop.active = true;
      loop.pendingIteration = record.pendingIteration;
      for (const id of record.deferredDead) loop.deferredDead.add(edge(id).index);
      for (const id of record.firedDuringLoop) loop.firedDuringLoop.add(edge(id).index);
    }
    for (const [id, queue] of Object.entries(checkpoint.held ?? {})) {
      plan.held.set(
        node(id).index,
        queue.map((entry) => entry === 'run'),
      );
    }
    for (const waiting of checkpoint.pending) {
      const waitingNode = node(waiting.nodeId);
      plan.pending.set(waiting.nodeId, waiting);
      plan.busy[waitingNode.index]!++;
      for (const li of waitingNode.loops) plan.loopStates[li]!.inFlight++;
    }
    for (const entry of checkpoint.frontier) {
      const frontierNode = node(entry.nodeId);
      plan.busy[frontierNode.index]!++;
      for (const li of frontierNode.loops) plan.loopStates[li]!.inFlight++;
      const act: Activation = {
        node: frontierNode,
        visit: entry.visit,
        answers: entry.answers ?? (entry.resume === undefined ? NO_ANSWERS : [entry.resume]),
        overLimit: entry.visit > frontierNode.maxVisits,
      };
      plan.frontier.add(act);
      sink.ready(act);
    }
    return plan;
  }
}
