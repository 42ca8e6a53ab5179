import { z } from 'zod';
import type { CelEnvironment, CelProblem } from './environment.ts';

/** Marks a config issue raised by a CEL field, so the validator can report it with a CEL problem code. */
export const CEL_ISSUE_PARAM = 'celProblem';

/** The message of a config issue raised by a CEL field. */
export function celIssueMessage(problem: CelProblem): string {
  const what =
    problem.kind === 'type'
      ? 'type error'
      : problem.kind === 'too-long'
        ? 'expression too long'
        : 'syntax error';
  return `CEL ${what}: ${problem.message}`;
}

/**
 * A zod string schema holding a CEL expression: it parses and type-checks the text in the given
 * environment, and carries `format: "cel"` into the JSON Schema so editors show a CEL editor.
 *
 * @example
 * const config = z.object({ keep: celExpression(rowScope, { expect: 'bool' }) });
 */
export function celExpression(env: CelEnvironment, options: { expect?: 'bool'; description?: string } = {}) {
  return z
    .string()
    .min(1)
    .superRefine((source, ctx) => {
      const result = env.compile(source);
      if (!result.ok) {
        ctx.addIssue({
          code: 'custom',
          message: celIssueMessage(result.problem),
          params: { [CEL_ISSUE_PARAM]: result.problem.kind },
        });
      } else if (
        options.expect === 'bool' &&
        result.program.type !== 'bool' &&
        result.program.type !== 'dyn'
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `CEL type error: this expression must give a bool, it gives ${result.program.type}`,
          params: { [CEL_ISSUE_PARAM]: 'type' },
        });
      }
    })
    .meta({
      format: 'cel',
      celVariables: Object.keys(env.variables),
      ...(options.description ? { description: options.description } : {}),
    });
}
