import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeStatus, until, waitForCanvas } from './editor-actions.ts';
import {
  type EditorSession,
  launchBrowser,
  openEditor,
  type RunningServer,
  screenshot,
  startServer,
} from './harness.ts';

const TOKEN = 'e2e-secret-token';
let server: RunningServer;
let browser: Browser;
let session: EditorSession;

beforeAll(async () => {
  server = await startServer({ env: { WEFT_API_TOKEN: TOKEN } });
  browser = await launchBrowser();
  session = await openEditor(browser, server.url);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(session.page, `failed-${task.name.slice(0, 40)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a server with an API token', () => {
  it('asks for the token, then works over REST and the WebSocket (bearer subprotocol)', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByTestId('token-dialog').waitFor();
    await screenshot(page, 'auth-1-token-dialog');
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByTestId('graph-row-slow').waitFor();

    await page.goto('/graphs/slow');
    await waitForCanvas(page);
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'done'), { timeout: 30_000 }).toBe('completed');
    expect(await page.getByTestId('run-status').textContent()).toContain('Completed');
    // The 401s before the token was given are expected; nothing else may have failed.
    expect(session.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
