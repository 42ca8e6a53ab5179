import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionState, RunController } from './run-controller.ts';

export const RunControllerContext = createContext<RunController | null>(null);

export function useRunController(): RunController {
  const controller = useContext(RunControllerContext);
  if (!controller) throw new Error('useRunController must be used inside the editor page');
  return controller;
}

/** Whether live updates are connected, for the run panel's indicator. */
export function useConnectionState(): ConnectionState {
  const controller = useRunController();
  return useSyncExternalStore(
    (listener) => controller.onConnection(listener),
    () => controller.connection,
  );
}
