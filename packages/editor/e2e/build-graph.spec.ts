import { describe, expect, it } from 'vitest';
import {
  clickPane,
  connect,
  dragTool,
  fetchGraph,
  fillCode,
  nodeStatus,
  recordedStatuses,
  recordStatuses,
  selectNode,
  until,
  waitForCanvas,
} from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const session = setupEditorSession();

describe('building a graph from scratch', () => {
  it('drags three tools, connects them with a condition and a loop, saves, and finds it intact after a reload', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByTestId('graph-list').waitFor();
    await page.getByTestId('new-graph').click();
    await page.getByTestId('graph-name-input').fill('Built by hand');
    await page.getByTestId('graph-name-confirm').click();
    await page.waitForURL('**/graphs/built-by-hand');
    await waitForCanvas(page);
    await page.getByTestId('canvas-empty').waitFor();

    await dragTool(page, 'core.set', 160, 160);
    await dragTool(page, 'core.compute', 480, 160);
    await dragTool(page, 'core.pass', 800, 160);

    // Start → count, a loop on count while n < 3, and an else edge out of the loop.
    await connect(page, 'set', 'compute');
    await connect(page, 'compute', 'compute');
    await page.getByTestId('edge-inspector').waitFor();
    await page.getByTestId('edge-mode-when').click();
    await fillCode(page, 'edge-when', 'state.n < 3');
    await connect(page, 'compute', 'pass');
    await page.getByTestId('edge-mode-else').click();

    await selectNode(page, 'set');
    await fillCode(page, 'config-values', '{ "n": 0 }');
    await page.getByTestId('node-label').fill('Start');

    await selectNode(page, 'compute');
    await page.getByTestId('config-set-add').click();
    await page.getByTestId('config-set.key1-key').fill('n');
    await fillCode(page, 'config-set.n', 'state.n + 1');
    await page.getByTestId('node-label').fill('Count');
    await clickPane(page);

    await until(() => page.getByTestId('validity').textContent()).toContain('Valid');
    await expect
      .poll(() => page.locator('[data-testid="edge-label-e2"]').textContent())
      .toContain('state.n < 3');
    await screenshot(page, 'build-graph-1-drawn');

    await page.getByTestId('save-button').click();
    await page.getByTestId('saved-indicator').waitFor();
    const saved = await fetchGraph(page, 'built-by-hand');
    expect(saved.version).toBe(2);
    expect(saved.graph).toMatchObject({
      nodes: [
        { id: 'set', tool: 'core.set', label: 'Start', config: { values: { n: 0 } } },
        { id: 'compute', tool: 'core.compute', label: 'Count', config: { set: { n: 'state.n + 1' } } },
        { id: 'pass', tool: 'core.pass' },
      ],
      edges: [
        { id: 'e1', from: 'set', to: 'compute' },
        { id: 'e2', from: 'compute', to: 'compute', when: 'state.n < 3' },
        { id: 'e3', from: 'compute', to: 'pass', else: true },
      ],
    });

    await page.reload();
    await waitForCanvas(page);
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    await until(() => page.getByTestId('edge-label-e2').textContent()).toContain('loop');
    expect(await page.getByTestId('node-set').textContent()).toContain('Start');
    expect(await page.getByTestId('edge-label-e3').textContent()).toContain('else');
    expect((await fetchGraph(page, 'built-by-hand')).graph).toEqual(saved.graph);
    await screenshot(page, 'build-graph-2-reloaded');
  });

  it('runs it and shows every node going live to completed, with the loop counted', async () => {
    const { page, errors } = session;
    await recordStatuses(page);
    await page.getByTestId('run-button').click();
    await until(() => nodeStatus(page, 'pass')).toBe('completed');
    await until(() => page.getByTestId('run-status').textContent()).toContain('Completed');
    expect(await nodeStatus(page, 'set')).toBe('completed');
    expect(await nodeStatus(page, 'compute')).toBe('completed');
    expect(await page.getByTestId('visits-compute').textContent()).toBe('×3');
    const seen = await recordedStatuses(page);
    for (const id of ['set', 'compute', 'pass']) expect(seen[id]?.at(-1)).toBe('completed');
    await page.getByTestId('tab-state').click();
    await until(() => page.getByTestId('state-view').textContent()).toContain('n: 3');
    await screenshot(page, 'build-graph-3-run');
    expect(errors).toEqual([]);
  });
});
