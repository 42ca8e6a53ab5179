import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventually } from '../src/testing/test-app.ts';

const BIN = fileURLToPath(new URL('../bin/weft.mjs', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far (its log lines). */
  stderr(): string;
  /** Sends the signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `weft serve` in a child process and resolves once it prints its URL. */
export function startServerProcess(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, WEFT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Weft listening on (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        stderr: () => stderr,
        async stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
    });
  });
}

export interface Call {
  pid: number;
  nodeId: string;
  key: string;
  phase: 'start' | 'end';
}

export function readCalls(file: string): Call[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Call);
  } catch {
    return [];
  }
}

export async function api<T = { run: Record<string, unknown> }>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** `approve` (a `core.approval` writing `approved`), then `after` (a recorded 10 ms step). */
export function approveThenRecord(id: string) {
  return {
    format: 'weft.graph/1',
    id,
    name: 'Approve, then record',
    nodes: [
      { id: 'approve', tool: 'core.approval', config: { prompt: 'Ship it?', key: 'approved' } },
      { id: 'after', tool: 'test.record', config: { ms: 10 } },
    ],
    edges: [{ id: 'e1', from: 'approve', to: 'after' }],
  };
}

/** `eventually` with a process's patience: 20 s by default. */
export const until = <T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  intervalMs = 10,
) => eventually(check, timeoutMs, intervalMs);
