import type { JsonValue } from '@weft/engine';
import { api, errorMessage } from '../api/api-client.ts';
import { FINISHED_STATUSES, type RunRecord, type StoredGraph } from '../api/api-types.ts';
import { type RunSubscription, subscribeToRun } from '../api/run-socket.ts';
import type { EditorStoreApi } from '../store/types.ts';

const RUN_LEVEL: ReadonlySet<string> = new Set([
  'run.waiting',
  'run.resumed',
  'run.completed',
  'run.failed',
  'run.cancelled',
]);

export type ConnectionState = 'idle' | 'connecting' | 'live' | 'closed';

/**
 * Starts, follows, cancels, resumes and replays runs for one editor. It owns the WebSocket subscription;
 * the store only ever sees run records and batches of events.
 */
export class RunController {
  private subscription: RunSubscription | null = null;
  private connectionListeners = new Set<(state: ConnectionState) => void>();
  connection: ConnectionState = 'idle';

  constructor(
    private readonly store: EditorStoreApi,
    private readonly notify: (message: string, kind?: 'info' | 'success' | 'error') => void,
  ) {}

  /**
   * Runs what is on the canvas: the saved version when nothing changed since the last save, otherwise the
   * document itself as an unsaved draft run (`POST /api/runs`), so trying a change needs no new version.
   */
  async start(input: JsonValue): Promise<RunRecord | null> {
    const { doc, savedDoc, version } = this.store.getState();
    try {
      const run =
        doc === savedDoc && version !== null
          ? await api.runGraph(doc.id, input, version)
          : await api.runDocument(doc, input);
      this.follow(run, false);
      return run;
    } catch (err) {
      this.notify(`The run did not start: ${errorMessage(err)}`, 'error');
      return null;
    }
  }

  async cancel(): Promise<void> {
    const run = this.store.getState().run;
    if (!run) return;
    try {
      this.store.getState().updateRun(await api.cancelRun(run.id));
    } catch (err) {
      this.notify(`Cancel failed: ${errorMessage(err)}`, 'error');
    }
  }

  async resume(nodeId: string, value: JsonValue): Promise<boolean> {
    const run = this.store.getState().run;
    if (!run) return false;
    try {
      const updated = await api.resumeRun(run.id, nodeId, value);
      this.store.getState().updateRun(updated);
      if (!this.subscription) this.subscribe(updated.id);
      return true;
    } catch (err) {
      this.notify(`Resume failed: ${errorMessage(err)}`, 'error');
      return false;
    }
  }

  /**
   * Opens a past (or still running) run: its stored events are replayed, then followed live. A run of a
   * saved version is shown on that version (read-only, the graph being edited set aside); a run of an
   * unsaved draft (`graphVersion: null`) on the canvas as it is.
   */
  async open(runId: string): Promise<void> {
    try {
      const [run, events] = await Promise.all([api.run(runId), api.events(runId)]);
      const ran = await this.versionOf(run);
      this.stop();
      const state = this.store.getState();
      if (ran) state.enterRunView(run.id, ran.graph, ran.version);
      else state.leaveRunView();
      this.store.getState().showRun(run, { replay: true, events });
      if (!FINISHED_STATUSES.has(run.status)) this.subscribe(run.id);
    } catch (err) {
      this.notify(`Cannot open run ${runId}: ${errorMessage(err)}`, 'error');
    }
  }

  /** Clears the run from the canvas; when it was shown on its own version, back to the graph being edited. */
  close(): void {
    this.stop();
    this.store.getState().leaveRunView();
    this.store.getState().clearRun();
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  dispose(): void {
    this.stop();
    this.connectionListeners.clear();
  }

  /** The stored version a run ran, or null for a draft run (or a version that is gone: said, then the canvas). */
  private async versionOf(run: RunRecord): Promise<StoredGraph | null> {
    if (run.graphVersion === null) return null;
    try {
      return await api.version(run.graphId, run.graphVersion);
    } catch (err) {
      this.notify(
        `Version ${run.graphVersion} of ${run.graphId} cannot be read (${errorMessage(err)}); the run is shown on the current canvas.`,
        'error',
      );
      return null;
    }
  }

  private follow(run: RunRecord, replay: boolean): void {
    this.stop();
    this.store.getState().showRun(run, { replay });
    this.subscribe(run.id);
  }

  private subscribe(runId: string): void {
    const after = this.store.getState().events.at(-1)?.seq ?? 0;
    this.subscription = subscribeToRun({
      runId,
      after,
      onEvents: (events) => {
        this.store.getState().receiveEvents(events);
        if (events.some((e) => RUN_LEVEL.has(e.type))) void this.refreshRecord(runId);
      },
      onConnection: (state) => this.setConnection(state),
      onError: (message) => this.notify(`Live updates: ${message}`, 'error'),
    });
  }

  /** The run record (status, state, pending) after a run-level event. */
  private async refreshRecord(runId: string): Promise<void> {
    try {
      this.store.getState().updateRun(await api.run(runId));
    } catch {
      // The overlay already shows the status from the events; the record is a nicety here.
    }
  }

  private stop(): void {
    this.subscription?.close();
    this.subscription = null;
    this.setConnection('idle');
  }

  private setConnection(state: ConnectionState): void {
    this.connection = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}
