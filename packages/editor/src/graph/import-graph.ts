import { type GraphDocument, graphSchema } from '@weft/engine';
import { graphIdFromName } from './ids.ts';

export type ImportResult =
  | { ok: true; doc: GraphDocument; renamedFrom?: string }
  | { ok: false; message: string };

/**
 * Reads an imported file: it must be a `weft.graph/1` document (the shape only; tool and CEL problems are
 * allowed, the graph is stored as a draft). A graph whose id is taken gets a fresh one.
 */
export function importGraph(text: string, takenIds: ReadonlySet<string>): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${(err as Error).message}` };
  }
  const parsed = graphSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      message: `The file is not a weft.graph/1 document${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const doc = parsed.data;
  if (!takenIds.has(doc.id)) return { ok: true, doc };
  const id = graphIdFromName(doc.id, takenIds);
  return { ok: true, doc: { ...doc, id }, renamedFrom: doc.id };
}
