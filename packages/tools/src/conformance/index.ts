/**
 * The tool conformance kit: `checkToolConformance(tool, { cases })` in any test runner.
 * See docs/writing-tools.md.
 */
export {
  assertToolConforms,
  type ConformanceCase,
  type ConformanceOptions,
  type ConformanceReport,
  checkToolConformance,
} from './check-tool.ts';
