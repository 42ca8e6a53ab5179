import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ToolsError } from '../shared/tools-error.ts';
import type { AddressGuard } from './address-guard.ts';

export interface GuardedRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
  maxBytes: number;
  maxRedirects: number;
  guard: AddressGuard;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The URL of the last hop, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * One HTTP exchange with the address guard on every hop: redirects are followed here, by hand, so
 * each new location is checked like the first (a public URL may not redirect into the private network).
 */
export async function guardedRequest(req: GuardedRequest): Promise<GuardedResponse> {
  let url = req.url;
  let method = req.method;
  let body = req.body;
  let headers = { ...req.headers };
  for (let hop = 0; ; hop++) {
    const response = await exchange({ ...req, url, method, body, headers });
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || location === undefined) return response;
    if (hop >= req.maxRedirects) {
      throw new ToolsError(
        'HTTP_REDIRECTS',
        `more than ${req.maxRedirects} redirects, the last to ${location}`,
      );
    }
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new ToolsError(
        'HTTP_BLOCKED',
        `redirect to ${next.protocol} refused: only http and https are followed`,
      );
    }
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length']);
    }
    if (next.origin !== url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
    url = next;
  }
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

function exchange(req: GuardedRequest): Promise<GuardedResponse> {
  const { url, guard } = req;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(
      new ToolsError('HTTP_BAD_URL', `${url.protocol} URLs are not supported; use http or https`),
    );
  }
  try {
    guard.checkLiteral(url.hostname);
  } catch (err) {
    return Promise.reject(err);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<GuardedResponse>((resolve, reject) => {
    const request = send(url, {
      method: req.method,
      headers: req.body ? { ...req.headers, 'content-length': String(req.body.length) } : req.headers,
      lookup: guard.lookup(),
      signal: req.signal,
    });
    request.once('error', (err) => reject(err));
    request.once('response', (res) => {
      readBody(res, req.maxBytes).then(
        (body) =>
          resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res), body, url: url.toString() }),
        (err) => {
          request.destroy();
          reject(err);
        },
      );
    });
    request.end(req.body);
  });
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge(maxBytes, `declares ${declared} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Reject before destroying: destroy() reports the cut-off response synchronously.
        reject(tooLarge(maxBytes, 'is larger'));
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', reject);
    res.once('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the response was complete'));
    });
  });
}

function tooLarge(maxBytes: number, what: string): ToolsError {
  return new ToolsError(
    'HTTP_TOO_LARGE',
    `the response ${what} than the limit of ${maxBytes} bytes; raise maxBytes`,
  );
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
