import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTool } from '../testing/run-tool.ts';
import { httpRequest } from './request.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let port: number;
let hits: string[] = [];
const counters = new Map<string, number>();
const routes: Record<string, Handler> = {
  '/json': (_req, res) => json(res, 200, { hello: 'world', n: [1, 2] }),
  '/text': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('plain words');
  },
  '/echo': (req, res, body) =>
    json(res, 200, { method: req.method, url: req.url, headers: req.headers, body }),
  '/flaky': (_req, res) => {
    const n = bump('/flaky');
    if (n <= 2) json(res, 503, { error: 'busy' });
    else json(res, 200, { attempt: n });
  },
  '/limited': (_req, res) => {
    const n = bump('/limited');
    if (n === 1) {
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
      res.end('{}');
    } else json(res, 200, { attempt: n });
  },
  '/missing': (_req, res) => json(res, 404, { error: 'no such thing' }),
  '/slow': (_req, res) => {
    setTimeout(() => json(res, 200, { late: true }), 2000).unref();
  },
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('x'.repeat(600));
    res.end('y'.repeat(600));
  },
  '/declared-big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000000' });
    res.end();
  },
  '/bytes': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
  '/to-json': (_req, res) => redirect(res, 302, '/json'),
  '/post-303': (_req, res) => redirect(res, 303, '/echo'),
  '/to-metadata': (_req, res) => redirect(res, 302, 'http://169.254.169.254/latest/meta-data/'),
  '/to-localhost': (_req, res) => redirect(res, 307, `http://localhost:${port}/json`),
  '/loop': (_req, res) => redirect(res, 302, '/loop'),
};

function bump(key: string): number {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
}
function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.push(path);
      const route = routes[path];
      if (route) route(req, res, Buffer.concat(chunks).toString('utf8'));
      else json(res, 404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits = [];
  counters.clear();
});

const allowLocal = { http: { allow: ['127.0.0.1'] } };
const call = (
  config: Record<string, unknown>,
  state: Record<string, never> | object = {},
  services: object = allowLocal,
) => runTool(httpRequest, { config, state: state as never, services });

describe('http.request against a local server (allow-listed)', () => {
  it('GETs JSON with a URL template and query parameters', async () => {
    const { patch, logs } = await call(
      { url: `${base}/echo?x=1`, query: { q: '{{term}}' } },
      { term: 'a b&c' },
    );
    const response = patch?.response as {
      status: number;
      ok: boolean;
      body: { url: string; method: string };
    };
    expect(response).toMatchObject({
      status: 200,
      ok: true,
      body: { method: 'GET', url: '/echo?x=1&q=a+b%26c' },
    });
    expect(logs[0]?.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/echo\?x=%E2%80%A6&q=%E2%80%A6 → 200/);
  });

  it('URL-encodes values inserted into the URL', async () => {
    const { patch } = await call({ url: `${base}/echo/{{id}}`, failOnStatus: false }, { id: '../json?x=1' });
    expect(hits).toEqual(['/echo/..%2Fjson%3Fx%3D1']);
    expect((patch!.response as { status: number }).status).toBe(404);
  });

  it('POSTs a JSON body with templated strings and typed placeholders', async () => {
    const { patch } = await call(
      {
        method: 'POST',
        url: `${base}/echo`,
        headers: { 'X-Trace': 'run-{{id}}' },
        body: { items: '{{items}}', note: 'for {{id}}' },
      },
      { id: 7, items: [1, { a: true }] },
    );
    const body = (patch!.response as { body: { headers: Record<string, string>; body: string } }).body;
    expect(JSON.parse(body.body)).toEqual({ items: [1, { a: true }], note: 'for 7' });
    expect(body.headers['content-type']).toBe('application/json');
    expect(body.headers['x-trace']).toBe('run-7');
  });

  it('sends form and text bodies', async () => {
    const form = await call({
      method: 'PUT',
      url: `${base}/echo`,
      bodyType: 'form',
      body: { a: '1', b: 'x y' },
    });
    expect((form.patch!.response as { body: { body: string } }).body.body).toBe('a=1&b=x+y');
    const text = await call(
      { method: 'PATCH', url: `${base}/echo`, bodyType: 'text', body: 'hi {{who}}' },
      { who: 'you' },
    );
    expect((text.patch!.response as { body: { body: string } }).body.body).toBe('hi you');
  });

  it('reads text, JSON and binary bodies by content type', async () => {
    expect(((await call({ url: `${base}/text` })).patch!.response as { body: unknown }).body).toBe(
      'plain words',
    );
    expect(((await call({ url: `${base}/bytes` })).patch!.response as { body: unknown }).body).toBe(
      'iVBORw==',
    );
    expect(
      ((await call({ url: `${base}/json`, responseType: 'text', into: 'r' })).patch!.r as { body: unknown })
        .body,
    ).toBe('{"hello":"world","n":[1,2]}');
  });

  it('retries 5xx with backoff and succeeds', async () => {
    const { patch, logs } = await call({ url: `${base}/flaky`, retries: 2, retryDelayMs: 1 });
    expect((patch!.response as { body: unknown }).body).toEqual({ attempt: 3 });
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('fails with HTTP_STATUS (retryable) when 5xx outlasts the retries', async () => {
    await expect(call({ url: `${base}/flaky`, retries: 1, retryDelayMs: 1 })).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      retryable: true,
    });
  });

  it('retries a 429 after Retry-After', async () => {
    const { patch } = await call({ url: `${base}/limited`, retries: 1, retryDelayMs: 10_000 });
    expect((patch!.response as { body: unknown }).body).toEqual({ attempt: 2 });
  });

  it('fails on 4xx unless told not to', async () => {
    await expect(call({ url: `${base}/missing` })).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      retryable: false,
    });
    const { patch } = await call({ url: `${base}/missing`, failOnStatus: false });
    expect(patch!.response).toMatchObject({ status: 404, ok: false, body: { error: 'no such thing' } });
    expect(hits).toEqual(['/missing', '/missing']);
  });

  it('times out each attempt', async () => {
    await expect(call({ url: `${base}/slow`, timeoutMs: 50, retries: 0 })).rejects.toMatchObject({
      code: 'HTTP_TIMEOUT',
    });
  });

  it('enforces the response size limit, streamed or declared', async () => {
    await expect(call({ url: `${base}/big`, maxBytes: 1000 })).rejects.toMatchObject({
      code: 'HTTP_TOO_LARGE',
    });
    await expect(call({ url: `${base}/declared-big` })).rejects.toMatchObject({ code: 'HTTP_TOO_LARGE' });
    await expect(
      call({ url: `${base}/big` }, {}, { http: { allow: ['127.0.0.1'], maxResponseBytes: 100 } }),
    ).rejects.toMatchObject({
      code: 'HTTP_TOO_LARGE',
    });
  });

  it('follows redirects, turning a 303 into a GET', async () => {
    const { patch } = await call({ url: `${base}/to-json` });
    expect(patch!.response).toMatchObject({ status: 200, url: `${base}/json`, body: { hello: 'world' } });
    const posted = await call({ method: 'POST', url: `${base}/post-303`, body: { a: 1 } });
    expect((posted.patch!.response as { body: { method: string; body: string } }).body).toMatchObject({
      method: 'GET',
      body: '',
    });
  });

  it('stops redirect loops', async () => {
    await expect(call({ url: `${base}/loop` })).rejects.toMatchObject({ code: 'HTTP_REDIRECTS' });
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by test')), 30);
    await expect(
      runTool(httpRequest, {
        config: { url: `${base}/slow` },
        services: allowLocal,
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled by test');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('http.request refuses internal targets', () => {
  const refused = async (url: string, services: object = {}) => {
    await expect(call({ url, retries: 0 }, {}, services)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  };

  it('refuses loopback by address and by a name that resolves there', async () => {
    await refused(`${base}/json`);
    await refused(`http://localhost:${port}/json`);
    await expect(call({ url: `http://localhost:${port}/json` }, {}, {})).rejects.toThrow(
      /localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(hits).toEqual([]);
  });

  it('refuses IPv4-mapped IPv6, unspecified, private, CGNAT and metadata addresses', async () => {
    await refused(`http://[::ffff:127.0.0.1]:${port}/json`);
    await refused(`http://[::1]:${port}/json`);
    await refused(`http://0.0.0.0:${port}/json`);
    await refused('http://10.0.0.1/');
    await refused('http://100.64.0.1/');
    await refused('http://169.254.169.254/latest/meta-data/');
    await refused('http://[fd00:ec2::254]/latest/meta-data/');
    await refused('http://[::]/');
    expect(hits).toEqual([]);
  });

  it('checks every redirect hop', async () => {
    await expect(call({ url: `${base}/to-metadata` })).rejects.toMatchObject({
      code: 'HTTP_BLOCKED',
      message: expect.stringContaining('169.254.169.254 is a cloud metadata address'),
    });
    await expect(
      call({ url: `${base}/to-localhost` }, {}, { http: { allow: [`127.0.0.1`] } }),
    ).resolves.toMatchObject({ patch: { response: { status: 200, body: { hello: 'world' } } } });
    expect(hits).toEqual(['/to-metadata', '/to-localhost', '/json']);
  });

  it('lets an allow-listed host name through', async () => {
    const { patch } = await call(
      { url: `http://localhost:${port}/json` },
      {},
      { http: { allow: ['localhost'] } },
    );
    expect((patch!.response as { status: number }).status).toBe(200);
  });

  it('refuses other schemes', async () => {
    await expect(call({ url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'HTTP_BAD_URL' });
    await expect(call({ url: '{{u}}' }, { u: 'not a url' })).rejects.toMatchObject({ code: 'HTTP_BAD_URL' });
  });
});
