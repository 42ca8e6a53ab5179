import { ServerError } from '../errors.ts';
import { SERVER_VERSION } from '../main.ts';
import { type CliIo, processIo, UsageError } from './cli-io.ts';
import { formatProblems } from './format-problems.ts';
import { RESUME_HELP, resumeCommand } from './resume-command.ts';
import { EXIT, RUN_HELP, runCommand } from './run-command.ts';
import { SERVE_HELP, serveCommand } from './serve-command.ts';
import { ServerRequestError } from './server-client.ts';
import { VALIDATE_HELP, validateCommand } from './validate-command.ts';

const HELP = `weft — run and serve Weft workflow graphs

  weft serve [--port 3000] [--host 127.0.0.1] [--db ./data/weft.db | postgres://…] [--tools ./my-tools.ts]
  weft run <file.json | graphId> [--input JSON | --input @file.json] [--server URL]
  weft resume <runId> --node <id> --value JSON [--server URL]
  weft validate <file.json> [--tools ./my-tools.ts]

'weft <command> --help' explains a command.`;

const COMMANDS: Record<string, { run(args: string[], io: CliIo): Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  run: { run: runCommand, help: RUN_HELP },
  resume: { run: resumeCommand, help: RESUME_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
};

/** The `weft` CLI; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`);
    return name ? 0 : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${SERVER_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`weft: unknown command '${name}'\n\n${HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return failure(name, error, io, command.help);
  }
}

function failure(name: string, error: unknown, io: CliIo, help: string): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`weft ${name}: ${message}\n\n${help}\n`);
    return EXIT.usage;
  }
  if (
    (error instanceof ServerError || error instanceof ServerRequestError) &&
    error.code === 'INVALID_GRAPH'
  ) {
    io.err(`weft ${name}: ${message}\n`);
    if (Array.isArray(error.details)) io.err(formatProblems('graph', error.details, io.tty));
    return EXIT.usage;
  }
  if (error instanceof ServerError || error instanceof ServerRequestError) {
    io.err(`weft ${name}: ${error.code}: ${message}\n`);
    return EXIT.failed;
  }
  io.err(`weft ${name}: ${message}\n`);
  return EXIT.failed;
}
