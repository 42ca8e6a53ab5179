/** Every problem code `validateGraph` can report; each is described in the engine README. */
export type ProblemCode =
  | 'INVALID_DOCUMENT'
  | 'TOO_MANY_NODES'
  | 'DUPLICATE_NODE_ID'
  | 'DUPLICATE_EDGE_ID'
  | 'DANGLING_EDGE'
  | 'UNKNOWN_TOOL'
  | 'INVALID_CONFIG'
  | 'CEL_SYNTAX'
  | 'CEL_TYPE'
  | 'EXPRESSION_TOO_LONG'
  | 'CONFLICTING_EDGE_FLAGS'
  | 'ELSE_WITHOUT_WHEN'
  | 'MULTIPLE_ELSE'
  | 'NO_ENTRY'
  | 'UNREACHABLE_NODE'
  | 'IRREDUCIBLE_CYCLE'
  | 'LIMIT_OUT_OF_RANGE'
  | 'INVALID_STATE_DEFAULT';

/** One thing wrong with a graph document: where (`path`, and the node or edge), what, and why. */
export interface Problem {
  /** Where in the document, e.g. `edges[2].when` or `nodes[0].config.field`; '' for the whole document. */
  path: string;
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** For expression problems: 0-based offsets into the expression. */
  range?: { start: number; end: number };
}

/** `nodes[2].config.field` from `['nodes', 2, 'config', 'field']`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      out += /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
