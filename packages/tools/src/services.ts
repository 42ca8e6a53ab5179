import type { JsonObject, JsonValue, RunEvent } from '@weft/engine';
import type { ChatProvider } from './llm/chat-provider.ts';

/**
 * What the host (the server, the CLI, a test) hands to the built-in tools through `ctx.services`.
 * Everything is optional: a tool that needs a missing service fails with a message that says which
 * setting to provide.
 */

/** Which network targets `http.request` may reach. Private, loopback, link-local and metadata addresses are refused unless allowed here. */
export interface HttpPolicy {
  /**
   * Host names, IP addresses or CIDR ranges that may be reached even though they are not public
   * (e.g. `['localhost', '10.0.0.0/8', 'fd00::/8', '*.internal.example']`). A host name entry allows
   * that name whatever it resolves to; an address or range allows the addresses it covers.
   */
  allow?: string[];
  /** Largest response body accepted, in bytes (default 5 MiB); a node may ask for less, never more. */
  maxResponseBytes?: number;
  /** Largest number of redirects followed (default 5). */
  maxRedirects?: number;
}

/** An OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, Ollama, vLLM …). */
export interface LlmSettings {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  apiKey?: string;
  /** Used when a node does not name a model. */
  model?: string;
  /** Replaces the built-in OpenAI-compatible client (another vendor, a recording, a test double). */
  provider?: ChatProvider;
}

export interface SubgraphRequest {
  graphId: string;
  version?: number;
  input: JsonValue;
  signal: AbortSignal;
  /** Receives the sub-run's events, to be shown nested under the calling node. */
  onEvent(event: RunEvent): void;
  /** The calling node, so the host can link the runs and deduplicate a re-run after a crash. */
  parent?: { runId: string; nodeId: string; idempotencyKey: string };
}

export interface SubgraphResult {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled' | 'waiting';
  state: JsonObject;
  error?: { code: string; message: string };
}

/** Runs a saved graph as a sub-graph of the current run; provided by the server. */
export interface SubgraphRunner {
  /** How deep the current run is nested (0 for a top-level run). */
  readonly depth: number;
  readonly maxDepth: number;
  run(request: SubgraphRequest): Promise<SubgraphResult>;
}

declare module '@weft/engine' {
  interface ToolServices {
    http?: HttpPolicy;
    llm?: LlmSettings;
    subgraphs?: SubgraphRunner;
    /** Folder `search.documents` reads from when a node gives a relative path (default: the working directory). */
    documentsRoot?: string;
  }
}
