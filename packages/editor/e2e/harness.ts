import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument } from '@weft/engine';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

const editorDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(editorDir, '..', '..');
/** Graphs only some tests need (a slow step, a failure, an approval, a form); generic ones come from examples/. */
export const fixturesDir = join(editorDir, 'e2e', 'fixtures');
export const examplesDir = join(repoRoot, 'examples');
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');

/** Chromium flags for a quiet, offline, headless run (no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Builds the editor if stale, then starts a real `weft serve` on port 0 with a fresh SQLite database
 * and the example graphs of examples/ (imported on first start), and waits for its `Weft listening on` line.
 */
export async function startServer(
  options: { examples?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  const build = spawn(process.execPath, [join(editorDir, 'scripts', 'build-if-stale.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  const built = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (built !== 0) throw new Error('the editor build failed');

  const dataDir = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'packages', 'server', 'bin', 'weft.mjs'),
      'serve',
      '--port',
      '0',
      '--db',
      join(dataDir, 'weft.db'),
      '--examples',
      options.examples ?? examplesDir,
    ],
    { cwd: repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`weft serve did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Weft listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`weft serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    stop: () => stopProcess(child).finally(() => rmSync(dataDir, { recursive: true, force: true })),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface EditorSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (a test fails on unexpected ones). */
  errors: string[];
}

/** A fresh browser context (own storage, clipboard access) and page on the server. */
export async function openEditor(
  browser: Browser,
  baseURL: string,
  theme: 'light' | 'dark' = 'light',
): Promise<EditorSession> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    colorScheme: theme,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot as artifacts/e2e/<name>.png (look at them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

/** Stores graph documents on the server (valid ones only: a broken fixture fails the suite at once). */
export async function storeGraphs(
  url: string,
  graphs: readonly GraphDocument[],
  token?: string,
): Promise<void> {
  for (const graph of graphs) {
    const response = await fetch(`${url}/api/graphs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(graph),
    });
    if (response.status !== 201)
      throw new Error(`storing ${graph.id} failed: ${response.status} ${await response.text()}`);
  }
}

/** A test-specific graph of e2e/fixtures/ by name (`slow` → slow.json). */
export function fixture(name: string): GraphDocument {
  return JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as GraphDocument;
}

export interface SessionOptions {
  /** Test-specific graphs of e2e/fixtures/ to store besides the examples (`['slow', 'failing']`). */
  fixtures?: readonly string[];
  /** Other documents to store (the 1,000-node graph). */
  graphs?: readonly GraphDocument[];
  /** The server's environment (`WEFT_API_TOKEN` also authorizes storing the graphs). */
  env?: NodeJS.ProcessEnv;
}

/** What a spec's tests use: the server, the browser, and one page on the editor. */
export interface SpecSession extends EditorSession {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * The whole life of an e2e spec file in one call at its top: before all tests a real server (examples plus
 * the fixtures asked for), Chromium and a page on the editor; after a failed test a `failed-…` screenshot;
 * after all tests everything stopped. The returned session fills in when the tests run.
 *
 * @example
 * const session = setupEditorSession({ fixtures: ['slow'] });
 * it('runs', async () => { await session.page.goto('/graphs/slow'); });
 */
export function setupEditorSession(options: SessionOptions = {}): SpecSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let editor: EditorSession | undefined;

  beforeAll(async () => {
    server = await startServer({ env: options.env });
    const graphs = [...(options.fixtures ?? []).map(fixture), ...(options.graphs ?? [])];
    await storeGraphs(server.url, graphs, options.env?.WEFT_API_TOKEN);
    browser = await launchBrowser();
    editor = await openEditor(browser, server.url);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && editor)
      await screenshot(editor.page, `failed-${task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the e2e session starts in beforeAll: use it inside tests');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get context() {
      return started(editor).context;
    },
    get page() {
      return started(editor).page;
    },
    get errors() {
      return started(editor).errors;
    },
  };
}
