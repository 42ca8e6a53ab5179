/**
 * JavaScript regular expressions backtrack, and a pattern with nested repetition such as `(a+)+` can
 * take exponential time on a short input, freezing the whole process. Patterns from graphs are
 * therefore checked before use: a repeated group may not itself contain repetition ("star height" ≤ 1,
 * the rule of the `safe-regex` package), and back-references are refused.
 */

export interface RegexCheck {
  ok: boolean;
  reason?: string;
}

export const MAX_PATTERN_LENGTH = 1000;

export function checkRegexSafety(pattern: string): RegexCheck {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  const groups: Array<{ repeats: boolean }> = [{ repeats: false }];
  let i = 0;
  /** Whether the atom that ends at `i` repeats, and marks the enclosing group. */
  const quantifier = (): 'repeat' | 'optional' | null => {
    const c = pattern[i];
    let kind: 'repeat' | 'optional' | null = null;
    if (c === '*' || c === '+') {
      kind = 'repeat';
      i++;
    } else if (c === '?') {
      kind = 'optional';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
        kind = max > 1 ? 'repeat' : 'optional';
        i += m[0].length;
      }
    }
    if (kind && pattern[i] === '?') i++; // lazy quantifier
    return kind;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) {
        return { ok: false, reason: 'back-references are not allowed (they make matching slow)' };
      }
      i += 2;
      if ((next === 'u' || next === 'p' || next === 'P') && pattern[i] === '{')
        i = pattern.indexOf('}', i) + 1 || pattern.length;
      if (quantifier() === 'repeat') groups[groups.length - 1]!.repeats = true;
    } else if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      if (quantifier() === 'repeat') groups[groups.length - 1]!.repeats = true;
    } else if (c === '(') {
      groups.push({ repeats: false });
      i++;
      if (pattern[i] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++;
        if (pattern[i] === '<' && pattern[i + 1] !== '=' && pattern[i + 1] !== '!') {
          i = pattern.indexOf('>', i) + 1 || pattern.length;
        } else {
          i += pattern[i] === '<' ? 2 : 1;
        }
      }
    } else if (c === ')') {
      const group = groups.pop();
      if (!group || groups.length === 0) return { ok: false, reason: 'unbalanced parenthesis' };
      i++;
      const kind = quantifier();
      if (kind === 'repeat' && group.repeats) {
        return {
          ok: false,
          reason: 'a repeated group contains repetition (like `(a+)+`), which can take exponential time',
        };
      }
      if (kind === 'repeat' || group.repeats) groups[groups.length - 1]!.repeats = true;
    } else {
      i++;
      if (quantifier() === 'repeat') groups[groups.length - 1]!.repeats = true;
    }
  }
  if (groups.length !== 1) return { ok: false, reason: 'unbalanced parenthesis' };
  return { ok: true };
}

/**
 * Compiles a pattern after the safety check; throws a `SyntaxError` naming the problem.
 *
 * @example
 * safeRegExp('(\\d+)-(\\d+)', 'u').exec('10-20');
 */
export function safeRegExp(pattern: string, flags = ''): RegExp {
  const check = checkRegexSafety(pattern);
  if (!check.ok) throw new SyntaxError(`unsafe regular expression /${pattern}/: ${check.reason}`);
  return new RegExp(pattern, flags);
}
