import type { NodeSpec } from '@weft/engine';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  documentToFlow,
  type FlowElements,
  type Measured,
  type Position,
  type ToolFlowNode,
  type WeftFlowEdge,
} from '../graph/flow-conversion.ts';
import { estimateNodeSize } from '../graph/node-size.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';

/**
 * React Flow's nodes and edges for the open document, derived with `documentToFlow` and reusing every
 * unchanged node and edge object, plus the change handlers that turn React Flow's changes into store edits.
 */
export function useFlowElements(options: { hidden?: boolean } = {}): FlowElements & {
  onNodesChange(changes: NodeChange<ToolFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<WeftFlowEdge>[]): void;
} {
  const api = useEditorApi();
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const backEdges = useEditor((s) => s.backEdges);
  const placements = useEditor((s) => s.placements);
  const toolsById = useEditor((s) => s.toolsById);
  const hidden = options.hidden ?? false;
  // One estimate object per spec, so unchanged nodes keep their identity between derivations; new tools
  // (other reads/writes) start a new cache.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cache is renewed on purpose when the tools change.
  const estimates = useMemo(() => new WeakMap<NodeSpec, Measured>(), [toolsById]);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const previous = useRef<FlowElements | undefined>(undefined);

  const flow = useMemo(() => {
    const next = documentToFlow(doc, {
      selectedNodeIds,
      selectedEdgeIds,
      backEdges,
      placements,
      measured,
      hidden,
      estimateSize: (spec) => {
        let size = estimates.get(spec);
        if (!size) {
          size = estimateNodeSize(spec, toolsById.get(spec.tool));
          estimates.set(spec, size);
        }
        return size;
      },
      previous: previous.current,
    });
    previous.current = next;
    return next;
  }, [doc, selectedNodeIds, selectedEdgeIds, backEdges, placements, measured, hidden, estimates, toolsById]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ToolFlowNode>[]) => {
      const positions: Record<string, Position> = {};
      let dragging = false;
      let sizes: Map<string, Measured> | null = null;
      const selections: Array<{ id: string; selected: boolean }> = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          positions[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
          dragging ||= change.dragging === true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes ??= new Map();
          sizes.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
        } else if (change.type === 'select') {
          selections.push({ id: change.id, selected: change.selected });
        }
      }
      const state = api.getState();
      if (Object.keys(positions).length > 0) {
        // One drag is one undo step: moves share a key until the drag stops (Canvas breaks it).
        state.applyEdit(
          { type: 'moveNodes', positions },
          dragging ? { coalesce: `drag:${Object.keys(positions).sort().join(',')}` } : {},
        );
      }
      if (selections.length > 0) state.applySelectionChanges(selections, []);
      if (sizes) {
        const updates = sizes;
        setMeasured((prev) => {
          let next: Map<string, Measured> | null = null;
          for (const [id, size] of updates) {
            const old = prev.get(id);
            if (old && old.width === size.width && old.height === size.height) continue;
            next ??= new Map(prev);
            next.set(id, size);
          }
          return next ?? prev;
        });
      }
    },
    [api],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<WeftFlowEdge>[]) => {
      const selections: Array<{ id: string; selected: boolean }> = [];
      for (const change of changes) if (change.type === 'select') selections.push(change);
      if (selections.length > 0) api.getState().applySelectionChanges([], selections);
    },
    [api],
  );

  return { ...flow, onNodesChange, onEdgesChange };
}
