/**
 * @weft/tools: the built-in tool library. `builtinTools` is what the server and the CLI register.
 */
import { type AnyTool, coreTools, createToolRegistry, type ToolRegistry } from '@weft/engine';
import { codeTools } from './code/index.ts';
import { graphCall } from './graph/call.ts';
import { httpRequest } from './http/request.ts';
import { humanForm } from './human/form.ts';
import { jsonTools } from './json/index.ts';
import { llmChat } from './llm/chat.ts';
import { searchDocuments } from './search/documents.ts';
import { dataTools } from './tabular/index.ts';
import { textTools } from './text/index.ts';

export * from './code/index.ts';
export { graphCall } from './graph/call.ts';
export { httpRequest } from './http/request.ts';
export { type FormPayload, humanForm, validateFormAnswer } from './human/form.ts';
export * from './json/index.ts';
export { llmChat } from './llm/chat.ts';
export type {
  ChatCallOptions,
  ChatMessage,
  ChatProvider,
  ChatRequest,
  ChatResponse,
  ChatUsage,
} from './llm/chat-provider.ts';
export { createOpenAiCompatibleProvider } from './llm/openai-compatible.ts';
export { searchDocuments } from './search/documents.ts';
export type { HttpPolicy, LlmSettings, SubgraphRequest, SubgraphResult, SubgraphRunner } from './services.ts';
export { ToolsError, type ToolsErrorCode } from './shared/tools-error.ts';
export * from './tabular/index.ts';
export * from './text/index.ts';
export { renderTemplate, TemplateSyntaxError } from './text/mustache.ts';

/** Every built-in tool, in palette order. */
export const builtinTools: readonly AnyTool[] = [
  ...coreTools,
  ...textTools,
  ...jsonTools,
  ...dataTools,
  searchDocuments,
  ...codeTools,
  httpRequest,
  llmChat,
  humanForm,
  graphCall,
];

/** A registry of the built-in tools plus any extra ones (duplicates throw). */
export function createBuiltinRegistry(extra: Iterable<AnyTool> = []): ToolRegistry {
  return createToolRegistry([...builtinTools, ...extra]);
}
