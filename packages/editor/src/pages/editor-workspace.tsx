import type { JsonValue, ToolDescriptor } from '@weft/engine';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/api-client.ts';
import { Canvas } from '../canvas/canvas.tsx';
import { ResumeDialog } from '../dialogs/resume-dialog.tsx';
import { ShortcutsDialog } from '../dialogs/shortcuts-dialog.tsx';
import { VersionsDialog } from '../dialogs/versions-dialog.tsx';
import type { Position } from '../graph/flow-conversion.ts';
import { layoutDocument } from '../graph/layout.ts';
import { loadElk } from '../hooks/elk.ts';
import { useClipboard } from '../hooks/use-clipboard.ts';
import { useLiveValidation, validateNow } from '../hooks/use-live-validation.ts';
import { useEditorShortcuts } from '../hooks/use-shortcuts.ts';
import { Inspector } from '../inspector/inspector.tsx';
import { Palette } from '../palette/palette.tsx';
import { useRunController } from '../run/run-context.tsx';
import { RunPanel, type RunPanelTab } from '../run-panel/run-panel.tsx';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { hasUnsavedChanges } from '../store/editor-store.ts';
import type { EditorStoreApi } from '../store/types.ts';
import { downloadGraph } from '../ui/download.ts';
import { addNavigationGuard, graphPath, replaceRoute } from '../ui/router.ts';
import { plural } from '../ui/status.ts';
import { useToast } from '../ui/toasts.tsx';
import { TopBar } from '../ui/top-bar.tsx';
import { RunViewBanner } from './run-view-banner.tsx';
import { Toolbar } from './toolbar.tsx';
import { useAutoPlacement } from './use-auto-placement.ts';
import { useRunInput } from './use-run-input.ts';

/** The editor: palette left, canvas centre, inspector right, run panel below; wires save, run and shortcuts. */
export function EditorWorkspace({ tools }: { tools: readonly ToolDescriptor[] }) {
  const store = useEditorApi();
  const notify = useToast();
  const flow = useReactFlow();
  const controller = useRunController();
  // Events first: the Input tab's Monaco loads only when someone opens it.
  const [tab, setTab] = useState<RunPanelTab>('events');
  const [panelCollapsed, setPanelCollapsed] = useState(false);
  const [dialog, setDialog] = useState<'help' | 'versions' | 'resume' | null>(null);
  const [saving, setSaving] = useState(false);
  const [starting, setStarting] = useState(false);
  const graphId = useEditor((s) => s.doc.id);
  const runStatus = useEditor((s) => s.overlay.status);
  const runId = useEditor((s) => s.run?.id);
  const waitingSeq = useEditor((s) => s.overlay.waitingSeq);
  const replay = useEditor((s) => s.replay);
  const viewedVersion = useEditor((s) => s.runView?.version ?? null);
  const { input, setInput, inputError, parsedInput } = useRunInput(graphId);
  const pointer = useRef<Position | null>(null);

  useLiveValidation(store, tools);
  useAutoPlacement(store, viewedVersion);
  useUnsavedGuard();
  useRunAddress(store);

  // A live run that starts waiting opens the resume dialog, once per question (each `run.waiting`: a form
  // refused for a bad answer asks again).
  const askedFor = useRef<string | null>(null);
  useEffect(() => {
    const question = `${runId}:${waitingSeq}`;
    if (runStatus === 'waiting' && runId && !replay && askedFor.current !== question) {
      askedFor.current = question;
      setDialog('resume');
    }
    if (runStatus !== 'waiting' && dialog === 'resume') setDialog(null);
  }, [runStatus, runId, waitingSeq, replay, dialog]);

  const save = useCallback(async () => {
    if (store.getState().runView) {
      notify('Viewing a past run on its version: back to editing to save.', 'info');
      return;
    }
    const doc = store.getState().doc;
    setSaving(true);
    try {
      let version: number;
      try {
        ({ version } = await api.saveGraph(doc));
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        ({ version } = await api.createGraph(doc));
      }
      store.getState().markSaved(doc, version);
      const problems = store.getState().problems.length;
      notify(
        problems > 0
          ? `Saved version ${version} as a draft (${plural(problems, 'problem')})`
          : `Saved version ${version}`,
        'success',
      );
    } catch (err) {
      notify(`Not saved: ${errorMessage(err)}`, 'error');
    } finally {
      setSaving(false);
    }
  }, [store, notify]);

  const run = useCallback(async () => {
    if (store.getState().runView) {
      notify('Viewing a past run on its version: back to editing to run.', 'info');
      return;
    }
    const problems = validateNow(store, tools);
    if (problems.length > 0) {
      setTab('problems');
      setPanelCollapsed(false);
      notify(
        `Fix ${problems.length} problem${problems.length === 1 ? '' : 's'} before running (drafts can be saved, not run).`,
        'error',
      );
      return;
    }
    if (inputError) {
      setTab('input');
      setPanelCollapsed(false);
      notify(`The run input is not valid JSON: ${inputError}`, 'error');
      return;
    }
    setStarting(true);
    setTab('events');
    setPanelCollapsed(false);
    await controller.start(parsedInput as JsonValue);
    setStarting(false);
  }, [store, tools, inputError, parsedInput, controller, notify]);

  const layout = useCallback(async () => {
    const state = store.getState();
    try {
      const positions = await layoutDocument(state.doc, await loadElk(), {
        backEdges: state.backEdges,
        sizeOf: (id) => {
          const m = flow.getNode(id)?.measured;
          return m?.width && m.height ? { width: m.width, height: m.height } : undefined;
        },
      });
      store.getState().applyEdit({ type: 'moveNodes', positions });
      requestAnimationFrame(
        () => void flow.fitView({ padding: 0.2, duration: 300, maxZoom: 1.1, includeHiddenNodes: true }),
      );
    } catch (err) {
      notify(`Auto-layout failed: ${errorMessage(err)}`, 'error');
    }
  }, [store, flow, notify]);

  const fit = useCallback(
    () => void flow.fitView({ padding: 0.2, duration: 300, maxZoom: 1.1, includeHiddenNodes: true }),
    [flow],
  );
  const { copyText, duplicate } = useClipboard(store, () => pointer.current);

  useEditorShortcuts({
    save: () => void save(),
    run: () => void run(),
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    selectAll: () => store.getState().selectAll(),
    deleteSelection: () => {
      const s = store.getState();
      s.applyEdit({
        type: 'removeElements',
        nodeIds: [...s.selectedNodeIds],
        edgeIds: [...s.selectedEdgeIds],
      });
    },
    duplicate,
    clearSelection: () => store.getState().clearSelection(),
    layout: () => void layout(),
    fit,
    focusSearch: () => document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus(),
    help: () => setDialog('help'),
  });

  const copyToClipboard = useCallback(() => {
    const text = copyText();
    if (!text) return;
    navigator.clipboard.writeText(text).then(
      () => notify('Copied the selection as JSON', 'success'),
      () => notify('The browser refused clipboard access; use Ctrl+C instead', 'error'),
    );
  }, [copyText, notify]);
  // Stable callbacks for the memoised panels and dialogs: a run starting or a tab changing re-renders
  // this workspace, and must not re-render the canvas, the inspector or the run panel with it.
  const togglePanel = useCallback(() => setPanelCollapsed((collapsed) => !collapsed), []);
  const openResume = useCallback(() => setDialog('resume'), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  return (
    <div className="wf-page wf-editor">
      <TopBar>
        <Toolbar
          saving={saving}
          starting={starting}
          actions={{
            save: () => void save(),
            run: () => void run(),
            cancel: () => void controller.cancel(),
            layout: () => void layout(),
            fit,
            versions: () => setDialog('versions'),
            exportJson: () => downloadGraph(store.getState().doc),
            help: () => setDialog('help'),
            problems: () => {
              setTab('problems');
              setPanelCollapsed(false);
            },
          }}
        />
      </TopBar>
      <div className={`wf-workspace${panelCollapsed ? ' wf-workspace--collapsed' : ''}`}>
        <Palette />
        <main
          className="wf-workspace__canvas"
          onMouseMove={(e) => {
            pointer.current = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
          }}
          onMouseLeave={() => {
            pointer.current = null;
          }}
        >
          <RunViewBanner />
          {/* A past run's version gets a canvas of its own, fitted to it; leaving refits the edited graph. */}
          <Canvas key={viewedVersion === null ? 'editing' : `version-${viewedVersion}`} />
        </main>
        <Inspector onCopy={copyToClipboard} onDuplicate={duplicate} />
        <RunPanel
          tab={tab}
          onTab={setTab}
          collapsed={panelCollapsed}
          onToggle={togglePanel}
          input={input}
          inputError={inputError}
          onInput={setInput}
          onResume={openResume}
        />
      </div>
      <ShortcutsDialog open={dialog === 'help'} onClose={closeDialog} />
      <VersionsDialog open={dialog === 'versions'} onClose={closeDialog} />
      <ResumeDialog open={dialog === 'resume'} onClose={closeDialog} />
    </div>
  );
}

/** Warns before leaving with unsaved changes: closing the tab, reloading, or navigating in the app. */
function useUnsavedGuard(): void {
  const store = useEditorApi();
  useEffect(() => {
    const dirty = () => hasUnsavedChanges(store.getState());
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = addNavigationGuard(
      () => !dirty() || window.confirm('This graph has unsaved changes. Leave without saving?'),
    );
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [store]);
}

/**
 * Keeps the address in step with a past run shown on its version (`?run=<id>`, so it can be reloaded and
 * shared) and drops it when the editor goes back to the graph being edited.
 */
function useRunAddress(store: EditorStoreApi): void {
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const view = state.runView;
        // Once the run is shown (after its version), so the page never sees an address it has not opened.
        if (view && state.run?.id === view.runId && prev.run?.id !== view.runId)
          replaceRoute(graphPath(state.doc.id, view.runId));
        else if (!view && prev.runView) replaceRoute(graphPath(state.doc.id));
      }),
    [store],
  );
}
