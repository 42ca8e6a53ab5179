import type { NodeSpec, ToolDescriptor } from '@weft/engine';
import type { Measured } from './flow-conversion.ts';
import { nodePorts } from './ports.ts';

/** A card's width (fixed in canvas.css) and its height with no port rows, and per row. */
export const CARD = { width: 224, base: 60, withPorts: 72, row: 19 } as const;

/**
 * The size a node card will have once drawn: fixed width, and a height set by how many port rows
 * (reads, writes) it shows. Handing it to React Flow up front lets a large graph open without first
 * drawing every card to measure it; React Flow still corrects it when the card is actually drawn.
 */
export function estimateNodeSize(spec: NodeSpec, tool: ToolDescriptor | undefined): Required<Measured> {
  const { reads, writes } = nodePorts(spec, tool);
  const rows = (reads.length > 0 ? 1 : 0) + (writes.length > 0 ? 1 : 0);
  return { width: CARD.width, height: rows === 0 ? CARD.base : CARD.withPorts + rows * CARD.row };
}
