import { describeTool } from '@weft/engine';
import { describe, expect, it } from 'vitest';
import { dataFilter } from '../tabular/filter.ts';
import { textSentiment } from '../text/sentiment.ts';
import {
  normalizeTables,
  REFERENCE_END,
  REFERENCE_START,
  renderReference,
  replaceReference,
} from './render-reference.ts';

describe('renderReference', () => {
  it('renders one row per tool with config fields, reads and writes', () => {
    const table = renderReference([describeTool(textSentiment), describeTool(dataFilter)]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('| `text.sentiment`<br>Sentiment | Text |');
    expect(lines[2]).toContain(
      '`threshold` (number, default 0.05) — Scores within ±threshold count as neutral.',
    );
    expect(lines[2]).toMatch(/\| `text` \| `sentiment`, `score` \|$/);
    expect(lines[3]).toContain('`where` (CEL, required)');
    expect(lines[3]).toMatch(/\| — \| — \|$/);
  });

  it('replaces only the section between the markers', () => {
    const readme = `# T\n\n${REFERENCE_START}\nold\n${REFERENCE_END}\n\nafter\n`;
    expect(replaceReference(readme, 'NEW')).toBe(
      `# T\n\n${REFERENCE_START}\n\nNEW\n\n${REFERENCE_END}\n\nafter\n`,
    );
    expect(() => replaceReference('no markers', 'x')).toThrow(/markers/);
  });

  it('compares tables regardless of the padding a formatter adds', () => {
    const padded = '| a   | b \\| c |\n| --- | ------- |\n| 1   | 2       |';
    expect(normalizeTables(padded)).toBe('| a | b \\| c |\n| --- | --- |\n| 1 | 2 |');
  });
});
