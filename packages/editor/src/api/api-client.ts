import type { GraphDocument, JsonValue, Problem, RunEvent, ToolDescriptor } from '@weft/engine';
import type { GraphSummary, GraphVersionSummary, RunRecord, StoredGraph } from './api-types.ts';

/** An error answer of the server (`{ error: { code, message, details? } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation problems carried by a 400 answer. */
  get problems(): Problem[] {
    return Array.isArray(this.details) ? (this.details as Problem[]) : [];
  }
}

const TOKEN_KEY = 'weft.apiToken';

/** The API token the user entered (servers started with WEFT_API_TOKEN need one). */
export const tokenStore = {
  get(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  },
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the server answers 401, so the app can ask for a token. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', `The server cannot be reached (${(err as Error).message}).`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `${method} ${path} failed with status ${response.status}`,
      error?.details,
    );
  }
  return payload as T;
}

const enc = encodeURIComponent;

/**
 * The REST API of `weft serve` (DESIGN §6, CONTRACTS.md), typed. Graphs are always saved as drafts
 * (`?draft=true`): an invalid graph can be saved, never run.
 */
export const api = {
  async tools(): Promise<ToolDescriptor[]> {
    return (await request<{ tools: ToolDescriptor[] }>('GET', '/api/tools')).tools;
  },
  async listGraphs(): Promise<GraphSummary[]> {
    return (await request<{ graphs: GraphSummary[] }>('GET', '/api/graphs')).graphs;
  },
  getGraph(id: string): Promise<StoredGraph> {
    return request('GET', `/api/graphs/${enc(id)}`);
  },
  createGraph(doc: GraphDocument): Promise<{ id: string; version: number }> {
    return request('POST', '/api/graphs?draft=true', doc);
  },
  saveGraph(doc: GraphDocument): Promise<{ id: string; version: number }> {
    return request('PUT', `/api/graphs/${enc(doc.id)}?draft=true`, doc);
  },
  deleteGraph(id: string): Promise<void> {
    return request('DELETE', `/api/graphs/${enc(id)}`);
  },
  async versions(id: string): Promise<GraphVersionSummary[]> {
    return (await request<{ versions: GraphVersionSummary[] }>('GET', `/api/graphs/${enc(id)}/versions`))
      .versions;
  },
  version(id: string, version: number): Promise<StoredGraph> {
    return request('GET', `/api/graphs/${enc(id)}/versions/${version}`);
  },
  async runGraph(id: string, input: JsonValue, version?: number): Promise<RunRecord> {
    const body = version === undefined ? { input } : { input, version };
    return (await request<{ run: RunRecord }>('POST', `/api/graphs/${enc(id)}/runs`, body)).run;
  },
  async runDocument(graph: GraphDocument, input: JsonValue): Promise<RunRecord> {
    return (await request<{ run: RunRecord }>('POST', '/api/runs', { graph, input })).run;
  },
  async runs(query: { graphId?: string; limit?: number; cursor?: string }): Promise<{
    runs: RunRecord[];
    nextCursor: string | null;
  }> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    return request('GET', `/api/runs?${params}`);
  },
  async run(id: string): Promise<RunRecord> {
    return (await request<{ run: RunRecord }>('GET', `/api/runs/${enc(id)}`)).run;
  },
  /** Every stored event of a run after `after`, fetched page by page. */
  async events(id: string, after = 0): Promise<RunEvent[]> {
    const all: RunEvent[] = [];
    let cursor = after;
    for (;;) {
      const { events } = await request<{ events: RunEvent[] }>(
        'GET',
        `/api/runs/${enc(id)}/events?after=${cursor}&limit=5000`,
      );
      if (events.length === 0) return all;
      all.push(...events);
      cursor = events.at(-1)!.seq;
      if (events.length < 5000) return all;
    }
  },
  async cancelRun(id: string): Promise<RunRecord> {
    return (await request<{ run: RunRecord }>('POST', `/api/runs/${enc(id)}/cancel`)).run;
  },
  async resumeRun(id: string, nodeId: string, value: JsonValue): Promise<RunRecord> {
    return (await request<{ run: RunRecord }>('POST', `/api/runs/${enc(id)}/resume`, { nodeId, value })).run;
  },
};

/** A message fit for the user from any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const problems = err.problems;
    if (problems.length > 0) return `${err.message}: ${problems.map((p) => p.message).join('; ')}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
