import { describe, expect, it } from 'vitest';
import {
  fetchGraph,
  nodeStatus,
  openGraph,
  recordedStatuses,
  recordStatuses,
  selectNode,
  until,
  waitForCanvas,
} from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const session = setupEditorSession({ fixtures: ['slow', 'failing', 'approval', 'signup'] });

describe('running graphs', () => {
  it('shows node statuses change live, running before completed', async () => {
    const { page } = session;
    await openGraph(page, 'slow');
    await recordStatuses(page);
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'wait')).toBe('running');
    expect(await nodeStatus(page, 'start')).toBe('completed');
    await until(() => nodeStatus(page, 'quick')).toBe('completed');
    expect(await nodeStatus(page, 'done')).not.toBe('completed');
    await screenshot(page, 'run-1-live');
    await until(() => nodeStatus(page, 'done')).toBe('completed');
    expect(await nodeStatus(page, 'wait')).toBe('completed');
    await until(() => page.getByTestId('run-status').textContent()).toContain('Completed');
    const seen = await recordedStatuses(page);
    expect(seen.wait).toEqual(expect.arrayContaining(['running', 'completed']));
    expect(seen.wait!.indexOf('running')).toBeLessThan(seen.wait!.indexOf('completed'));
    expect(seen.done?.at(-1)).toBe('completed');
    await page.getByTestId('tab-events').click();
    await until(() => page.getByTestId('event-log').textContent()).toContain('run.completed');
    await screenshot(page, 'run-2-completed');
  });

  it('shows a failing node with its error, and the run failed', async () => {
    const { page } = session;
    await openGraph(page, 'failing');
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'call')).toBe('failed');
    await until(() => page.getByTestId('run-status').textContent()).toContain('Failed');
    expect(await page.getByTestId('error-call').textContent()).toContain('RATE_LIMITED');
    expect(await page.getByTestId('error-call').textContent()).toContain('the upstream API said no');
    expect(await page.getByTestId('run-error').textContent()).toContain('the upstream API said no');
    expect(await nodeStatus(page, 'prepare')).toBe('completed');
    expect(await nodeStatus(page, 'after')).not.toBe('completed');
    await page.getByTestId('node-call').click({ position: { x: 60, y: 12 } });
    await page.getByTestId('tab-node').click();
    expect(await page.getByTestId('node-error').textContent()).toContain('RATE_LIMITED');
    await screenshot(page, 'run-3-failed');
  });

  it('replays a past run on the version it ran, read-only, and goes back to editing the latest', async () => {
    const { page, errors } = session;
    // Version 1 of `failing` ran in the test above. Version 2 drops its first node.
    await openGraph(page, 'failing');
    await selectNode(page, 'prepare');
    await page.keyboard.press('Delete');
    await until(() => page.locator('[data-testid="rf__node-prepare"]').count()).toBe(0);
    await page.keyboard.press('ControlOrMeta+S');
    await until(async () => (await fetchGraph(page, 'failing')).version).toBe(2);

    await page.goto('/');
    const lastRun = page.locator('[data-testid="graph-row-failing"] .wf-status-pill');
    await until(() => lastRun.textContent()).toContain('Failed');
    await lastRun.click();
    await page.waitForURL('**/graphs/failing?run=*');
    await waitForCanvas(page);
    // The removed node is back, with the status it had in that run.
    await until(() => nodeStatus(page, 'prepare')).toBe('completed');
    expect(await nodeStatus(page, 'call')).toBe('failed');
    expect(await page.getByTestId('run-view-banner').textContent()).toMatch(/Viewing run …\w+ on version 1/);
    expect(await page.getByTestId('read-only-indicator').isVisible()).toBe(true);
    expect(await page.getByTestId('run-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('run-panel').textContent()).toContain('replay');
    // Read-only: the inspector shows the node but its fields are disabled.
    await selectNode(page, 'prepare');
    expect(await page.getByTestId('node-label').isDisabled()).toBe(true);
    await page.keyboard.press('Delete');
    expect(await page.locator('[data-testid="rf__node-prepare"]').count()).toBe(1);

    await page.getByTestId('tab-events').click();
    await page.getByTestId('timeline-prev').click();
    await page.getByTestId('timeline-prev').click();
    // Two events back from the end (run.failed, node.failed) the node was still running.
    await until(() => nodeStatus(page, 'call')).toBe('running');
    expect(await page.getByTestId('timeline-label').textContent()).toContain('node.started');
    await screenshot(page, 'run-4-replay-on-version-1');
    await page.getByTestId('timeline-live').click();
    await until(() => nodeStatus(page, 'call')).toBe('failed');

    await page.getByTestId('leave-run-view').click();
    await until(() => page.getByTestId('run-view-banner').count()).toBe(0);
    await until(() => page.locator('[data-testid="rf__node-prepare"]').count()).toBe(0);
    expect(page.url()).not.toContain('?run=');
    expect(await page.getByTestId('graph-title').textContent()).toBe('Fails on purpose');
    await page.getByTestId('saved-indicator').waitFor();
    await screenshot(page, 'run-5-back-to-latest');

    // A run of an unsaved draft replays on the canvas as it is.
    await selectNode(page, 'after');
    await page.getByTestId('node-label').fill('After, edited');
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'call')).toBe('failed');
    await page.getByTestId('tab-history').click();
    const newest = page.getByTestId('run-history').locator('tbody tr').first();
    await until(() => newest.textContent()).toContain('draft');
    await newest.getByRole('button').click();
    await until(() => page.getByTestId('run-panel').textContent()).toContain('replay');
    expect(await page.getByTestId('run-view-banner').count()).toBe(0);
    expect(await nodeStatus(page, 'call')).toBe('failed');
    expect(await page.getByTestId('node-after').textContent()).toContain('After, edited');
    expect(errors).toEqual([]);
  });

  it('takes an approval run through waiting, resume and completed', async () => {
    const { page, errors } = session;
    await openGraph(page, 'approval');
    await page.getByTestId('run-button').click();
    await page.getByTestId('resume-dialog').waitFor();
    expect(await page.getByTestId('resume-prompt').textContent()).toContain('Publish “Hello, world”?');
    expect(await nodeStatus(page, 'approve')).toBe('waiting');
    expect(await page.getByTestId('run-status').textContent()).toContain('Waiting');
    await screenshot(page, 'run-6-waiting');
    await page.getByTestId('approve-button').click();
    await until(() => page.getByTestId('run-status').textContent()).toContain('Completed');
    await until(() => nodeStatus(page, 'publish')).toBe('completed');
    expect(await nodeStatus(page, 'approve')).toBe('completed');
    expect(await nodeStatus(page, 'shelve')).toBe('skipped');
    expect(await page.getByTestId('resume-dialog').count()).toBe(0);
    await page.getByTestId('tab-state').click();
    await until(() => page.getByTestId('state-view').textContent()).toContain('published: true');
    await screenshot(page, 'run-7-resumed');
    expect(errors).toEqual([]);
  });

  it('cancels a waiting run', async () => {
    const { page } = session;
    await page.getByTestId('run-button').click();
    await page.getByTestId('resume-dialog').waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByTestId('cancel-run').click();
    await until(() => page.getByTestId('run-status').textContent()).toContain('Cancelled');
    expect(await nodeStatus(page, 'approve')).toBe('cancelled');
    expect(await nodeStatus(page, 'draft')).toBe('completed');
    await screenshot(page, 'run-10-cancelled');
  });

  it('asks a form again after a bad answer, with the error under its field, then completes', async () => {
    const { page, errors } = session;
    await openGraph(page, 'signup');
    await page.getByTestId('run-button').click();
    const dialog = page.getByTestId('resume-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('resume-prompt').textContent()).toContain('Who are you?');
    await dialog.getByTestId('config-name').fill('Ada');
    await dialog.getByTestId('config-age').fill('12');
    await dialog.getByTestId('resume-button').click();

    // Refused: the run waits again and the form comes back with the answer and what was wrong with it.
    await dialog.getByTestId('form-errors').waitFor();
    const ageField = dialog.locator('.wf-field', { has: page.getByTestId('config-age') });
    expect(await ageField.locator('.wf-field__error').textContent()).toBe('Must be >= 18');
    expect(await dialog.getByTestId('config-name').inputValue()).toBe('Ada');
    expect(await dialog.getByTestId('config-age').inputValue()).toBe('12');
    expect(await nodeStatus(page, 'ask')).toBe('waiting');
    await screenshot(page, 'run-8-form-asked-again');

    await dialog.getByTestId('config-age').fill('36');
    expect(await ageField.locator('.wf-field__error').count()).toBe(0);
    await dialog.getByTestId('resume-button').click();
    await until(() => page.getByTestId('run-status').textContent()).toContain('Completed');
    expect(await nodeStatus(page, 'greet')).toBe('completed');
    await page.getByTestId('tab-state').click();
    await until(() => page.getByTestId('state-view').textContent()).toContain('Hello, Ada');
    await screenshot(page, 'run-9-form-completed');
    expect(errors).toEqual([]);
  });
});
