import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutEngine } from '../graph/layout.ts';

let engine: Promise<LayoutEngine> | null = null;

/**
 * ELK, loaded on first use and running in a web worker (elkjs's own worker script, bundled as an asset),
 * so laying out a thousand nodes never blocks the page.
 */
export function loadElk(): Promise<LayoutEngine> {
  engine ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([api, worker]) => {
      const ELK = api.default;
      const elk = new ELK({ workerUrl: worker.default });
      return { layout: (graph: ElkNode) => elk.layout(graph) };
    },
  );
  return engine;
}
