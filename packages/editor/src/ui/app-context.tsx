import { createContext, useContext } from 'react';
import type { Theme } from './theme.ts';

export interface AppChrome {
  theme: Theme;
  toggleTheme(): void;
}

export const AppChromeContext = createContext<AppChrome>({ theme: 'light', toggleTheme() {} });

/** The theme and its toggle, shared by both pages. */
export function useAppChrome(): AppChrome {
  return useContext(AppChromeContext);
}
