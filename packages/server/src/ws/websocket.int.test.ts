import { afterEach, describe, expect, it } from 'vitest';
import {
  expectGapless,
  type RunningTestServer,
  startTestServer,
  TestClient,
} from '../testing/test-server.ts';
import { createTestTools } from '../testing/test-tools.ts';

let running: RunningTestServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await running?.close();
  running = undefined;
});

const client = (url: string, options?: ConstructorParameters<typeof TestClient>[1]) => {
  const c = new TestClient(url, options);
  clients.push(c);
  return c;
};

const emitterGraph = (count: number, size = 16, every = 25, pauseMs = 0) => ({
  format: 'weft.graph/1',
  id: 'emitter',
  name: 'Emitter',
  nodes: [
    { id: 'start', tool: 'core.pass' },
    { id: 'emit', tool: 'test.emit', config: { count, size, every, pauseMs } },
    { id: 'end', tool: 'core.set', config: { values: { done: true } } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'emit' },
    { id: 'e2', from: 'emit', to: 'end' },
  ],
});

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<{ run: { id: string; lastSeq: number; status: string } }>;
}

describe('GET /api/ws: replay, then live', () => {
  it('gives every subscriber every event once, in order, whenever it joins and from any seq', async () => {
    running = await startTestServer({ tools: createTestTools().tools });
    const { url, wsUrl } = running;
    const { run } = await post(url, '/api/runs', { graph: emitterGraph(3000, 16, 25, 2) });
    const subscribers: Array<{ client: TestClient; after: number }> = [];
    let joinedWhileRunning = 0;
    // Join at different moments of the run, some from the start, some from wherever it has got to.
    for (let i = 0; i < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, i * 5));
      const stored = (await (await fetch(`${url}/api/runs/${run.id}`)).json()) as {
        run: { lastSeq: number; status: string };
      };
      if (stored.run.status === 'running') joinedWhileRunning++;
      const after = i % 2 === 0 ? 0 : Math.floor(stored.run.lastSeq * Math.random());
      const c = client(wsUrl);
      await c.opened;
      c.send({ type: 'subscribe', runId: run.id, after });
      subscribers.push({ client: c, after });
    }
    for (const { client: c } of subscribers)
      await c.waitFor((m) => (m.event as { type?: string })?.type === 'run.completed');
    const final = (await (await fetch(`${url}/api/runs/${run.id}`)).json()) as { run: { lastSeq: number } };
    expect(final.run.lastSeq).toBeGreaterThan(3000);
    expect(joinedWhileRunning).toBeGreaterThanOrEqual(6);
    for (const { client: c, after } of subscribers) {
      expect(c.messages[0]).toEqual({ type: 'subscribed', runId: run.id });
      expectGapless(
        c.events(run.id).map((e) => e.seq),
        after,
        final.run.lastSeq,
      );
    }
  });

  it('replays a finished run and stops listening after its final event', async () => {
    running = await startTestServer({ tools: createTestTools().tools });
    const { run } = await post(running.url, '/api/runs', { graph: emitterGraph(10), wait: true });
    const c = client(running.wsUrl);
    await c.opened;
    c.send({ type: 'subscribe', runId: run.id, after: 3 });
    await c.waitFor((m) => (m.event as { type?: string })?.type === 'run.completed');
    expectGapless(
      c.events().map((e) => e.seq),
      3,
      run.lastSeq,
    );
    expect(running.server.runs.bus.watchedRuns).toBe(0);
  });

  it('answers bad messages and unknown runs with errors, and stops after unsubscribe', async () => {
    const testTools = createTestTools();
    running = await startTestServer({ tools: testTools.tools });
    const c = client(running.wsUrl);
    await c.opened;
    c.socket.send('not json');
    await c.waitFor((m) => m.type === 'error' && m.code === 'INVALID_MESSAGE');
    c.send({ type: 'subscribe' });
    c.send({ type: 'dance', runId: 'x' });
    c.send({ type: 'subscribe', runId: 'x', after: -1 });
    await c.waitFor(() => c.messages.filter((m) => m.code === 'INVALID_MESSAGE').length === 4);
    c.send({ type: 'subscribe', runId: 'missing' });
    expect(await c.waitFor((m) => m.code === 'RUN_NOT_FOUND')).toMatchObject({
      type: 'error',
      runId: 'missing',
    });

    const graph = {
      format: 'weft.graph/1',
      id: 'held',
      name: 'held',
      nodes: [{ id: 'wait', tool: 'test.gate', config: { name: 'ws' } }],
      edges: [],
    };
    const { run } = await post(running.url, '/api/runs', { graph });
    c.send({ type: 'subscribe', runId: run.id });
    await c.waitFor((m) => (m.event as { type?: string })?.type === 'node.started');
    c.send({ type: 'unsubscribe', runId: run.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = c.events(run.id).length;
    testTools.gates.open('ws');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.events(run.id).length).toBe(seen);
  });
});

describe('GET /api/ws: slow readers', () => {
  it('closes a reader that falls behind with code 4008; it resumes with after and misses nothing', async () => {
    running = await startTestServer({ tools: createTestTools().tools, wsMaxBufferedBytes: 64 * 1024 });
    const { url, wsUrl } = running;
    const { run } = await post(url, '/api/runs', { graph: emitterGraph(800, 64_000, 10) });
    const slow = client(wsUrl);
    await slow.opened;
    slow.send({ type: 'subscribe', runId: run.id });
    await slow.waitFor((m) => m.type === 'subscribed');
    slow.socket.pause();
    // Let the run race ahead while nothing is read.
    for (;;) {
      const stored = (await (await fetch(`${url}/api/runs/${run.id}`)).json()) as { run: { status: string } };
      if (stored.run.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    slow.socket.resume();
    const { code, reason } = await slow.closed;
    expect(code).toBe(4008);
    expect(reason).toContain('slow consumer');
    const got = slow.events().map((e) => e.seq);
    const last = got.at(-1) ?? 0;
    expectGapless(got, 0, last);

    const again = client(wsUrl);
    await again.opened;
    again.send({ type: 'subscribe', runId: run.id, after: last });
    await again.waitFor((m) => (m.event as { type?: string })?.type === 'run.completed');
    const final = (await (await fetch(`${url}/api/runs/${run.id}`)).json()) as { run: { lastSeq: number } };
    expectGapless(
      again.events().map((e) => e.seq),
      last,
      final.run.lastSeq,
    );
  });
});

describe('GET /api/ws: who may connect', () => {
  const TOKEN = 'ws-token';

  it('checks the token on upgrade: header or bearer subprotocol', async () => {
    running = await startTestServer({ apiToken: TOKEN });
    const { wsUrl } = running;
    await expect(client(wsUrl).opened).rejects.toThrow('HTTP 401');
    await expect(client(wsUrl, { headers: { authorization: 'Bearer nope' } }).opened).rejects.toThrow(
      'HTTP 401',
    );
    await expect(client(wsUrl, { protocols: ['weft', 'bearer.nope'] }).opened).rejects.toThrow('HTTP 401');
    const byHeader = client(wsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    await byHeader.opened;
    const byProtocol = client(wsUrl, { protocols: ['weft', `bearer.${TOKEN}`] });
    await byProtocol.opened;
    expect(byProtocol.socket.protocol).toBe('weft');
    const metrics = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await metrics.text()).toContain('weft_websocket_clients 2');
  });

  it('accepts its own origin and allowed ones, refuses others and other paths', async () => {
    running = await startTestServer({ wsOrigins: ['https://editor.example'] });
    const { url, wsUrl } = running;
    await expect(client(wsUrl, { headers: { origin: 'https://evil.example' } }).opened).rejects.toThrow(
      'HTTP 403',
    );
    await client(wsUrl, { headers: { origin: url } }).opened;
    await client(wsUrl, { headers: { origin: 'https://editor.example' } }).opened;
    await client(wsUrl).opened;
    await expect(client(wsUrl.replace('/api/ws', '/api/other')).opened).rejects.toThrow('HTTP 404');
  });
});
