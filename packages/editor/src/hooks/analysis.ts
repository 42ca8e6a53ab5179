import {
  createDescriptorRegistry,
  type GraphDocument,
  type Problem,
  type ToolDescriptor,
  validateGraph,
} from '@weft/engine';
import { findBackEdges } from '../graph/structure.ts';

/** What live validation learns about a document: every problem, and the edges that close loops. */
export interface Analysis {
  problems: Problem[];
  backEdges: string[];
}

/** Validates a document with the engine against tools described by the server (pure; runs in a worker). */
export function analyzeDocument(doc: GraphDocument, tools: readonly ToolDescriptor[]): Analysis {
  return { problems: validateGraph(doc, registryFor(tools)), backEdges: [...findBackEdges(doc)] };
}

let cached: {
  tools: readonly ToolDescriptor[];
  registry: ReturnType<typeof createDescriptorRegistry>;
} | null = null;

function registryFor(tools: readonly ToolDescriptor[]) {
  if (cached?.tools !== tools) cached = { tools, registry: createDescriptorRegistry(tools) };
  return cached.registry;
}
