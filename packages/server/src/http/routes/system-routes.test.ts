import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, threeNodeGraph } from '../../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('health, tools, metrics', () => {
  it('GET /api/health checks the database', async () => {
    t = await createTestApp();
    expect(await t.call('GET', '/api/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', db: 'ok', version: 'test' },
    });
    await t.store.close();
    expect(await t.call('GET', '/api/health')).toMatchObject({
      status: 503,
      body: { status: 'error', db: 'error' },
    });
    t = undefined;
  });

  it('GET /api/tools describes every registered tool with its config schema', async () => {
    t = await createTestApp();
    const res = await t.call('GET', '/api/tools');
    expect(res.status).toBe(200);
    const set = res.body.tools.find((tool: { id: string }) => tool.id === 'core.set');
    expect(set).toMatchObject({
      id: 'core.set',
      title: expect.any(String),
      category: expect.any(String),
      configSchema: { type: 'object' },
    });
    expect(res.body.tools.map((tool: { id: string }) => tool.id)).toEqual(
      expect.arrayContaining(['core.approval', 'core.compute']),
    );
  });

  it('GET /metrics reports runs, node durations, queue and active runs in Prometheus format', async () => {
    t = await createTestApp();
    await t.call('POST', '/api/graphs', threeNodeGraph());
    await t.call('POST', '/api/graphs/three/runs', { wait: true });
    const res = await t.app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const metric of [
      'weft_runs_started_total 1',
      'weft_runs_completed_total 1',
      'weft_runs_failed_total 0',
      'weft_runs_active 0',
      'weft_queue_depth 0',
      'weft_websocket_clients 0',
      'weft_node_duration_seconds_count{tool="core.set"} 1',
    ])
      expect(text).toContain(metric);
  });
});

describe('API description', () => {
  it('GET /api/openapi.json documents every route of the contract', async () => {
    t = await createTestApp();
    const spec = (await t.call('GET', '/api/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/api/graphs',
      '/api/graphs/validate',
      '/api/graphs/{id}',
      '/api/graphs/{id}/runs',
      '/api/graphs/{id}/versions',
      '/api/graphs/{id}/versions/{version}',
      '/api/health',
      '/api/runs',
      '/api/runs/{id}',
      '/api/runs/{id}/cancel',
      '/api/runs/{id}/events',
      '/api/runs/{id}/resume',
      '/api/tools',
    ]);
    expect(
      spec.paths['/api/graphs/{id}/runs'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('wait');
  });

  it('GET /docs is a self-contained page: no external script, style or font', async () => {
    t = await createTestApp();
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Weft API reference');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(/(src|href)=["']?https?:|@import|url\(/.test(html)).toBe(false);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
  });
});

describe('other paths', () => {
  it('answers unknown API routes with a JSON 404 and GET /api/ws without upgrade with 426', async () => {
    t = await createTestApp();
    expect(await t.call('GET', '/api/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(await t.call('PATCH', '/api/graphs/x')).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(await t.call('GET', '/api/ws')).toMatchObject({
      status: 426,
      body: { error: { code: 'UPGRADE_REQUIRED' } },
    });
  });

  it('sends no CORS headers unless origins are configured', async () => {
    t = await createTestApp();
    const plain = await t.app.request('/api/health', { headers: { origin: 'https://elsewhere.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    await t.close();
    t = await createTestApp({ config: { corsOrigins: ['https://ok.example'] } });
    const ok = await t.app.request('/api/health', { headers: { origin: 'https://ok.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ok.example');
    const other = await t.app.request('/api/health', { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/api/graphs', {
      method: 'OPTIONS',
      headers: { origin: 'https://ok.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('serves a placeholder page when the editor is not built', async () => {
    t = await createTestApp({ config: { editorDir: '/nonexistent/dist' } });
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('editor has not been built');
  });

  it('serves the built editor with SPA fallback, and nothing outside its folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-editor-'));
    try {
      await mkdir(join(dir, 'assets'));
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>editor</title>');
      await writeFile(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
      t = await createTestApp({ config: { editorDir: dir } });
      const index = await t.app.request('/');
      expect(await index.text()).toContain('<title>editor</title>');
      const asset = await t.app.request('/assets/app-1234.js');
      expect(asset.headers.get('content-type')).toContain('text/javascript');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(await (await t.app.request('/graphs/hello/edit')).text()).toContain('<title>editor</title>');
      expect((await t.app.request('/assets/missing.js')).status).toBe(404);
      expect((await t.app.request('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
      expect((await t.app.request('/%E0%A4%A')).status).toBe(400);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
