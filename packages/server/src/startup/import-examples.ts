import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GRAPH_FORMAT, type ToolRegistry, validateGraph } from '@weft/engine';
import type { Logger } from '../observability/logger.ts';
import type { Store } from '../storage/store.ts';

const IMPORTED_KEY = 'examples_imported';

/** `examples/*.json` (not `*.input.json`) and `examples/<dir>/*.graph.json`. */
async function exampleFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.endsWith('.input.json'))
      files.push(join(dir, entry.name));
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      for (const inner of await readdir(join(dir, entry.name), { withFileTypes: true }))
        if (inner.isFile() && inner.name.endsWith('.graph.json'))
          files.push(join(dir, entry.name, inner.name));
    }
  }
  return files.sort();
}

/**
 * On first start — no graph stored and the examples never imported — stores every example graph.
 * One that fails validation with the loaded tools is stored as a draft, with a warning. Returns the ids
 * imported.
 */
export async function importExamples(
  store: Store,
  tools: ToolRegistry,
  dir: string,
  logger: Logger,
  maxNodes: number,
): Promise<string[]> {
  if ((await store.meta.get(IMPORTED_KEY)) !== undefined || (await store.graphs.count()) > 0) return [];
  let files: string[];
  try {
    files = await exampleFiles(dir);
  } catch (error) {
    logger.warn({ dir, err: error }, 'cannot read the examples folder; no example graphs imported');
    return [];
  }
  const imported: string[] = [];
  for (const file of files) {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    if ((document as { format?: unknown })?.format !== GRAPH_FORMAT) continue;
    const errors = validateGraph(document, tools, { maxNodes });
    if (errors.some((e) => e.code === 'INVALID_DOCUMENT')) {
      logger.warn({ file, errors }, 'example is not a weft.graph/1 document; skipped');
      continue;
    }
    if (errors.length > 0) logger.warn({ file, errors }, 'example graph has problems; stored as a draft');
    const result = await store.graphs.create({
      document: document as never,
      valid: errors.length === 0,
      errors,
      now: Date.now(),
    });
    if (result !== 'exists') imported.push((document as { id: string }).id);
  }
  await store.meta.set(IMPORTED_KEY, new Date().toISOString());
  logger.info({ dir, graphs: imported }, `imported ${imported.length} example graphs`);
  return imported;
}
