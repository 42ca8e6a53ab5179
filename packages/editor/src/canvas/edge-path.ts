/** Where a loop edge runs below its nodes, and how far its ends swing out sideways. */
const LOOP_DROP = 72;
const LOOP_SWING = 56;

/**
 * The path of a back edge (a loop): out of the source's right side, down below both nodes, back to the
 * left, and up into the target's left side, so loops read as loops and never cross the forward flow.
 * Returns the path and where its label sits (the middle of the bottom run).
 */
export function loopPath(
  source: { x: number; y: number },
  target: { x: number; y: number },
  nodeHeight = 80,
): [path: string, labelX: number, labelY: number] {
  const low = Math.max(source.y, target.y) + nodeHeight / 2 + LOOP_DROP / 2;
  const sx = source.x;
  const tx = target.x;
  const path = [
    `M ${sx} ${source.y}`,
    `C ${sx + LOOP_SWING} ${source.y}, ${sx + LOOP_SWING} ${low}, ${sx} ${low}`,
    `L ${tx} ${low}`,
    `C ${tx - LOOP_SWING} ${low}, ${tx - LOOP_SWING} ${target.y}, ${tx} ${target.y}`,
  ].join(' ');
  return [path, (sx + tx) / 2, low];
}

/** A condition shortened for an edge label; the full text goes in its tooltip. */
export function shortCondition(text: string, max = 26): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
