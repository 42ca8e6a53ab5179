import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalGraph, threeNodeGraph } from '../testing/test-app.ts';
import { type RunningTestServer, startTestServer } from '../testing/test-server.ts';
import type { CliIo } from './cli-io.ts';
import { main } from './main.ts';

const TOOLS = fileURLToPath(new URL('../../test/fixtures/cli-tools.ts', import.meta.url));
let dir: string;
let server: RunningTestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-cli-'));
  await writeFile(join(dir, 'three.json'), JSON.stringify(threeNodeGraph()));
  await writeFile(join(dir, 'approval.json'), JSON.stringify(approvalGraph()));
  await writeFile(join(dir, 'input.json'), JSON.stringify({ greeting: 'hi' }));
  await writeFile(
    join(dir, 'broken.json'),
    JSON.stringify({ ...threeNodeGraph(), edges: [{ id: 'e1', from: 'a', to: 'zz' }] }),
  );
  await writeFile(join(dir, 'not-json.json'), '{ nope');
  await writeFile(
    join(dir, 'failing.json'),
    JSON.stringify({
      format: 'weft.graph/1',
      id: 'failing',
      name: 'Failing',
      nodes: [{ id: 'boom', tool: 'core.fail', config: { code: 'BAD', message: 'it broke' } }],
      edges: [],
    }),
  );
  await writeFile(
    join(dir, 'custom.json'),
    JSON.stringify({
      format: 'weft.graph/1',
      id: 'custom',
      name: 'Custom',
      nodes: [{ id: 'shout', tool: 'cli.shout' }],
      edges: [],
    }),
  );
  server = await startTestServer();
  await fetch(`${server.url}/api/graphs`, { method: 'POST', body: JSON.stringify(threeNodeGraph()) });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function weft(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), tty: false, env: {}, cwd: dir };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('weft validate', () => {
  it('says a good graph is valid (exit 0) and lists every problem of a bad one with its path (exit 1)', async () => {
    expect(await weft('validate', 'three.json')).toMatchObject({
      code: 0,
      out: expect.stringContaining('valid (3 nodes, 2 edges)'),
    });
    const bad = await weft('validate', 'broken.json');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('broken.json: edges[0].to: DANGLING_EDGE');
    expect((await weft('validate', 'not-json.json')).code).toBe(1);
    expect((await weft('validate', 'custom.json')).out).toContain('UNKNOWN_TOOL');
    expect((await weft('validate', 'custom.json', '--tools', TOOLS)).code).toBe(0);
    expect((await weft('validate', 'custom.json', '--server', server.url)).code).toBe(1);
  });

  it('exits 2 on bad usage', async () => {
    expect((await weft('validate')).code).toBe(2);
    expect((await weft('validate', 'missing.json')).code).toBe(2);
    expect((await weft('validate', '--bogus', 'three.json')).code).toBe(2);
    expect((await weft('frobnicate')).code).toBe(2);
  });
});

describe('weft run in-process', () => {
  it('prints one line per node event on stderr and the final state as JSON on stdout', async () => {
    const { code, out, err } = await weft('run', 'three.json', '--input', '{"x":1}');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ x: 1, a: 1, b: 2 });
    expect(err).toMatch(/▶ a/);
    expect(err).toMatch(/✔ b/);
    expect(err).toContain('run completed');
    expect(err.includes('\u001b[')).toBe(false);
  });

  it('reads --input @file, loads --tools modules, fails with exit 1, waits with exit 3', async () => {
    expect(JSON.parse((await weft('run', 'three.json', '--input', '@input.json')).out)).toMatchObject({
      greeting: 'hi',
    });
    const custom = await weft('run', 'custom.json', '--tools', TOOLS, '--input', '{"text":"hey"}');
    expect(custom.code).toBe(0);
    expect(JSON.parse(custom.out)).toMatchObject({ loud: 'HEY' });
    const failed = await weft('run', 'failing.json');
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('BAD: it broke');
    const waiting = await weft('run', 'approval.json');
    expect(waiting.code).toBe(3);
    expect(waiting.err).toContain("waiting for node 'approve'");
    expect(waiting.err).toContain('run it on a server');
  });

  it('refuses an invalid graph with its problems (exit 2) and bad input (exit 2)', async () => {
    const broken = await weft('run', 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('DANGLING_EDGE');
    expect((await weft('run', 'three.json', '--input', '{oops')).code).toBe(2);
  });
});

describe('weft run and resume against a server', () => {
  it('runs a saved graph by id and a file, following live events', async () => {
    const byId = await weft('run', 'three', '--server', server.url, '--input', '{"y":2}');
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.out)).toEqual({ y: 2, a: 1, b: 2 });
    expect(byId.err).toContain('run completed');
    const byFile = await weft('run', 'three.json', '--server', server.url);
    expect(byFile.code).toBe(0);
  });

  it('prints how to resume a waiting run, and weft resume finishes it', async () => {
    const waiting = await weft('run', 'approval.json', '--server', server.url);
    expect(waiting.code).toBe(3);
    const advice = /weft resume (\S+) --node approve --value '<JSON>' --server (\S+)/.exec(waiting.err);
    expect(advice).not.toBeNull();
    const resumed = await weft(
      'resume',
      advice![1]!,
      '--node',
      'approve',
      '--value',
      '"yes"',
      '--server',
      advice![2]!,
    );
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ approved: 'yes', done: true });
    expect((await weft('resume', advice![1]!, '--node', 'approve', '--server', server.url)).err).toContain(
      'NOT_WAITING',
    );
  });

  it('reports an unknown graph and an unreachable server', async () => {
    const missing = await weft('run', 'nope', '--server', server.url);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('GRAPH_NOT_FOUND');
    const down = await weft('run', 'three', '--server', 'http://127.0.0.1:1');
    expect(down.code).toBe(1);
    expect(down.err).toContain('cannot reach the Weft server');
  });
});
