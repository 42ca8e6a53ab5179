import { ELEMENT_ID_PATTERN } from '@weft/engine';

/**
 * A node or edge id (`[A-Za-z0-9_-]{1,64}`) derived from `base` that is not in `taken`:
 * `sentiment`, then `sentiment-2`, `sentiment-3` …
 *
 * @example
 * uniqueId('text.sentiment', new Set(['sentiment'])) // 'sentiment-2'
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = sanitizeId(base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : base) || 'node';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${stem.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The next free `e<N>` edge id. */
export function nextEdgeId(taken: ReadonlySet<string>): string {
  let n = taken.size + 1;
  while (taken.has(`e${n}`)) n++;
  return `e${n}`;
}

/** Keeps only the characters an element id may hold, at most 64 of them. */
export function sanitizeId(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 64);
}

export function isElementId(text: string): boolean {
  return ELEMENT_ID_PATTERN.test(text);
}

/** A graph id (`[a-z0-9][a-z0-9-_]{0,63}`) from a display name, unique among `taken`. */
export function graphIdFromName(name: string, taken: ReadonlySet<string>): string {
  const stem =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|-+$/g, '')
      .slice(0, 56) || 'graph';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
