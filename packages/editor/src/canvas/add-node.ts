import type { ToolDescriptor } from '@weft/engine';
import type { Position } from '../graph/flow-conversion.ts';
import { uniqueId } from '../graph/ids.ts';
import type { EditorStoreApi } from '../store/types.ts';

/** The drag-and-drop type a palette item carries: the tool id. */
export const TOOL_MIME = 'application/x-weft-tool';
export const GRID_SIZE = 20;

const snap = (v: number) => Math.round(v / GRID_SIZE) * GRID_SIZE;

/**
 * Adds a node of `tool` at `position` (snapped to the grid) with a fresh id derived from the tool, its
 * title as label and an empty config (the tool's defaults apply), and selects it. Returns its id.
 */
export function addToolNode(store: EditorStoreApi, tool: ToolDescriptor, position: Position): string {
  const state = store.getState();
  const id = uniqueId(tool.id, new Set(state.doc.nodes.map((n) => n.id)));
  state.applyEdit({
    type: 'addElements',
    nodes: [
      {
        id,
        tool: tool.id,
        label: tool.title,
        config: {},
        position: { x: snap(position.x), y: snap(position.y) },
      },
    ],
    edges: [],
  });
  store.getState().select({ nodes: [id] });
  return id;
}
