import type { JsonValue } from '@weft/engine';
import { type RenderOptions, type RenderResult, renderTemplate } from '../text/mustache.ts';

/**
 * Renders a template the way every built-in tool does: names resolve against the state, and `state.x`
 * or `input.x` reach the state and the run input explicitly.
 */
export function renderWithState(
  source: string,
  state: JsonValue,
  input: JsonValue,
  options: Omit<RenderOptions, 'fallback'> = {},
): RenderResult {
  return renderTemplate(source, state, { ...options, fallback: { state, input } });
}
