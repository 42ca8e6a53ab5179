/** Test helpers for graphs and hosts that use @weft/tools (no network, no keys). */
export {
  type OpenAiStub,
  type OpenAiStubOptions,
  type StubChatRequest,
  type StubFailure,
  startOpenAiStub,
} from './openai-stub.ts';
export { type RunToolOptions, type RunToolResult, runTool } from './run-tool.ts';
