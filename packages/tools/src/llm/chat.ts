import { defineTool, isPlainObject, type JsonValue, type ToolContext } from '@weft/engine';
import { z } from 'zod';
import { parseJsonText } from '../json/parse.ts';
import { retryDelay } from '../shared/backoff.ts';
import { readList, STATE_PATH_PATTERN, stateKey } from '../shared/state-path.ts';
import { renderWithState } from '../shared/template-view.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { templateString } from '../text/mustache.ts';
import {
  type ChatMessage,
  type ChatProvider,
  ChatProviderError,
  type ChatResponse,
} from './chat-provider.ts';
import { createOpenAiCompatibleProvider } from './openai-compatible.ts';

const config = z.object({
  model: z
    .string()
    .min(1)
    .optional()
    .describe('Model name; defaults to the server setting (WEFT_LLM_MODEL).'),
  system: templateString('System message (a template over the state).').optional(),
  prompt: templateString('The user message (a template over the state), e.g. `Summarise: {{text}}`.'),
  history: z
    .string()
    .regex(STATE_PATH_PATTERN)
    .optional()
    .describe(
      'State key of earlier messages (`[{ role, content }]`) placed between the system message and the prompt.',
    ),
  format: z
    .enum(['text', 'json'])
    .default('text')
    .describe('`json` asks for a JSON object and writes the parsed value.'),
  temperature: z.number().min(0).max(2).optional().describe('Sampling temperature.'),
  maxTokens: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('Largest number of tokens in the reply.'),
  stream: z.boolean().default(true).describe('Stream tokens as they arrive (shown live under the node).'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(3)
    .describe('Extra attempts after a 429, a 5xx, a timeout or a network error.'),
  retryDelayMs: z
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(1000)
    .describe('First backoff delay, doubled each attempt; Retry-After wins.'),
  timeoutMs: z.number().int().min(1).max(600_000).default(120_000).describe('Time limit of each attempt.'),
  into: stateKey('State key that receives the reply (text, or the parsed JSON).', 'reply'),
  usageInto: stateKey('State key that receives the token usage.', 'usage'),
});

type Config = z.output<typeof config>;

export const llmChat = defineTool({
  id: 'llm.chat',
  title: 'LLM chat',
  category: 'AI',
  description:
    'Sends a chat completion to an OpenAI-compatible endpoint (OpenAI, OpenRouter, Ollama, vLLM …) and writes the reply and the token usage. Streams tokens live, retries 429/5xx honouring Retry-After, stops when the run is cancelled.',
  config,
  async run(ctx) {
    const { config, services, emit, log } = ctx;
    const settings = services.llm;
    if (!settings?.baseUrl && !settings?.provider) {
      throw new ToolsError(
        'LLM_NOT_CONFIGURED',
        'no model endpoint is configured: set WEFT_LLM_BASE_URL (and WEFT_LLM_API_KEY, WEFT_LLM_MODEL) for the server',
      );
    }
    const model = config.model ?? settings.model;
    if (!model)
      throw new ToolsError(
        'LLM_NOT_CONFIGURED',
        'no model named: set `model` on the node or WEFT_LLM_MODEL for the server',
      );
    const provider = settings.provider ?? createOpenAiCompatibleProvider(settings);
    const messages = buildMessages(ctx);
    const response = await completeWithRetries(ctx, provider, { model, messages }, (text) =>
      emit({ kind: 'token', text }),
    );
    log(
      `${response.model}: ${response.usage ? `${response.usage.totalTokens} tokens` : 'usage not reported'}, finish: ${response.finishReason ?? 'unknown'}`,
    );
    const reply: JsonValue =
      config.format === 'json' ? parseJsonText(response.content, true, 'the reply') : response.content;
    const usage = response.usage ? { ...response.usage, model: response.model } : null;
    return { [config.into]: reply, [config.usageInto]: usage };
  },
});

function buildMessages({ config, state, input }: ToolContext<Config>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (config.system)
    messages.push({ role: 'system', content: renderWithState(config.system, state, input).text });
  if (config.history) {
    readList(state, config.history, 'llm.chat').forEach((m, i) => {
      if (
        !isPlainObject(m) ||
        typeof m.content !== 'string' ||
        !['system', 'user', 'assistant'].includes(String(m.role))
      ) {
        throw new ToolsError(
          'INVALID_INPUT',
          `state.${config.history}[${i}] is not a { role, content } message`,
        );
      }
      messages.push({ role: m.role as ChatMessage['role'], content: m.content });
    });
  }
  messages.push({ role: 'user', content: renderWithState(config.prompt, state, input).text });
  return messages;
}

async function completeWithRetries(
  { config, signal, sleep, log }: ToolContext<Config>,
  provider: ChatProvider,
  base: { model: string; messages: ChatMessage[] },
  onDelta: (text: string) => void,
): Promise<ChatResponse> {
  const request = {
    ...base,
    stream: config.stream,
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
    ...(config.format === 'json' ? { json: true } : {}),
  };
  for (let n = 0; ; n++) {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    let streamed = false;
    try {
      return await provider.complete(request, {
        signal: AbortSignal.any([signal, timeout]),
        onDelta: (text) => {
          streamed = true;
          onDelta(text);
        },
      });
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      const failure = timeout.aborted
        ? new ToolsError('LLM_TIMEOUT', `no complete reply within ${config.timeoutMs} ms`, {
            retryable: true,
          })
        : err;
      const retryable = failure instanceof ToolsError && failure.retryable;
      // Once tokens were shown, trying again would show them twice; the node's own retry policy decides.
      if (!retryable || streamed || n >= config.retries) throw failure;
      const retryAfter = failure instanceof ChatProviderError ? failure.retryAfter : undefined;
      const delay = retryDelay(n, config.retryDelayMs, retryAfter, 60_000);
      if (delay === undefined) throw failure;
      log.warn(`${failure.message}; retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}
