import type { RunEvent } from '@weft/engine';
import { applyRunEvents, type EdgeTargetLookup, emptyOverlay, overlayAt } from './run-overlay.ts';
import type { EditorStore, RunActions, RunState, SliceCreator } from './types.ts';

export const initialRunState: RunState = {
  run: null,
  events: [],
  overlay: emptyOverlay,
  cursor: null,
  cursorOverlay: null,
  replay: false,
};

export const createRunSlice: SliceCreator<RunActions> = (set, get) => ({
  showRun(run, options = {}) {
    const events = sortedUnique(options.events ?? []);
    set({
      run,
      events,
      overlay: applyRunEvents(emptyOverlay, events, edgeTargets(get())),
      cursor: null,
      cursorOverlay: null,
      replay: options.replay ?? false,
    });
  },
  receiveEvents(batch) {
    const state = get();
    const runId = state.run?.id;
    const fresh = sortedUnique(batch).filter(
      (e) => e.seq > (state.events.at(-1)?.seq ?? 0) && (runId === undefined || e.runId === runId),
    );
    if (fresh.length === 0) return;
    set({
      events: state.events.concat(fresh),
      overlay: applyRunEvents(state.overlay, fresh, edgeTargets(state)),
    });
  },
  updateRun(run) {
    if (get().run?.id === run.id) set({ run });
  },
  setCursor(seq) {
    const state = get();
    const last = state.events.at(-1)?.seq ?? 0;
    if (seq === null || seq >= last) {
      set({ cursor: null, cursorOverlay: null });
      return;
    }
    const at = Math.max(0, seq);
    set({ cursor: at, cursorOverlay: overlayAt(state.events, at, edgeTargets(state)) });
  },
  clearRun() {
    set(initialRunState);
  },
});

function sortedUnique(events: readonly RunEvent[]): RunEvent[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return sorted.filter((e, i) => i === 0 || e.seq !== sorted[i - 1]!.seq);
}

function edgeTargets(state: Pick<EditorStore, 'doc'>): EdgeTargetLookup {
  let targets: Map<string, string> | undefined;
  return (edgeId) => {
    targets ??= new Map(state.doc.edges.map((e) => [e.id, e.to]));
    return targets.get(edgeId);
  };
}
