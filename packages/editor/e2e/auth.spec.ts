import { describe, expect, it } from 'vitest';
import { nodeStatus, openGraph, until } from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const TOKEN = 'e2e-secret-token';
const session = setupEditorSession({ env: { WEFT_API_TOKEN: TOKEN } });

describe('a server with an API token', () => {
  it('asks for the token, then works over REST and the WebSocket (bearer subprotocol)', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByTestId('token-dialog').waitFor();
    await screenshot(page, 'auth-1-token-dialog');
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByTestId('graph-row-content-pipeline').waitFor();

    await openGraph(page, 'content-pipeline');
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'digest'), { timeout: 30_000 }).toBe('completed');
    expect(await page.getByTestId('run-status').textContent()).toContain('Completed');
    // The 401s before the token was given are expected; nothing else may have failed.
    expect(session.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
