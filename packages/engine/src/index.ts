/**
 * @weft/engine: the graph model, validation, CEL conditions and the scheduler.
 * No I/O and no Node-only APIs: it loads in the browser too.
 */
export { celExpression } from './cel/cel-schema.ts';
export {
  type CelCompileResult,
  type CelEnvironment,
  CelEvaluationError,
  type CelProblem,
  type CelProgram,
  type CelVariableType,
  createCelEnvironment,
  MAX_EXPRESSION_LENGTH,
} from './cel/environment.ts';
export { conditionScope, errorConditionScope, valueScope } from './cel/scopes.ts';
export { celToJson } from './cel/values.ts';
export { type EngineErrorCode, type NodeError, ToolError, WeftError } from './errors.ts';
export {
  type LogLevel,
  type PendingInterrupt,
  RUN_EVENT_TYPES,
  type RunEvent,
  type RunEventBody,
  type RunEventOf,
  type RunEventType,
} from './events.ts';
export { compileGraph } from './graph/compile-graph.ts';
export type { CompiledEdge, CompiledGraph, CompiledLoop, CompiledNode } from './graph/compiled.ts';
export { computeDominators, type Dominators } from './graph/dominators.ts';
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_VISITS,
  DEFAULT_RETRY,
  type EdgeSpec,
  ELEMENT_ID_PATTERN,
  GRAPH_FORMAT,
  GRAPH_ID_PATTERN,
  type GraphDocument,
  type GraphLimits,
  graphSchema,
  LIMIT_RANGES,
  type NodeSpec,
  REDUCERS,
  type ReducerName,
  type RetryPolicy,
  type StateKeySpec,
} from './graph/schema.ts';
export { analyzeStructure, type GraphStructure } from './graph/structure.ts';
export { isPlainObject, type JsonObject, type JsonValue } from './json.ts';
export { type Checkpointer, type Clock, type Logger, silentLogger, systemClock } from './ports.ts';
export type { Checkpoint } from './run/checkpoint.ts';
export { createMemoryCheckpointer, type MemoryCheckpointer } from './run/memory-checkpointer.ts';
export { type RunGraphOptions, runGraph } from './run/run-graph.ts';
export type { RunResult, RunStatus } from './run/run-loop.ts';
export { canonicalJson, NotJsonError, toFrozenJson } from './state/frozen-json.ts';
export { applyPatch, REDUCER_FUNCTIONS, ReducerError } from './state/reducers.ts';
export { replayState } from './state/replay.ts';
export {
  type ConformanceCase,
  checkpointerConformanceCases,
} from './testing/checkpointer-conformance.ts';
export { createFakeClock, type FakeClock } from './testing/fake-clock.ts';
export {
  coreApproval,
  coreCompute,
  coreDelay,
  coreFail,
  corePass,
  coreSet,
  coreTools,
} from './tools/core-tools.ts';
export {
  type AnyTool,
  defineTool,
  TOOL_ID_PATTERN,
  type ToolContext,
  type ToolDefinition,
  type ToolLog,
  type ToolResult,
  type ToolServices,
} from './tools/define-tool.ts';
export { createDescriptorRegistry } from './tools/descriptor-registry.ts';
export {
  createToolRegistry,
  describeTool,
  type ToolDescriptor,
  type ToolRegistry,
} from './tools/registry.ts';
export { DEFAULT_MAX_NODES, type ValidateOptions, validateGraph } from './validate/analyze-graph.ts';
export { formatPath, type Problem, type ProblemCode } from './validate/problem.ts';
