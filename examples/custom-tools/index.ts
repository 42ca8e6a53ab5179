/**
 * A tool module: load it with `weft serve --tools examples/custom-tools/index.ts` (or
 * `createServer({ toolModules: [...] })`); every exported tool appears in the editor's palette.
 */
import { readingTime } from './reading-time.ts';
import { slugify } from './slugify.ts';

export { readingTime, slugify };

/** Exporting the same tools again as a list is fine: the server registers each tool once. */
export default [slugify, readingTime];
