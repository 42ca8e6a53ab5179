/// <reference lib="webworker" />
// Live validation off the main thread: the engine's validateGraph on a 1,000-node graph takes a frame or
// ten; here it never blocks typing, dragging or the first paint of a large graph.
import type { GraphDocument, ToolDescriptor } from '@weft/engine';
import { analyzeDocument } from './analysis.ts';

type Request =
  | { type: 'tools'; tools: ToolDescriptor[] }
  | { type: 'analyze'; id: number; doc: GraphDocument };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let tools: ToolDescriptor[] = [];

scope.onmessage = (e: MessageEvent<Request>) => {
  const request = e.data;
  if (request.type === 'tools') tools = request.tools;
  else scope.postMessage({ id: request.id, ...analyzeDocument(request.doc, tools) });
};
