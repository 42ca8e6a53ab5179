import { describe, expect, it } from 'vitest';
import { checkRegexSafety, safeRegExp } from './safe-regex.ts';

describe('regular expression safety', () => {
  it.each(['(a+)+$', '(a*)*b', '(\\w+\\s?)*$', '((ab)+c)*', '(?:x+y?)+', '(a{2,})+', '(?<w>\\d+)*'])(
    'refuses %s',
    (pattern) => {
      expect(checkRegexSafety(pattern).ok).toBe(false);
    },
  );

  it.each([
    '^(\\d+)-(\\d+)$',
    '(a|b)+',
    '[a-z]+@[a-z]+\\.com',
    '(?<year>\\d{4})-(?<month>\\d{2})',
    '(ab)?c+',
    'x{1,3}(y)+',
    '[(+*)]+',
  ])('accepts %s', (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ ok: true });
  });

  it('refuses back-references and unbalanced groups', () => {
    expect(checkRegexSafety('(a)\\1').reason).toMatch(/back-references/);
    expect(checkRegexSafety('(?<a>x)\\k<a>').ok).toBe(false);
    expect(checkRegexSafety('(a').reason).toMatch(/unbalanced/);
  });

  it('still lets the platform report syntax errors', () => {
    expect(() => safeRegExp('[a-', 'u')).toThrow(SyntaxError);
    expect(safeRegExp('b+', 'i').test('aBBc')).toBe(true);
  });
});
