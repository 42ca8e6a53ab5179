import type { GraphDocument, Problem, RunEvent, ToolDescriptor } from '@weft/engine';
import type { StateCreator, StoreApi } from 'zustand';
import type { RunRecord } from '../api/api-types.ts';
import type { GraphEdit } from '../graph/edits.ts';
import type { Position } from '../graph/flow-conversion.ts';
import type { History } from './history.ts';
import type { RunOverlay } from './run-overlay.ts';

/** The document being edited, what was last saved, the tools, and the live validation result. */
export interface GraphState {
  doc: GraphDocument;
  /** The document as last loaded or saved; `doc !== savedDoc` means there are unsaved changes. */
  savedDoc: GraphDocument | null;
  /** The stored version `savedDoc` is; null for a graph never saved. */
  version: number | null;
  tools: readonly ToolDescriptor[];
  toolsById: ReadonlyMap<string, ToolDescriptor>;
  /** Problems of `analyzedDoc` (the engine's `validateGraph` running in the browser). */
  problems: readonly Problem[];
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  problemsByEdge: ReadonlyMap<string, readonly Problem[]>;
  analyzedDoc: GraphDocument | null;
  /** Edges that close loops, drawn as loops. */
  backEdges: ReadonlySet<string>;
  /** Where auto-layout put nodes the document does not place. */
  placements: Readonly<Record<string, Position>>;
}

export interface EditOptions {
  /** Consecutive edits with the same key make one undo step (a drag, typing into one field). */
  coalesce?: string;
}

export interface GraphActions {
  /** Opens a document: clears history, selection and the run overlay. */
  loadGraph(doc: GraphDocument, version: number | null): void;
  setTools(tools: readonly ToolDescriptor[]): void;
  /** Applies an edit through the pure reducer and records it for undo. */
  applyEdit(edit: GraphEdit, options?: EditOptions): void;
  markSaved(doc: GraphDocument, version: number): void;
  setAnalysis(doc: GraphDocument, problems: readonly Problem[], backEdges: ReadonlySet<string>): void;
  setPlacements(placements: Readonly<Record<string, Position>>): void;
}

export interface SelectionState {
  selectedNodeIds: ReadonlySet<string>;
  selectedEdgeIds: ReadonlySet<string>;
}

export interface SelectionActions {
  select(selection: { nodes?: Iterable<string>; edges?: Iterable<string> }, mode?: 'replace' | 'add'): void;
  /** Applies React Flow's select changes (click, shift-click, box selection). */
  applySelectionChanges(nodes: ReadonlyArray<SelectChange>, edges: ReadonlyArray<SelectChange>): void;
  selectAll(): void;
  clearSelection(): void;
}

export interface SelectChange {
  id: string;
  selected: boolean;
}

export interface HistoryState {
  history: History;
}

export interface HistoryActions {
  undo(): void;
  redo(): void;
  /** Ends a coalescing run so the next edit is its own undo step. */
  breakCoalescing(): void;
}

export interface RunState {
  /** The run shown on the canvas: live, or a past one being replayed. */
  run: RunRecord | null;
  events: readonly RunEvent[];
  overlay: RunOverlay;
  /** The timeline position (an event seq); null follows the latest event. */
  cursor: number | null;
  /** The overlay at `cursor`; null when following the latest event. */
  cursorOverlay: RunOverlay | null;
  /** Whether `run` was opened from history (replayed) rather than started here. */
  replay: boolean;
}

export interface RunActions {
  /** Shows a new run; events arrive through `receiveEvents`. */
  showRun(run: RunRecord, options?: { replay?: boolean; events?: readonly RunEvent[] }): void;
  /** Folds a batch of events in (the socket batches them per animation frame). */
  receiveEvents(events: readonly RunEvent[]): void;
  updateRun(run: RunRecord): void;
  setCursor(seq: number | null): void;
  clearRun(): void;
}

/** What is set aside while a past run is shown on the version it ran: the graph being edited, as it was left. */
export type EditingSnapshot = Pick<
  EditorState,
  | 'doc'
  | 'savedDoc'
  | 'version'
  | 'history'
  | 'selectedNodeIds'
  | 'selectedEdgeIds'
  | 'placements'
  | 'analyzedDoc'
  | 'problems'
  | 'problemsByNode'
  | 'problemsByEdge'
  | 'backEdges'
>;

export interface RunViewState {
  /**
   * Set while a past run is replayed on the graph version it ran (`doc` is that version, read-only);
   * `editing` holds the graph being edited until `leaveRunView`.
   */
  runView: { runId: string; version: number; editing: EditingSnapshot } | null;
}

export interface RunViewActions {
  /** Shows `doc` — the version a past run ran — read-only, setting the graph being edited aside. */
  enterRunView(runId: string, doc: GraphDocument, version: number): void;
  /** Back to the graph being edited exactly as it was left (unsaved changes, undo history, selection). */
  leaveRunView(): void;
}

export type EditorState = GraphState & SelectionState & HistoryState & RunState & RunViewState;
export type EditorActions = GraphActions & SelectionActions & HistoryActions & RunActions & RunViewActions;
export type EditorStore = EditorState & EditorActions;
export type EditorStoreApi = StoreApi<EditorStore>;
export type SliceCreator<Slice> = StateCreator<EditorStore, [], [], Slice>;
