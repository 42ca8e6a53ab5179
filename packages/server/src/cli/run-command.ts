import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { GraphDocument, JsonValue } from '@weft/engine';
import { serverOptionsFrom } from '../config/server-options.ts';
import { type CliIo, color, readInputFlag, UsageError } from './cli-io.ts';
import { runInProcess } from './in-process.ts';
import { ProgressPrinter } from './progress.ts';
import { type RunJson, ServerClient } from './server-client.ts';
import { localTools } from './tool-registry.ts';

export const RUN_HELP = `weft run <file.json | graphId> [options]

Runs a graph and shows its progress; prints the final state as JSON on stdout.
A file runs in this process unless --server is given; a graph id runs on a server.

  --input <JSON | @file.json>   the run input
  --server <url>                run on this server (default for a graph id: $WEFT_SERVER_URL or http://127.0.0.1:3000)
  --token <token>               API token of the server (default: $WEFT_API_TOKEN)
  --tools <module>              tool module to load for an in-process run (repeatable)

Exit codes: 0 completed, 1 failed or cancelled, 2 bad usage or invalid graph, 3 waiting for input.`;

/** Exit code for a run's final status. */
export const EXIT = { completed: 0, failed: 1, cancelled: 1, usage: 2, waiting: 3 } as const;

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      tools: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${RUN_HELP}\n`);
    return 0;
  }
  const [target, ...rest] = positionals;
  if (!target || rest.length > 0) throw new UsageError('weft run needs exactly one graph file or graph id');
  const input = await readInputFlag(values.input, io.cwd);
  const file = resolve(io.cwd, target);
  const isFile = target.endsWith('.json') || existsSync(file);
  const server = values.server ?? (isFile ? undefined : (io.env.WEFT_SERVER_URL ?? 'http://127.0.0.1:3000'));
  const progress = new ProgressPrinter(io);
  try {
    if (!server) {
      const document = await readDocument(file, target);
      const tools = await localTools(values.tools, io.cwd);
      const settings = serverOptionsFrom(io.env, {}, { examplesDir: null, cwd: io.cwd });
      const record = await runInProcess(document, input, {
        tools,
        services: {
          http: { allow: settings.httpAllow ?? [] },
          ...(settings.llm ? { llm: settings.llm } : {}),
          documentsRoot: settings.documentsRoot ?? io.cwd,
        },
        onEvent: (event) => progress.event(event),
      });
      progress.stop();
      return report(record, io, undefined);
    }
    if (values.tools)
      io.err(color(io.tty).yellow('--tools is ignored with --server: the server runs its own tools\n'));
    const client = new ServerClient(server, values.token ?? io.env.WEFT_API_TOKEN);
    const started = isFile
      ? await client.request<{ run: RunJson }>('POST', '/api/runs', {
          graph: await readDocument(file, target),
          input,
        })
      : await client.request<{ run: RunJson }>('POST', `/api/graphs/${encodeURIComponent(target)}/runs`, {
          input,
        });
    await client.follow(started.run.id, 0, (event) => progress.event(event));
    progress.stop();
    return report((await client.getRun(started.run.id)).run, io, server);
  } finally {
    progress.stop();
  }
}

async function readDocument(file: string, shown: string): Promise<GraphDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${shown}`);
  }
  try {
    return JSON.parse(text) as GraphDocument;
  } catch (error) {
    throw new UsageError(`${shown} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type FinalRun = Pick<RunJson, 'id' | 'status' | 'state' | 'error' | 'pending'>;

/** Prints the outcome: the state on stdout; on a wait, how to resume. Returns the exit code. */
export function report(run: FinalRun, io: CliIo, server: string | undefined): number {
  const c = color(io.tty);
  io.out(`${JSON.stringify(run.state ?? {}, null, 2)}\n`);
  if (run.status === 'completed') return EXIT.completed;
  if (run.status === 'failed') {
    io.err(c.red(`✖ run ${run.id} failed: ${run.error?.code}: ${run.error?.message}\n`));
    return EXIT.failed;
  }
  if (run.status === 'cancelled') return EXIT.cancelled;
  if (run.status === 'waiting') {
    for (const pending of run.pending) {
      const value = JSON.stringify(pending.payload);
      io.err(c.yellow(`⏸ run ${run.id} is waiting for node '${pending.nodeId}': ${value}\n`));
      if (server) {
        io.err(
          `  resume it with: weft resume ${run.id} --node ${pending.nodeId} --value '<JSON>' --server ${server}\n`,
        );
      }
    }
    if (!server) {
      io.err(
        '  This run ran in-process and ends with this command. To answer it later, run it on a server:\n' +
          '  weft serve, then: weft run <file> --server http://127.0.0.1:3000, then: weft resume <runId> --node <id> --value <JSON>\n',
      );
    }
    return EXIT.waiting;
  }
  return EXIT.failed;
}

export type { JsonValue };
