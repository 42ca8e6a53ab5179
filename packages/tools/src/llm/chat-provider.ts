import { ToolsError, type ToolsErrorCode } from '../shared/tools-error.ts';

/**
 * The seam between `llm.chat` and a model vendor. The built-in implementation speaks the OpenAI chat
 * completions protocol (OpenAI, OpenRouter, Ollama, vLLM, LM Studio …); a host can hand in another
 * through `services.llm.provider` without touching the tool.
 */
export interface ChatProvider {
  complete(request: ChatRequest, options: ChatCallOptions): Promise<ChatResponse>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object as the reply. */
  json?: boolean;
  stream: boolean;
}

export interface ChatCallOptions {
  signal: AbortSignal;
  /** Called with each piece of text as it streams in. */
  onDelta?: (text: string) => void;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResponse {
  content: string;
  model: string;
  finishReason: string | null;
  /** `null` when the endpoint did not report usage. */
  usage: ChatUsage | null;
}

/** A failed call; `retryAfter` carries the server's Retry-After header when it sent one. */
export class ChatProviderError extends ToolsError {
  constructor(
    code: ToolsErrorCode,
    message: string,
    readonly status: number | undefined,
    readonly retryAfter: string | undefined,
    options: { retryable: boolean; cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ChatProviderError';
  }
}
