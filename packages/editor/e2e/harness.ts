import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const editorDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(editorDir, '..', '..');
export const fixturesDir = join(editorDir, 'e2e', 'fixtures');
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
 * and the e2e fixture graphs as examples, and waits for its `Weft listening on` line.
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
      options.examples ?? fixturesDir,
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
