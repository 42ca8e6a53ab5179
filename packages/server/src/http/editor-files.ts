import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weft</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:640px;margin:10vh auto;padding:0 20px;color:#1d2330}code{background:#f0f1f4;padding:2px 5px}</style></head>
<body><h1>Weft is running</h1>
<p>The editor has not been built yet. Build it with <code>npx pnpm@10.34.8 --filter @weft/editor build</code>
and reload this page (or start Weft with <code>npx pnpm@10.34.8 start</code>, which builds it).</p>
<p>Meanwhile: the REST API is under <a href="/api/health">/api</a>, its reference at <a href="/docs">/docs</a>.</p>
</body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built editor: files from `dir` (hashed assets cached for a year), `index.html` for every
 * other path without a file extension (client-side routes), or a placeholder page when nothing is built.
 */
export async function serveEditor(c: Context, dir: string | undefined): Promise<Response> {
  const index = dir ? join(dir, 'index.html') : undefined;
  if (!dir || !index || !(await isFile(index))) return c.html(PLACEHOLDER);
  let path: string;
  try {
    path = decodeURIComponent(c.req.path);
  } catch {
    return c.text('bad path', 400);
  }
  const file = normalize(join(dir, path));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return c.text('not found', 404);
  if (path !== '/' && (await isFile(file))) {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = await readFile(file);
    c.header('Content-Type', type);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header(
      'Cache-Control',
      path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return c.body(body);
  }
  if (extname(path) !== '') return c.text('not found', 404);
  c.header('Cache-Control', 'no-cache');
  return c.html(await readFile(index, 'utf8'));
}
