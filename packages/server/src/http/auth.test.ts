import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalGraph, createTestApp, type TestApp, threeNodeGraph } from '../testing/test-app.ts';
import { bearerToken, tokenMatches } from './auth.ts';

const TOKEN = 's3cret-token';
const auth = { authorization: `Bearer ${TOKEN}` };

let t: TestApp;
const ids: Record<string, string> = {};
const url = (path: string) => path.replace(/\{(\w+)\}/g, (_, key: string) => ids[key]!);
beforeAll(async () => {
  t = await createTestApp({ config: { apiToken: TOKEN } });
  await t.call('POST', '/api/graphs', threeNodeGraph(), auth);
  await t.call('POST', '/api/graphs', approvalGraph(), auth);
  ids.resumable = (await t.call('POST', '/api/graphs/approval/runs', { wait: true }, auth)).body.run.id;
  ids.cancellable = (await t.call('POST', '/api/graphs/approval/runs', { wait: true }, auth)).body.run.id;
});
afterAll(async () => {
  await t.close();
});

/** Every protected route of DESIGN §6 with a request that succeeds when the token is right. */
const routes: Array<[method: string, path: string, body?: unknown]> = [
  ['GET', '/api/health'],
  ['GET', '/api/tools'],
  ['POST', '/api/graphs/validate', { graph: threeNodeGraph() }],
  ['GET', '/api/graphs'],
  ['POST', '/api/graphs', threeNodeGraph('created')],
  ['GET', '/api/graphs/three'],
  ['PUT', '/api/graphs/three', threeNodeGraph()],
  ['GET', '/api/graphs/three/versions'],
  ['GET', '/api/graphs/three/versions/1'],
  ['POST', '/api/graphs/three/runs', { wait: true }],
  ['POST', '/api/runs', { graph: threeNodeGraph('doc'), wait: true }],
  ['GET', '/api/runs'],
  ['GET', '/api/runs/{resumable}'],
  ['GET', '/api/runs/{resumable}/events'],
  ['POST', '/api/runs/{resumable}/resume', { nodeId: 'approve', value: true, wait: true }],
  ['POST', '/api/runs/{cancellable}/cancel'],
  ['DELETE', '/api/graphs/created'],
  ['GET', '/api/openapi.json'],
  ['GET', '/metrics'],
];

describe('API token', () => {
  describe.each(routes)('%s %s', (method, path, body) => {
    it('is refused without a token, before the body is read', async () => {
      const res = await t.call(method, url(path), body === undefined ? undefined : '{ not json');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    });

    it('is refused with a wrong token or scheme', async () => {
      expect((await t.call(method, url(path), body, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await t.call(method, url(path), body, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
      expect((await t.call(method, url(path), body, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    });

    it('is served with the right token', async () => {
      const res = await t.call(method, url(path), body, auth);
      expect(res.status).toBeLessThan(300);
    });
  });

  it('refuses an oversized body without a token with 401, not 413', async () => {
    const res = await t.call('POST', '/api/graphs', 'x'.repeat(2 * 1024 * 1024));
    expect(res.status).toBe(401);
  });

  it('leaves the editor and the API reference public', async () => {
    expect((await t.app.request('/docs')).status).toBe(200);
    expect((await t.app.request('/')).status).toBe(200);
  });
});

describe('token helpers', () => {
  it('reads bearer tokens and compares them exactly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc  ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });
});
