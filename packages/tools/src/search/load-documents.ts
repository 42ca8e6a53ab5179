import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { ToolsError } from '../shared/tools-error.ts';

export interface LoadedDocument {
  /** Path relative to the documents root, with forward slashes. */
  path: string;
  title: string;
  text: string;
}

export const MAX_FILES = 2000;
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 8;

/**
 * Resolves `folder` inside `root` and refuses anything outside it (`..`, absolute paths elsewhere,
 * symbolic links that leave it): a graph may only read the folder the server was told to share.
 */
export async function resolveInside(root: string, folder: string): Promise<{ root: string; folder: string }> {
  let realRoot: string;
  let target: string;
  try {
    realRoot = await realpath(resolve(root));
    target = await realpath(resolve(realRoot, folder));
  } catch {
    throw new ToolsError(
      'DOCUMENTS_NOT_FOUND',
      `no folder '${folder}' under the documents root (${root}); set WEFT_DOCUMENTS_DIR or fix \`folder\``,
    );
  }
  if (target !== realRoot && !target.startsWith(realRoot + sep)) {
    throw new ToolsError(
      'PATH_OUTSIDE_ROOT',
      `'${folder}' is outside the documents root; only files under it can be searched`,
    );
  }
  return { root: realRoot, folder: target };
}

/** Reads every matching file under `folder` (regular files only, no symbolic links). */
export async function loadDocuments(
  root: string,
  folder: string,
  extensions: readonly string[],
  signal: AbortSignal,
): Promise<LoadedDocument[]> {
  const wanted = new Set(extensions.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase()));
  const files: string[] = [];
  const walk = async (dir: string, depth: number) => {
    signal.throwIfAborted();
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) await walk(full, depth + 1);
      else if (entry.isFile() && wanted.has(extname(entry.name).toLowerCase())) {
        if (files.length >= MAX_FILES) {
          throw new ToolsError(
            'INVALID_INPUT',
            `more than ${MAX_FILES} documents under the folder; search a smaller folder`,
          );
        }
        files.push(full);
      }
    }
  };
  await walk(folder, 0);
  const docs: LoadedDocument[] = [];
  for (const file of files) {
    signal.throwIfAborted();
    if ((await stat(file)).size > MAX_FILE_BYTES) continue;
    const text = await readFile(file, 'utf8');
    const path = relative(root, file).split(sep).join('/');
    docs.push({ path, title: titleOf(text, path), text });
  }
  return docs;
}

function titleOf(text: string, path: string): string {
  const heading = /^#\s+(.+)$/m.exec(text)?.[1];
  if (heading) return heading.trim();
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
}
