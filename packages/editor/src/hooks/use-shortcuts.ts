import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  save(): void;
  run(): void;
  undo(): void;
  redo(): void;
  selectAll(): void;
  deleteSelection(): void;
  duplicate(): void;
  clearSelection(): void;
  layout(): void;
  fit(): void;
  focusSearch(): void;
  help(): void;
}

/** True when the key goes to something the user types into (fields, Monaco), where shortcuts stay off. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('.monaco-editor')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'range', 'button', 'submit'].includes(type);
  }
  return false;
}

/**
 * The editor's keyboard shortcuts (listed in dialogs/shortcuts.ts). Save and Run work everywhere, even
 * while typing; the others only when focus is not in a field. Copy, cut and paste go through the
 * clipboard events instead (see use-clipboard.ts).
 */
export function useEditorShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const h = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === 's') return act(h.save);
      if (mod && key === 'enter') return act(h.run);
      if (isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (mod && !e.shiftKey && key === 'z') return act(h.undo);
      if (mod && ((e.shiftKey && key === 'z') || key === 'y')) return act(h.redo);
      if (mod && key === 'a') return act(h.selectAll);
      if (mod && key === 'd') return act(h.duplicate);
      if (mod || e.altKey) return;
      if (key === 'delete' || key === 'backspace') return act(h.deleteSelection);
      if (key === 'escape') return act(h.clearSelection);
      if (e.shiftKey && key === 'l') return act(h.layout);
      if (e.shiftKey && key === 'f') return act(h.fit);
      if (e.key === '/') return act(h.focusSearch);
      if (e.key === '?') return act(h.help);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export { isTyping };
