import type { GraphDocument, Problem, ToolDescriptor } from '@weft/engine';
import { useEffect } from 'react';
import type { EditorStoreApi } from '../store/types.ts';
import { type Analysis, analyzeDocument } from './analysis.ts';
import { onlyPositionsChanged } from './only-positions-changed.ts';

const DEBOUNCE_MS = 120;

/**
 * Runs the engine's `validateGraph` (against a registry rebuilt from `GET /api/tools`) in a worker shortly
 * after each edit, and classifies back edges, so problems and loops show as the graph is drawn. Drags
 * are skipped: positions change nothing a validator sees. A result for a document that has since changed
 * is still shown (it is the best there is) until the newer one arrives.
 */
export function useLiveValidation(store: EditorStoreApi, tools: readonly ToolDescriptor[]): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const pending = new Map<number, GraphDocument>();
    const apply = (doc: GraphDocument, analysis: Analysis) =>
      store.getState().setAnalysis(doc, analysis.problems, new Set(analysis.backEdges));

    const worker =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./analysis.worker.ts', import.meta.url), {
            type: 'module',
            name: 'weft-validation',
          });
    if (worker) {
      worker.postMessage({ type: 'tools', tools });
      worker.onmessage = (e: MessageEvent<Analysis & { id: number }>) => {
        const doc = pending.get(e.data.id);
        pending.delete(e.data.id);
        if (doc && e.data.id === latest) apply(doc, e.data);
      };
    }
    const check = () => {
      const doc = store.getState().doc;
      if (!worker) return apply(doc, analyzeDocument(doc, tools));
      latest++;
      pending.set(latest, doc);
      worker.postMessage({ type: 'analyze', id: latest, doc });
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
      worker?.terminate();
    };
  }, [store, tools]);
}

/** The problems of the document as it is now: the live result if current, else validated right now. */
export function validateNow(store: EditorStoreApi, tools: readonly ToolDescriptor[]): readonly Problem[] {
  const { doc, analyzedDoc, problems } = store.getState();
  if (analyzedDoc === doc) return problems;
  const analysis = analyzeDocument(doc, tools);
  store.getState().setAnalysis(doc, analysis.problems, new Set(analysis.backEdges));
  return analysis.problems;
}
