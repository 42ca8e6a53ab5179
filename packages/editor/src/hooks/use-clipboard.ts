import { useCallback, useEffect, useRef } from 'react';
import { copyElements, parseClipboard, pasteElements } from '../graph/clipboard.ts';
import type { Position } from '../graph/flow-conversion.ts';
import type { EditorStoreApi } from '../store/types.ts';
import { isTyping } from './use-shortcuts.ts';

/**
 * Copy, cut and paste of nodes through the system clipboard as JSON (`weft.clipboard/1`), so nodes move
 * between graphs, tabs and text editors. Works through the browser's copy/paste events (no permission
 * prompt); a paste lands under the pointer when it is over the canvas, else next to the last paste.
 */
export function useClipboard(
  store: EditorStoreApi,
  pointer: () => Position | null,
): { copyText(): string | null; duplicate(): void } {
  const pasteCount = useRef(0);
  const pointerRef = useRef(pointer);
  pointerRef.current = pointer;

  // Stable functions (the store never changes for an editor): the memoised inspector takes them as props.
  const copyText = useCallback(() => {
    const { doc, selectedNodeIds } = store.getState();
    const payload = copyElements(doc, selectedNodeIds);
    pasteCount.current = 0;
    return payload ? JSON.stringify(payload, null, 2) : null;
  }, [store]);

  const insert = useCallback(
    (text: string, at: Position | null) => {
      const payload = parseClipboard(text);
      if (!payload) return false;
      const state = store.getState();
      if (state.runView) return false;
      pasteCount.current++;
      const placement = at ? { at } : { offset: { x: 40 * pasteCount.current, y: 40 * pasteCount.current } };
      const { nodes, edges } = pasteElements(state.doc, payload, placement);
      state.applyEdit({ type: 'addElements', nodes, edges });
      store.getState().select({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
      return true;
    },
    [store],
  );

  useEffect(() => {
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || document.querySelector('dialog[open]') || hasTextSelection()) return;
      const text = copyText();
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      if (e.type === 'cut') {
        const s = store.getState();
        s.applyEdit({
          type: 'removeElements',
          nodeIds: [...s.selectedNodeIds],
          edgeIds: [...s.selectedEdgeIds],
        });
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text && insert(text, pointerRef.current())) e.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  });

  const duplicate = useCallback(() => {
    const text = copyText();
    if (text) insert(text, null);
  }, [copyText, insert]);

  return { copyText, duplicate };
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}
