import type { IconName } from '../ui/icons.tsx';

const BY_CATEGORY: Record<string, IconName> = {
  core: 'cube',
  text: 'text',
  json: 'braces',
  data: 'braces',
  http: 'globe',
  web: 'globe',
  llm: 'sparkle',
  ai: 'sparkle',
  code: 'code',
  human: 'user',
  flow: 'branch',
  graph: 'branch',
};

/** The icon of a tool category (palette headings and node cards). */
export function categoryIcon(category: string | undefined): IconName {
  return BY_CATEGORY[(category ?? '').toLowerCase()] ?? 'bolt';
}
