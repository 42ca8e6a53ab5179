import { describe, expect, it } from 'vitest';
import { clickPane, fetchGraph, fillCode, nodeStatus, openGraph, until } from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const session = setupEditorSession({ fixtures: ['slow'] });

describe('validation, versions, themes', () => {
  it('underlines a bad condition live, lists it, and selects the edge at fault from the problems panel', async () => {
    const { page } = session;
    await openGraph(page, 'content-pipeline');
    await page.getByTestId('edge-label-positive').click();
    await page.getByTestId('edge-inspector').waitFor();
    await fillCode(page, 'edge-when', 'state.sentiment ==');
    await until(() => page.getByTestId('validity').textContent()).toContain('1 problem');
    await page.locator('[data-testid="edge-when"] .squiggly-error').first().waitFor();
    expect(await page.getByTestId('run-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('edge-label-positive').getAttribute('class')).toContain(
      'wf-edge-label--invalid',
    );
    await screenshot(page, 'panels-1-cel-marker');

    // An invalid graph saves as a draft.
    await page.getByTestId('save-button').click();
    await page.getByTestId('saved-indicator').waitFor();
    expect((await fetchGraph(page, 'content-pipeline')).version).toBe(2);

    await clickPane(page);
    await page.getByTestId('validity').click();
    await page.getByTestId('validation-panel').waitFor();
    expect(await page.getByTestId('problem-0').textContent()).toContain('edge positive');
    await page.getByTestId('problem-0').click();
    await page.getByTestId('edge-inspector').waitFor();
    expect(await page.getByTestId('edge-inspector').textContent()).toContain('Sentiment → Summarise');
    await screenshot(page, 'panels-2-problems');

    await fillCode(page, 'edge-when', "state.sentiment == 'positive'");
    await until(() => page.getByTestId('validity').textContent()).toContain('Valid');
    await page.keyboard.press('ControlOrMeta+S');
    await until(async () => (await fetchGraph(page, 'content-pipeline')).version).toBe(3);
  });

  it('views an older version and restores it (undoably)', async () => {
    const { page } = session;
    await page.getByTestId('versions-button').click();
    await page.getByTestId('versions-dialog').waitFor();
    await page.getByTestId('version-2').click();
    await until(() => page.getByTestId('versions-dialog').textContent()).toContain('1 problem');
    await page.getByTestId('version-1').click();
    await until(() => page.getByTestId('versions-dialog').textContent()).toContain('Version 1');
    await screenshot(page, 'panels-3-versions');
    await page.getByTestId('restore-version').click();
    await until(() => page.getByTestId('versions-dialog').count()).toBe(0);
    await page.getByTestId('unsaved-indicator').waitFor();
    await page.getByTestId('undo-button').click();
    await page.getByTestId('saved-indicator').waitFor();
  });

  it('guards unsaved changes when leaving', async () => {
    const { page } = session;
    await clickPane(page);
    await page.getByTestId('graph-name').fill('Content, carefully');
    await page.getByTestId('unsaved-indicator').waitFor();
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByTestId('back-to-graphs').click();
    expect(page.url()).toContain('/graphs/content-pipeline');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('back-to-graphs').click();
    await page.getByTestId('graph-list').waitFor();
  });

  it('has a dark theme, on the canvas and the graph list', async () => {
    const { page } = session;
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'panels-4-dark-list');
    await openGraph(page, 'slow');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'wait')).toBe('running');
    await screenshot(page, 'panels-5-dark-running');
    await until(() => nodeStatus(page, 'done')).toBe('completed');
    await page.getByTestId('node-wait').click({ position: { x: 60, y: 12 } });
    await screenshot(page, 'panels-6-dark-completed');
    await page.getByTestId('theme-toggle').click();
    expect(session.errors).toEqual([]);
  });
});
