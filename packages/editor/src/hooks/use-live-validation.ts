import { type ToolRegistry, validateGraph } from '@weft/engine';
import { useEffect } from 'react';
import { findBackEdges } from '../graph/structure.ts';
import type { EditorStoreApi } from '../store/types.ts';
import { onlyPositionsChanged } from './only-positions-changed.ts';

const DEBOUNCE_MS = 120;

/**
 * Runs the engine's `validateGraph` in the browser (against a registry rebuilt from `GET /api/tools`)
 * shortly after each edit, and classifies back edges, so problems and loops show as the graph is drawn.
 * Drags are skipped: positions change nothing a validator sees.
 */
export function useLiveValidation(store: EditorStoreApi, registry: ToolRegistry | null): void {
  useEffect(() => {
    if (!registry) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const doc = store.getState().doc;
      store.getState().setAnalysis(doc, validateGraph(doc, registry), findBackEdges(doc));
    };
    timer = setTimeout(check, 0);
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.doc === prev.doc) return;
      if (state.analyzedDoc && onlyPositionsChanged(prev.doc, state.doc)) return;
      clearTimeout(timer);
      timer = setTimeout(check, DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, registry]);
}

/** The problems of the document as it is now: the live result if current, else validated right now. */
export function validateNow(store: EditorStoreApi, registry: ToolRegistry) {
  const { doc, analyzedDoc, problems: current } = store.getState();
  if (analyzedDoc === doc) return current;
  const problems = validateGraph(doc, registry);
  store.getState().setAnalysis(doc, problems, findBackEdges(doc));
  return problems;
}
