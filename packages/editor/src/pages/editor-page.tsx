import type { ToolDescriptor } from '@weft/engine';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/api-client.ts';
import { RunControllerContext } from '../run/run-context.tsx';
import { RunController } from '../run/run-controller.ts';
import { EditorStoreProvider } from '../store/editor-context.tsx';
import { createEditorStore } from '../store/editor-store.ts';
import { Icon } from '../ui/icons.tsx';
import { navigate } from '../ui/router.ts';
import { useToast } from '../ui/toasts.tsx';
import { TopBar } from '../ui/top-bar.tsx';
import { EditorWorkspace } from './editor-workspace.tsx';

/** One graph: loads it and the tools, then hands a fresh store and run controller to the workspace. */
export function EditorPage({ graphId, runId }: { graphId: string; runId: string | null }) {
  const notify = useToast();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new graph gets a new store (history, selection and run start empty).
  const store = useMemo(() => createEditorStore(), [graphId]);
  const controller = useMemo(() => new RunController(store, notify), [store, notify]);
  const [loaded, setLoaded] = useState<ToolDescriptor[] | null>(null);
  const [error, setError] = useState<{ message: string; notFound: boolean } | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => () => controller.dispose(), [controller]);

  useEffect(() => {
    let cancelled = false;
    setReady(false);
    setError(null);
    Promise.all([api.tools(), api.getGraph(graphId)]).then(
      ([tools, stored]) => {
        if (cancelled) return;
        store.getState().setTools(tools);
        store.getState().loadGraph(stored.graph, stored.version);
        setLoaded(tools);
        setReady(true);
      },
      (err) => {
        if (cancelled) return;
        setError({ message: errorMessage(err), notFound: err instanceof ApiError && err.status === 404 });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [graphId, store]);

  useEffect(() => {
    // The address follows a run opened from the history tab; that run is already shown.
    if (ready && runId && store.getState().run?.id !== runId) void controller.open(runId);
  }, [ready, runId, controller, store]);

  if (error) {
    return (
      <div className="wf-page">
        <TopBar />
        <div className="wf-empty wf-empty--error" role="alert">
          <Icon name="alert" size={28} />
          <p>
            {error.notFound
              ? `There is no graph “${graphId}”.`
              : `Cannot open “${graphId}”: ${error.message}`}
          </p>
          <button type="button" className="wf-button" onClick={() => navigate('/')}>
            Back to all graphs
          </button>
        </div>
      </div>
    );
  }
  if (!ready || !loaded) {
    return (
      <div className="wf-page">
        <TopBar />
        <div className="wf-empty">
          <Icon name="spinner" size={24} />
          <p className="wf-muted">Opening {graphId}…</p>
        </div>
      </div>
    );
  }
  return (
    <EditorStoreProvider store={store}>
      <RunControllerContext.Provider value={controller}>
        <ReactFlowProvider>
          <EditorWorkspace tools={loaded} />
        </ReactFlowProvider>
      </RunControllerContext.Provider>
    </EditorStoreProvider>
  );
}
