import { createContext, useContext } from 'react';

/**
 * True below a part of the page that shows, but must not change, what it displays (the inspector while a
 * past run's version is shown). Code editors read it to turn read-only; native fields are disabled by the
 * surrounding `<fieldset disabled>`.
 */
export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
