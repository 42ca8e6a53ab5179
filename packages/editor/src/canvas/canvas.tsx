import {
  type Connection,
  ConnectionLineType,
  Controls,
  type Edge,
  ReactFlow,
  type ReactFlowState,
  useNodesInitialized,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { ERROR_HANDLE, type ToolFlowNode, type WeftFlowEdge } from '../graph/flow-conversion.ts';
import { nextEdgeId } from '../graph/ids.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { useAppChrome } from '../ui/app-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { addToolNode, GRID_SIZE, TOOL_MIME } from './add-node.ts';
import { DotGrid } from './dot-grid.tsx';
import { MiniMapCanvas } from './minimap-canvas.tsx';
import { OverviewCanvas } from './overview-canvas.tsx';
import { nodeAt, type OverviewScene } from './overview-scene.ts';
import { FAR_ZOOM, ToolNode } from './tool-node.tsx';
import { useFlowElements } from './use-flow-elements.ts';
import { EdgeMarkers, WeftEdge } from './weft-edge.tsx';

const nodeTypes = { tool: ToolNode };
const edgeTypes = { weft: WeftEdge };
/** Above this many nodes only what is in view is rendered (DESIGN §7: 1,000 nodes pan at 60 fps). */
const VIRTUALIZE_ABOVE = 250;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
// Constant props, defined once: React Flow copies every prop that changed identity into its store on each
// render, and each copy runs the selectors of every node and edge subscribed to it.
const SNAP_GRID: [number, number] = [GRID_SIZE, GRID_SIZE];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1, includeHiddenNodes: true };
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: false };

/**
 * The graph canvas: React Flow over the store, with drop-to-add, connect, reconnect and the run overlay.
 * Memoised: it reads everything it shows from the store, so the workspace re-rendering (a run starting,
 * a tab changing) does not re-render React Flow.
 */
export const Canvas = memo(function Canvas() {
  const api = useEditorApi();
  const { theme } = useAppChrome();
  const flow = useReactFlow<ToolFlowNode, WeftFlowEdge>();
  const far = useStore(isFar);
  const nodeCount = useEditor((s) => s.doc.nodes.length);
  // A large graph opens zoomed out, straight into the overview: no card is drawn before the first fit.
  // Until React Flow has taken the default viewport its store still says zoom 1, hence `opening`.
  const [opening, setOpening] = useState(() => nodeCount > VIRTUALIZE_ABOVE);
  // A large graph seen from far is drawn on one canvas (the overview) instead of as DOM cards.
  const overview = nodeCount > VIRTUALIZE_ABOVE && (far || opening);
  const { nodes, edges, onNodesChange, onEdgesChange } = useFlowElements({ hidden: overview });
  const scene = useRef<OverviewScene | null>(null);
  const initialized = useNodesInitialized();
  const empty = nodes.length === 0;
  // Fit the view to the graph when it opens; an empty graph keeps the default view, so the first
  // dropped node stays where it was dropped instead of the view jumping to it.
  const [fitOnOpen] = useState(() => nodes.length > 0);
  const [defaultViewport] = useState(() => ({
    x: 0,
    y: 0,
    zoom: nodeCount > VIRTUALIZE_ABOVE ? FAR_ZOOM / 4 : 1,
  }));
  const toolsLoaded = useEditor((s) => s.tools.length > 0);
  // A past run's version is shown read-only: nodes can be selected and inspected, not connected, and the
  // store refuses moves (React Flow's non-draggable nodes would not select on click either).
  const readOnly = useEditor((s) => s.runView !== null);
  const placements = useEditor((s) => s.placements);

  // The first fit is done here rather than by React Flow's `fitView` prop, so that "drawn" can wait for
  // it: React Flow applies that prop a moment after the nodes are measured, and whoever clicks where a
  // node is drawn (a person, the benchmark, a test) needs the view that stays.
  const [fitted, setFitted] = useState(!fitOnOpen);
  const fitting = useRef(false);
  const viewportReady = flow.viewportInitialized;
  useEffect(() => {
    if (fitted || fitting.current || !initialized || !viewportReady) return;
    fitting.current = true;
    void flow.fitView(FIT_VIEW_OPTIONS).then(() => setFitted(true));
  }, [fitted, initialized, viewportReady, flow]);
  // A mark for the benchmark and for anyone profiling: the graph is drawn, measured and in view.
  const ready = empty || (initialized && fitted);
  useEffect(() => {
    if (ready) performance.mark('weft:canvas-ready');
  }, [ready]);

  // Auto-placement of an unplaced graph arrives after the first fit: fit again once it has been drawn.
  useEffect(() => {
    if (Object.keys(placements).length === 0) return;
    const frame = requestAnimationFrame(
      () => void flow.fitView({ padding: 0.2, maxZoom: 1.1, includeHiddenNodes: true }),
    );
    return () => cancelAnimationFrame(frame);
  }, [placements, flow]);

  const onConnect = useCallback(
    (c: Connection) => {
      const state = api.getState();
      const onError = c.sourceHandle === ERROR_HANDLE;
      const duplicate = state.doc.edges.some(
        (e) =>
          e.from === c.source && e.to === c.target && Boolean(e.onError) === onError && !e.when && !e.else,
      );
      if (duplicate) return;
      const id = nextEdgeId(new Set(state.doc.edges.map((e) => e.id)));
      state.applyEdit({
        type: 'addElements',
        nodes: [],
        edges: [{ id, from: c.source, to: c.target, ...(onError ? { onError: true } : {}) }],
      });
      // After the click that ends the drag: a loop drawn on one node would otherwise select that node.
      setTimeout(() => api.getState().select({ edges: [id] }), 0);
    },
    [api],
  );

  const onReconnect = useCallback(
    (old: Edge, c: Connection) => {
      api.getState().applyEdit({
        type: 'updateEdge',
        edgeId: old.id,
        changes: {
          from: c.source,
          to: c.target,
          onError: c.sourceHandle === ERROR_HANDLE ? true : undefined,
        },
      });
    },
    [api],
  );

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(TOOL_MIME) || api.getState().runView) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    [api],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const toolId = e.dataTransfer.getData(TOOL_MIME);
      const tool = api.getState().toolsById.get(toolId);
      if (!tool || api.getState().runView) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addToolNode(api, tool, { x: at.x - 110, y: at.y - 30 });
    },
    [api, flow],
  );

  const endDrag = useCallback(() => api.getState().breakCoalescing(), [api]);

  const onPaneClick = useCallback(
    (e: MouseEvent) => {
      if (!overview || !scene.current) return;
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const hit = nodeAt(scene.current, at.x, at.y);
      if (hit) api.getState().select({ nodes: [hit.id] }, e.shiftKey ? 'add' : 'replace');
    },
    [overview, flow, api],
  );

  return (
    <div
      className={`wf-canvas${nodes.length > VIRTUALIZE_ABOVE ? ' wf-canvas--large' : ''}${far ? ' wf-canvas--far' : ''}${readOnly ? ' wf-canvas--read-only' : ''}`}
      data-ready={ready}
      data-testid="canvas"
    >
      <EdgeMarkers />
      <ReactFlow<ToolFlowNode, WeftFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onReconnect={onReconnect}
        edgesReconnectable={!readOnly}
        nodesConnectable={!readOnly}
        onNodeDragStop={endDrag}
        onSelectionDragStop={endDrag}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneClick={onPaneClick}
        colorMode={theme}
        snapToGrid
        snapGrid={SNAP_GRID}
        defaultViewport={defaultViewport}
        onInit={() => setOpening(false)}
        minZoom={0.05}
        maxZoom={2}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        connectionLineType={ConnectionLineType.Bezier}
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
        elevateEdgesOnSelect
        proOptions={PRO_OPTIONS}
      >
        <DotGrid />
        <Controls showInteractive={false} position="bottom-left" />
        {overview ? <OverviewCanvas nodes={nodes} edges={edges} sceneRef={scene} /> : null}
        <MiniMapCanvas nodes={nodes} edges={edges} />
      </ReactFlow>
      {empty ? (
        <div className="wf-canvas__empty" data-testid="canvas-empty">
          <Icon name="grid" size={32} />
          <p>
            <strong>This graph is empty.</strong>
          </p>
          <p className="wf-muted">
            {toolsLoaded
              ? 'Drag a tool from the palette onto the canvas, then connect the handles.'
              : 'Loading tools…'}{' '}
            Press <kbd>?</kbd> for shortcuts.
          </p>
        </div>
      ) : null}
    </div>
  );
});
