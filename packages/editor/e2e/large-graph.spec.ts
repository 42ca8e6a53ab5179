import { describe, expect, it } from 'vitest';
import { bigGraph } from '../src/testing/big-graph.ts';
import { openGraph, until } from './editor-actions.ts';
import { screenshot, setupEditorSession } from './harness.ts';

const session = setupEditorSession({ graphs: [bigGraph({ rounds: 1 })] });

describe('a 1,000-node graph', () => {
  it('opens in the overview, selects a node from it, runs live, and shows cards when zoomed in', async () => {
    const { page } = session;
    await openGraph(page, 'big');
    await page.getByTestId('overview').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(0);

    // Click the box of node m20_12 on the overview.
    const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
    const [, tx, ty, zoom] = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/
      .exec(style)!
      .map(Number);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const node = bigGraph().nodes.find((n) => n.id === 'm20_12')!;
    await page.mouse.click(
      pane.x + tx! + (node.position!.x + 112) * zoom!,
      pane.y + ty! + (node.position!.y + 30) * zoom!,
    );
    await until(() => page.getByTestId('node-id').inputValue()).toBe('m20_12');

    await page.getByTestId('run-button').click();
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 })
      .toContain('Completed');
    await until(() => page.getByTestId('tab-events').textContent()).toMatch(/Events\s*3\d{3}/);
    // The badge and the log follow a streaming run a few times a second: wait for both to show it all.
    const counts = async () => [
      (await page.getByTestId('tab-events').textContent())?.replace(/\D/g, ''),
      (await page.locator('.wf-event-log__filters .wf-muted').textContent())?.replace(/\D/g, ''),
    ];
    await until(async () => new Set(await counts()).size).toBe(1);
    await screenshot(page, 'large-1-overview-after-run');

    for (let i = 0; i < 14; i++) await page.locator('.react-flow__controls-zoomin').click();
    await until(() => page.locator('.react-flow__node').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('overview').count()).toBe(0);
    expect(await page.locator('.react-flow__node[data-status="completed"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'large-2-zoomed-in');
    expect(session.errors).toEqual([]);
  });
});
