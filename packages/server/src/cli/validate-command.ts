import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validateGraph } from '@weft/engine';
import { type CliIo, color, UsageError } from './cli-io.ts';
import { formatProblems } from './format-problems.ts';
import { ServerClient } from './server-client.ts';
import { localTools, serverTools } from './tool-registry.ts';

export const VALIDATE_HELP = `weft validate <file.json> [options]

Prints every problem of a graph document with its path; exits 1 when there is any.

  --tools <module>   tool module whose tools the graph may use (repeatable)
  --server <url>     validate against the tools of this server instead
  --token <token>    API token of the server (default: $WEFT_API_TOKEN)`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tools: { type: 'string', multiple: true },
      server: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const [target, ...rest] = positionals;
  if (!target || rest.length > 0) throw new UsageError('weft validate needs exactly one graph file');
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, target), 'utf8');
  } catch {
    throw new UsageError(`cannot read ${target}`);
  }
  const c = color(io.tty);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    io.out(`${target}: not JSON: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const tools = values.server
    ? await serverTools(new ServerClient(values.server, values.token ?? io.env.WEFT_API_TOKEN))
    : await localTools(values.tools, io.cwd);
  const problems = validateGraph(document, tools);
  if (problems.length === 0) {
    const doc = document as { nodes: unknown[]; edges: unknown[] };
    io.out(`${c.green('✔')} ${target}: valid (${doc.nodes.length} nodes, ${doc.edges.length} edges)\n`);
    return 0;
  }
  io.out(formatProblems(target, problems, io.tty));
  return 1;
}
