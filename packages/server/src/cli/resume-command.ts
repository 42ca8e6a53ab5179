import { parseArgs } from 'node:util';
import type { JsonValue } from '@weft/engine';
import { type CliIo, UsageError } from './cli-io.ts';
import { ProgressPrinter } from './progress.ts';
import { report } from './run-command.ts';
import { type RunJson, ServerClient } from './server-client.ts';

export const RESUME_HELP = `weft resume <runId> --node <nodeId> --value <JSON> [options]

Answers a waiting run's pending node on a server, follows the run, prints its final state.

  --node <id>         the waiting node
  --value <JSON>      what the node receives (ctx.resume); '@file.json' reads a file
  --server <url>      the server (default: $WEFT_SERVER_URL or http://127.0.0.1:3000)
  --token <token>     API token (default: $WEFT_API_TOKEN)`;

export async function resumeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      node: { type: 'string' },
      value: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${RESUME_HELP}\n`);
    return 0;
  }
  const [runId, ...rest] = positionals;
  if (!runId || rest.length > 0) throw new UsageError('weft resume needs exactly one run id');
  if (!values.node) throw new UsageError('weft resume needs --node <nodeId>');
  let value: JsonValue = null;
  if (values.value !== undefined) {
    try {
      value = JSON.parse(values.value) as JsonValue;
    } catch {
      throw new UsageError(`--value is not JSON: ${values.value} (a string needs quotes: --value '"yes"')`);
    }
  }
  const server = values.server ?? io.env.WEFT_SERVER_URL ?? 'http://127.0.0.1:3000';
  const client = new ServerClient(server, values.token ?? io.env.WEFT_API_TOKEN);
  const { run } = await client.request<{ run: RunJson }>(
    'POST',
    `/api/runs/${encodeURIComponent(runId)}/resume`,
    {
      nodeId: values.node,
      value,
    },
  );
  const progress = new ProgressPrinter(io);
  try {
    await client.follow(run.id, run.lastSeq, (event) => progress.event(event));
  } finally {
    progress.stop();
  }
  return report((await client.getRun(run.id)).run, io, server);
}
