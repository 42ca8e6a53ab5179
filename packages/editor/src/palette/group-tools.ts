import type { ToolDescriptor } from '@weft/engine';

export interface ToolGroup {
  category: string;
  tools: ToolDescriptor[];
}

/**
 * Tools grouped by category for the palette, Core first and the rest alphabetically, each group in
 * title order; `query` keeps tools whose title, id, category or description contains every word of it.
 */
export function groupTools(tools: readonly ToolDescriptor[], query = ''): ToolGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, ToolDescriptor[]>();
  for (const tool of tools) {
    const haystack = `${tool.title} ${tool.id} ${tool.category} ${tool.description}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    const list = groups.get(tool.category);
    if (list) list.push(tool);
    else groups.set(tool.category, [tool]);
  }
  const rank = (c: string) => (c === 'Core' ? 0 : c === 'Human' ? 1 : 2);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({ category, tools: list.sort((a, b) => a.title.localeCompare(b.title)) }));
}
