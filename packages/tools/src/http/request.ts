import { defineTool, type JsonValue, type ToolContext } from '@weft/engine';
import { z } from 'zod';
import { retryDelay } from '../shared/backoff.ts';
import { stateKey } from '../shared/state-path.ts';
import { renderWithState } from '../shared/template-view.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { templateString } from '../text/mustache.ts';
import { AddressGuard } from './address-guard.ts';
import { type GuardedResponse, guardedRequest } from './guarded-request.ts';
import { parseResponseBody } from './parse-response.ts';
import { encodeBody, fillBody } from './request-body.ts';

const DEFAULT_POLICY_MAX_BYTES = 5 * 1024 * 1024;
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade']);

const config = z.object({
  method: z
    .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
    .default('GET')
    .describe('HTTP method.'),
  url: templateString(
    'URL template, e.g. `https://api.example.com/items/{{id}}`; inserted values are URL-encoded (`{{{x}}}` inserts as is).',
  ),
  query: z
    .record(z.string(), z.string())
    .default({})
    .describe('Query parameters (values are templates), appended to the URL.'),
  headers: z
    .record(
      z
        .string()
        .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a header name')
        .refine((name) => !FORBIDDEN_HEADERS.has(name.toLowerCase()), 'this header is set by the client'),
      z.string(),
    )
    .default({})
    .describe('Request headers (values are templates).'),
  body: z
    .json()
    .optional()
    .describe(
      'Request body: JSON whose strings are templates; `"{{key}}"` alone inserts the value with its type.',
    ),
  bodyType: z.enum(['json', 'text', 'form']).default('json').describe('How the body is encoded.'),
  responseType: z
    .enum(['auto', 'json', 'text', 'base64'])
    .default('auto')
    .describe('How the response body is read; `auto` follows its Content-Type.'),
  timeoutMs: z.number().int().min(1).max(300_000).default(30_000).describe('Time limit of each attempt.'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe('Extra attempts after a network error, a timeout, a 5xx or a 429.'),
  retryDelayMs: z
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(500)
    .describe('First backoff delay; doubled each attempt. Retry-After wins when sent.'),
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Largest response body accepted (capped by the server policy).'),
  failOnStatus: z
    .boolean()
    .default(true)
    .describe('Fail the node (HTTP_STATUS) when the final status is 400 or more.'),
  into: stateKey('State key that receives `{ status, ok, url, headers, body }`.', 'response'),
});

type Config = z.output<typeof config>;

export const httpRequest = defineTool({
  id: 'http.request',
  title: 'HTTP request',
  category: 'HTTP',
  description:
    'Calls an HTTP(S) URL with retries, a timeout and a size limit, and parses the response. Private, loopback, link-local and metadata addresses are refused (also through DNS and redirects) unless the server allow-list permits them.',
  config,
  async run(ctx) {
    const { config, state, input, services, log } = ctx;
    const url = buildUrl(config, state, input);
    const headers: Record<string, string> = {
      'user-agent': 'Weft (http.request)',
      accept: 'application/json, text/*;q=0.9, */*;q=0.8',
    };
    for (const [name, value] of Object.entries(config.headers))
      headers[name.toLowerCase()] = renderWithState(value, state, input).text;
    let body: Buffer | undefined;
    if (config.body !== undefined && config.method !== 'GET' && config.method !== 'HEAD') {
      const encoded = encodeBody(fillBody(config.body, state, input), config.bodyType);
      body = encoded.data;
      headers['content-type'] ??= encoded.contentType;
    }
    const policy = services.http;
    const maxBytes = Math.min(config.maxBytes, policy?.maxResponseBytes ?? DEFAULT_POLICY_MAX_BYTES);
    const guard = new AddressGuard(policy);
    const started = Date.now();
    const response = await withRetries(ctx, (signal) =>
      guardedRequest({
        url,
        method: config.method,
        headers,
        body,
        signal,
        maxBytes,
        maxRedirects: policy?.maxRedirects ?? 5,
        guard,
      }),
    );
    log(
      `${config.method} ${redact(url)} → ${response.status} (${Date.now() - started} ms, ${response.body.length} bytes)`,
    );
    if (config.failOnStatus && response.status >= 400) {
      const excerpt = response.body.toString('utf8', 0, 300).replace(/\s+/g, ' ');
      throw new ToolsError(
        'HTTP_STATUS',
        `${config.method} ${redact(url)} answered ${response.status}: ${excerpt}`,
        {
          retryable: response.status >= 500 || response.status === 429,
        },
      );
    }
    const parsed: JsonValue =
      config.method === 'HEAD'
        ? null
        : parseResponseBody(
            response.body,
            response.headers['content-type'] ?? '',
            config.responseType,
            log.warn,
          );
    return {
      [config.into]: {
        status: response.status,
        ok: response.status >= 200 && response.status < 300,
        url: response.url,
        headers: response.headers,
        body: parsed,
      },
    };
  },
});

function buildUrl(config: Config, state: JsonValue, input: JsonValue): URL {
  const text = renderWithState(config.url, state, input, { escape: encodeURIComponent }).text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolsError('HTTP_BAD_URL', `'${text}' is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolsError('HTTP_BAD_URL', `${url.protocol} URLs are not supported; use http or https`);
  }
  for (const [name, value] of Object.entries(config.query))
    url.searchParams.append(name, renderWithState(value, state, input).text);
  return url;
}

/** Runs attempts until one gives a final answer: retries network errors, timeouts, 5xx and 429. */
async function withRetries(
  ctx: ToolContext<Config>,
  attempt: (signal: AbortSignal) => Promise<GuardedResponse>,
): Promise<GuardedResponse> {
  const { config, signal, sleep, log } = ctx;
  for (let n = 0; ; n++) {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    let failure: ToolsError;
    let retryAfter: string | undefined;
    try {
      const response = await attempt(AbortSignal.any([signal, timeout]));
      if (response.status < 500 && response.status !== 429) return response;
      if (n >= config.retries) return response;
      retryAfter = response.headers['retry-after'];
      failure = new ToolsError('HTTP_STATUS', `status ${response.status}`, { retryable: true });
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (err instanceof ToolsError) throw err;
      failure = timeout.aborted
        ? new ToolsError('HTTP_TIMEOUT', `no answer within ${config.timeoutMs} ms`, { retryable: true })
        : new ToolsError('HTTP_NETWORK', `network error: ${(err as Error).message}`, {
            retryable: true,
            cause: err,
          });
      if (n >= config.retries) throw failure;
    }
    const delay = retryDelay(n, config.retryDelayMs, retryAfter);
    if (delay === undefined) {
      throw new ToolsError(
        'HTTP_STATUS',
        `the server asks to retry after ${retryAfter}, longer than this node waits`,
        { retryable: true },
      );
    }
    log.warn(`attempt ${n + 1} failed (${failure.message}); retrying in ${delay} ms`);
    await sleep(delay);
  }
}

/** A URL for logs: no credentials, no query values (they often hold keys). */
function redact(url: URL): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  for (const key of [...shown.searchParams.keys()]) shown.searchParams.set(key, '…');
  return shown.toString();
}
