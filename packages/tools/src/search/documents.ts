import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { stateKey } from '../shared/state-path.ts';
import { renderWithState } from '../shared/template-view.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { templateString } from '../text/mustache.ts';
import { createBm25Index, terms } from './bm25.ts';
import { type LoadedDocument, loadDocuments, resolveInside } from './load-documents.ts';

export const searchDocuments = defineTool({
  id: 'search.documents',
  title: 'Search documents',
  category: 'Search',
  description:
    'Ranks the text and Markdown files of a folder against a query with BM25 and writes the best matches with their title, score and most relevant passage. Offline; reads only under the server documents root.',
  config: z.object({
    folder: z
      .string()
      .min(1)
      .default('.')
      .describe('Folder to search, relative to the documents root (WEFT_DOCUMENTS_DIR).'),
    query: templateString('The query, a template over the state, e.g. `{{topic}} {{feedback}}`.').default(
      '{{query}}',
    ),
    limit: z.number().int().min(1).max(100).default(5).describe('Largest number of results.'),
    extensions: z
      .array(z.string().regex(/^\.?[A-Za-z0-9]+$/))
      .default(['.md', '.markdown', '.txt'])
      .describe('File extensions searched.'),
    includeText: z.boolean().default(false).describe('Also write each document’s full text.'),
    into: stateKey('State key that receives the results.', 'results'),
  }),
  async run({ config, state, input, services, signal, log }) {
    const query = renderWithState(config.query, state, input).text.trim();
    if (!query)
      throw new ToolsError('INVALID_INPUT', 'the query is empty; check the `query` template and the state');
    const where = await resolveInside(services.documentsRoot ?? process.cwd(), config.folder);
    const docs = await loadDocuments(where.root, where.folder, config.extensions, signal);
    const hits = createBm25Index(docs.map((d) => `${d.title}\n${d.text}`))
      .search(query)
      .slice(0, config.limit);
    log(`${docs.length} documents searched for "${query}": ${hits.length} match(es)`);
    const results = hits.map(({ doc, score }) => {
      const d = docs[doc]!;
      return {
        path: d.path,
        title: d.title,
        score: Math.round(score * 1000) / 1000,
        snippet: bestPassage(d, query),
        ...(config.includeText ? { text: d.text } : {}),
      };
    });
    return { [config.into]: results };
  },
});

/**
 * The paragraph that contains the most distinct query terms (then the most occurrences; ties: the
 * earlier one), trimmed to about 300 characters.
 */
export function bestPassage(doc: LoadedDocument, query: string): string {
  const wanted = new Set(terms(query));
  const paragraphs = doc.text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/^#+\s.*$/gm, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  let best = paragraphs[0] ?? '';
  let bestScore = -1;
  for (const p of paragraphs) {
    const found = terms(p).filter((t) => wanted.has(t));
    const score = new Set(found).size * 1000 + found.length;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best.length > 300 ? `${best.slice(0, best.lastIndexOf(' ', 297))}…` : best;
}
