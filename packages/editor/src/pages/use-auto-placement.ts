import { useEffect } from 'react';
import { layoutDocument } from '../graph/layout.ts';
import { findBackEdges } from '../graph/structure.ts';
import { loadElk } from '../hooks/elk.ts';
import type { EditorStoreApi } from '../store/types.ts';

/**
 * A graph whose nodes have no positions at all (written by hand, or by a program) is laid out with ELK
 * when opened. The result is a view-only placement: the document only gains positions once a node is
 * moved or the graph is auto-laid out on purpose. A past run's version shown read-only is placed the same way.
 */
export function useAutoPlacement(store: EditorStoreApi, viewedVersion: number | null): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a past run's version (viewedVersion) is a document of its own, placed when it is shown.
  useEffect(() => {
    const { doc } = store.getState();
    if (doc.nodes.length === 0 || doc.nodes.some((n) => n.position)) return;
    let cancelled = false;
    loadElk()
      .then((elk) => layoutDocument(doc, elk, { backEdges: findBackEdges(doc) }))
      .then((placements) => {
        if (!cancelled && store.getState().doc.nodes.every((n) => !n.position))
          store.getState().setPlacements(placements);
      })
      .catch(() => {
        // The grid placement stays; auto-layout remains one click away.
      });
    return () => {
      cancelled = true;
    };
  }, [store, viewedVersion]);
}
