import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * `expect.poll` with a timeout fit for a loaded 2-core machine (vitest's default is one second): waits for
 * a state, never for a fixed time.
 */
export function until<T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 15_000, interval: 50, ...options });
}

/** The canvas pane, where tools are dropped. */
export const pane = (page: Page) => page.locator('.react-flow__pane');

/** Waits until the editor has drawn its graph (nodes measured) or shows an empty canvas. */
export async function waitForCanvas(page: Page): Promise<void> {
  await page.locator('[data-testid="canvas"][data-ready="true"]').waitFor();
}

/** Opens a graph in the editor and waits until it is drawn. */
export async function openGraph(page: Page, graphId: string): Promise<void> {
  await page.goto(`/graphs/${graphId}`);
  await waitForCanvas(page);
}

/** Drags a tool from the palette onto the canvas at (x, y) relative to the pane. */
export async function dragTool(page: Page, toolId: string, x: number, y: number): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.getByTestId(`palette-item-${toolId}`).dragTo(pane(page), { targetPosition: { x, y } });
  await until(() => page.locator('.react-flow__node').count()).toBe(before + 1);
}

export function handle(page: Page, nodeId: string, kind: 'in' | 'out' | 'error'): Locator {
  return page.locator(`[data-testid="rf__node-${nodeId}"] .react-flow__handle[data-handleid="${kind}"]`);
}

/** Draws an edge by dragging from one node's output (or error) handle to another node's input handle. */
export async function connect(
  page: Page,
  from: string,
  to: string,
  sourceHandle: 'out' | 'error' = 'out',
): Promise<void> {
  const before = await page.locator('.react-flow__edge').count();
  const source = await handle(page, from, sourceHandle).boundingBox();
  const target = await handle(page, to, 'in').boundingBox();
  if (!source || !target) throw new Error(`handles of ${from} → ${to} are not visible`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 40, source.y + 30, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
  await until(() => page.locator('.react-flow__edge').count()).toBe(before + 1);
}

/** Replaces the text of a Monaco editor (found by its test id) as if typed. */
export async function fillCode(page: Page, testId: string, text: string): Promise<void> {
  const editor = page.locator(`[data-testid="${testId}"] .monaco-editor`);
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Clicks a node card (selecting it). */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await page.getByTestId(`node-${nodeId}`).click({ position: { x: 60, y: 12 } });
  await page.getByTestId('node-inspector').waitFor();
}

/** Clicks empty canvas, clearing the selection. */
export async function clickPane(page: Page): Promise<void> {
  await pane(page).click({ position: { x: 12, y: 12 } });
}

export async function nodeStatus(page: Page, nodeId: string): Promise<string | null> {
  return page.locator(`[data-testid="rf__node-${nodeId}"]`).getAttribute('data-status');
}

/** The graph as the server stores it. */
export async function fetchGraph(
  page: Page,
  id: string,
): Promise<{ graph: Record<string, unknown>; version: number }> {
  return page.evaluate(async (graphId) => {
    const response = await fetch(`/api/graphs/${graphId}`);
    return response.json();
  }, id);
}

/**
 * Records every `data-status` each React Flow node shows from now on, so a test can check that statuses
 * changed live (running before completed), however fast the run.
 */
export async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __statuses: Record<string, string[]> }).__statuses = seen;
    const note = (el: Element) => {
      const id = el.getAttribute('data-id');
      const status = el.getAttribute('data-status');
      if (!id || !status) return;
      const list = seen[id] ?? [];
      seen[id] = list;
      if (list.at(-1) !== status) list.push(status);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations)
        if (m.target instanceof Element && m.target.classList.contains('react-flow__node')) note(m.target);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

export async function recordedStatuses(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => (window as unknown as { __statuses: Record<string, string[]> }).__statuses);
}
