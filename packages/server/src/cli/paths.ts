import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The checkout's `examples/` folder, when the server runs from a checkout. */
export function defaultExamplesDir(): string | null {
  const dir = fileURLToPath(new URL('../../../../examples', import.meta.url));
  return existsSync(dir) ? dir : null;
}

/** The built editor of the checkout (`packages/editor/dist`); it may not exist yet. */
export function defaultEditorDir(): string {
  return fileURLToPath(new URL('../../../editor/dist', import.meta.url));
}
