import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clickPane,
  fetchGraph,
  nodeStatus,
  openGraph,
  selectNode,
  until,
  waitForCanvas,
} from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const session = setupEditorSession({ fixtures: ['slow', 'failing'] });

const nodeCount = () => session.page.locator('.react-flow__node').count();
const edgeCount = () => session.page.locator('.react-flow__edge').count();
const nodePosition = (id: string) =>
  session.page
    .locator(`[data-testid="rf__node-${id}"]`)
    .evaluate((el) => (el as HTMLElement).style.transform);

describe('editing', () => {
  it('undoes and redoes deletes, moves and inspector edits, one step each', async () => {
    const { page } = session;
    await openGraph(page, 'slow');
    expect(await page.getByTestId('undo-button').isDisabled()).toBe(true);

    await selectNode(page, 'quick');
    await page.keyboard.press('Delete');
    await until(nodeCount).toBe(3);
    expect(await edgeCount()).toBe(2);
    await page.keyboard.press('ControlOrMeta+Z');
    await until(nodeCount).toBe(4);
    expect(await edgeCount()).toBe(4);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await until(nodeCount).toBe(3);
    await page.getByTestId('undo-button').click();
    await until(nodeCount).toBe(4);

    // A drag is one undo step, however many mouse moves it takes.
    const before = await nodePosition('done');
    const box = (await page.getByTestId('node-done').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 90, box.y + 60, { steps: 6 });
    await page.mouse.move(box.x + 140, box.y + 120, { steps: 6 });
    await page.mouse.up();
    await until(() => nodePosition('done')).not.toBe(before);
    await clickPane(page);
    await page.keyboard.press('ControlOrMeta+Z');
    await until(() => nodePosition('done')).toBe(before);

    // Typing into one field is one undo step too.
    await selectNode(page, 'wait');
    await page.getByTestId('node-label').fill('');
    await page.getByTestId('node-label').pressSequentially('Sleep');
    await until(() => page.getByTestId('node-wait').textContent()).toContain('Sleep');
    await clickPane(page);
    await page.getByTestId('undo-button').click();
    await until(() => page.getByTestId('node-wait').textContent()).toContain('Wait a moment');
    await page.getByTestId('redo-button').click();
    await until(() => page.getByTestId('node-wait').textContent()).toContain('Sleep');
    expect(await page.getByTestId('unsaved-indicator').isVisible()).toBe(true);
    await screenshot(page, 'editing-1-undo-redo');
  });

  it('works from the keyboard: help, select all, copy and paste (also into another graph), duplicate, delete, layout, save, run', async () => {
    const { page } = session;
    await openGraph(page, 'failing');

    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    expect(await page.getByTestId('shortcuts-dialog').textContent()).toContain('Auto-layout');
    await screenshot(page, 'editing-2-shortcuts-help');
    await page.keyboard.press('Escape');
    await until(() => page.getByTestId('shortcuts-dialog').count()).toBe(0);

    await clickPane(page);
    await page.keyboard.press('ControlOrMeta+A');
    await expect
      .poll(() => page.getByTestId('inspector').textContent())
      .toContain('3 nodes, 2 edges selected');
    await page.keyboard.press('Escape');
    await page.getByTestId('graph-inspector').waitFor();

    await selectNode(page, 'prepare');
    await page.keyboard.press('ControlOrMeta+C');
    await page.keyboard.press('ControlOrMeta+V');
    await until(nodeCount).toBe(4);
    await page.locator('[data-testid="rf__node-prepare-2"]').waitFor();
    await page.keyboard.press('ControlOrMeta+D');
    await until(nodeCount).toBe(5);
    await page.keyboard.press('Backspace');
    await until(nodeCount).toBe(4);

    const before = await nodePosition('after');
    await clickPane(page);
    await page.keyboard.press('Shift+L');
    await until(() => nodePosition('after')).not.toBe(before);

    await page.keyboard.press('ControlOrMeta+S');
    await page.getByTestId('saved-indicator').waitFor();
    const saved = await fetchGraph(page, 'failing');
    expect(saved.version).toBe(2);
    expect((saved.graph.nodes as Array<{ id: string }>).map((n) => n.id)).toEqual([
      'prepare',
      'call',
      'after',
      'prepare-2',
    ]);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'palette-search',
    );
    await page.keyboard.press('Escape');
    await clickPane(page);
    await page.keyboard.press('ControlOrMeta+Enter');
    await until(() => nodeStatus(page, 'call')).toBe('failed');
    await screenshot(page, 'editing-3-keyboard');

    // The clipboard carries nodes to another graph as JSON.
    await selectNode(page, 'call');
    await page.keyboard.press('ControlOrMeta+C');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(clipboard)).toMatchObject({
      format: 'weft.clipboard/1',
      nodes: [{ id: 'call', tool: 'core.fail' }],
    });
    await openGraph(page, 'slow');
    await clickPane(page);
    await page.keyboard.press('ControlOrMeta+V');
    await page.locator('[data-testid="rf__node-call"]').waitFor();
    expect(await page.getByTestId('node-call').textContent()).toContain('Call the API');
    await page.keyboard.press('ControlOrMeta+Z');
    await until(() => page.locator('[data-testid="rf__node-call"]').count()).toBe(0);
  });

  it('exports a graph as JSON and imports it back as a new graph, unchanged; renames, duplicates and deletes from the list', async () => {
    const { page } = session;
    await openGraph(page, 'hello');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    expect(download.suggestedFilename()).toBe('hello.json');
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    const stored = await fetchGraph(page, 'hello');
    expect(exported).toEqual(stored.graph);

    await page.goto('/');
    await page.getByTestId('graph-list').waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('import-graph').click(),
    ]);
    await chooser.setFiles(path);
    await page.waitForURL('**/graphs/hello-2');
    await waitForCanvas(page);
    expect(await nodeCount()).toBe(5);
    const imported = await fetchGraph(page, 'hello-2');
    expect(imported.graph).toEqual({ ...exported, id: 'hello-2' });
    await until(() => page.getByTestId('validity').textContent()).toContain('Valid');
    await screenshot(page, 'editing-4-imported');

    await page.goto('/');
    const row = page.getByTestId('graph-row-hello-2');
    await row.waitFor();
    const [again] = await Promise.all([page.waitForEvent('download'), row.getByTitle('Export JSON').click()]);
    expect(JSON.parse(readFileSync(await again.path(), 'utf8'))).toEqual(imported.graph);

    // Rename, duplicate and delete (with confirmation) from the list.
    await row.getByTitle('Rename').click();
    await page.getByTestId('graph-name-input').fill('Hello, imported');
    await page.getByTestId('graph-name-confirm').click();
    await until(() => row.textContent()).toContain('Hello, imported');
    await row.getByTitle('Duplicate').click();
    await page.getByTestId('graph-row-hello-2-copy').waitFor();
    expect(await page.getByTestId('graph-row-hello-2-copy').textContent()).toContain(
      'Hello, imported (copy)',
    );
    await page.getByTestId('delete-hello-2-copy').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await screenshot(page, 'editing-5-delete-confirm');
    await page.getByTestId('confirm-button').click();
    await until(() => page.getByTestId('graph-row-hello-2-copy').count()).toBe(0);
    await screenshot(page, 'editing-6-graph-list');
    expect(session.errors).toEqual([]);
  });
});
