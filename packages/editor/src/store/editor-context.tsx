import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorStore, EditorStoreApi } from './types.ts';

const EditorStoreContext = createContext<EditorStoreApi | null>(null);

/** Shares one editor store with everything below it. */
export function EditorStoreProvider({ store, children }: { store: EditorStoreApi; children: ReactNode }) {
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing (`getState()`). */
export function useEditorApi(): EditorStoreApi {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorApi must be used inside <EditorStoreProvider>');
  return store;
}

/**
 * Subscribes to one slice of the editor state; the component re-renders only when the selected value
 * changes (by `Object.is`). Select primitives or stable objects; use `useShallow` for fresh arrays.
 */
export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorApi(), selector);
}
