import { type GraphDocument, type Problem, type ToolRegistry, validateGraph } from '@weft/engine';
import { ServerError } from '../errors.ts';

/** Problems that make a document unstorable even as a draft: it is not a `weft.graph/1` document, or too big. */
const UNSTORABLE = new Set<Problem['code']>(['INVALID_DOCUMENT', 'TOO_MANY_NODES', 'EXPRESSION_TOO_LONG']);

export interface CheckedGraph {
  document: GraphDocument;
  valid: boolean;
  errors: Problem[];
}

/**
 * Validates a document for saving. A document with problems is refused (400 `INVALID_GRAPH`, every
 * problem in `details`) unless it is a draft; a document that does not have the format's shape is
 * refused even as a draft.
 */
export function checkGraphForSave(
  value: unknown,
  tools: ToolRegistry,
  options: { maxNodes: number; draft: boolean },
): CheckedGraph {
  const errors = validateGraph(value, tools, { maxNodes: options.maxNodes });
  if (errors.length > 0 && (!options.draft || errors.some((p) => UNSTORABLE.has(p.code)))) {
    throw invalidGraph(errors);
  }
  return { document: value as GraphDocument, valid: errors.length === 0, errors };
}

export function invalidGraph(errors: Problem[]): ServerError {
  const first = errors[0]!;
  return new ServerError(
    'INVALID_GRAPH',
    `the graph has ${errors.length} problem${errors.length === 1 ? '' : 's'}; first: ${first.path ? `${first.path}: ` : ''}${first.message}`,
    errors,
  );
}
