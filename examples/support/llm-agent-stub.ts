/**
 * Serves the scripted model of the llm-agent example on an OpenAI-compatible endpoint, so the example
 * runs offline:
 *
 *   node --import tsx examples/support/llm-agent-stub.ts            # prints the base URL, Ctrl-C stops it
 *   WEFT_LLM_BASE_URL=http://127.0.0.1:11435/v1 WEFT_LLM_MODEL=stub \
 *     pnpm weft run examples/llm-agent.json --input @examples/llm-agent.input.json
 */
import { startOpenAiStub } from '@weft/tools/testing';
import { scriptedModel } from './scripted-model.ts';

const port = Number(process.env.PORT ?? 11435);
const stub = await startOpenAiStub({ reply: scriptedModel([5, 9]), chunkDelayMs: 30, port });
console.log(`OpenAI-compatible stub listening: WEFT_LLM_BASE_URL=${stub.baseUrl}`);
const stop = () => {
  void stub.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
