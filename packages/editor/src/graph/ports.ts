import { isPlainObject, type NodeSpec, type ToolDescriptor } from '@weft/engine';

/**
 * The state keys a node reads and writes, as its card shows them: the tool's declared `reads`/`writes`,
 * and for the core tools whose keys live in their config (DESIGN §4), the keys of that config.
 */
export function nodePorts(
  spec: NodeSpec,
  tool: ToolDescriptor | undefined,
): { reads: string[]; writes: string[] } {
  const reads = new Set(tool?.reads ?? []);
  const writes = new Set(tool?.writes ?? []);
  const config = isPlainObject(spec.config) ? spec.config : {};
  switch (spec.tool) {
    case 'core.set':
      if (isPlainObject(config.values)) for (const key of Object.keys(config.values)) writes.add(key);
      break;
    case 'core.compute':
      if (isPlainObject(config.set)) {
        for (const [key, expr] of Object.entries(config.set)) {
          writes.add(key);
          if (typeof expr === 'string')
            for (const m of expr.matchAll(/\bstate\.([A-Za-z_]\w*)/g)) reads.add(m[1]!);
        }
      }
      break;
    case 'core.approval':
      writes.add(typeof config.key === 'string' && config.key ? config.key : 'approval');
      break;
  }
  return { reads: [...reads], writes: [...writes] };
}
