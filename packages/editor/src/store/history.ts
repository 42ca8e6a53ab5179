import type { GraphDocument } from '@weft/engine';

export interface HistoryEntry {
  /** The document before the edit. */
  doc: GraphDocument;
  /** What the edit did, e.g. `move 2 nodes` (shown as the undo button's tooltip). */
  label: string;
}

/**
 * Undo and redo as two stacks of whole documents. Edits share structure, so a snapshot costs only what
 * changed. Consecutive edits with the same coalescing key (one drag, typing into one field) make one step.
 */
export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
  /** The key of the last recorded edit; null when the next edit must start a new step. */
  coalesceKey: string | null;
}

export const HISTORY_LIMIT = 200;
export const emptyHistory: History = { past: [], future: [], coalesceKey: null };

/** Records that the document `before` was changed by an edit described by `label`. */
export function recordEdit(
  history: History,
  before: GraphDocument,
  label: string,
  coalesceKey?: string,
): History {
  if (coalesceKey && coalesceKey === history.coalesceKey && history.past.length > 0) {
    return history.future.length === 0 ? history : { ...history, future: [] };
  }
  const past = [...history.past, { doc: before, label }];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], coalesceKey: coalesceKey ?? null };
}

/** Ends the current coalescing run (a drag ended, a field lost focus). */
export function breakCoalescing(history: History): History {
  return history.coalesceKey === null ? history : { ...history, coalesceKey: null };
}

/** Steps back: the document to show and the new history, or null when there is nothing to undo. */
export function undo(
  history: History,
  current: GraphDocument,
): { history: History; doc: GraphDocument } | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  return {
    doc: entry.doc,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, { doc: current, label: entry.label }],
      coalesceKey: null,
    },
  };
}

/** Steps forward again after an undo, or null when there is nothing to redo. */
export function redo(
  history: History,
  current: GraphDocument,
): { history: History; doc: GraphDocument } | null {
  const entry = history.future.at(-1);
  if (!entry) return null;
  return {
    doc: entry.doc,
    history: {
      past: [...history.past, { doc: current, label: entry.label }],
      future: history.future.slice(0, -1),
      coalesceKey: null,
    },
  };
}
