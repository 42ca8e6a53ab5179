import { parseArgs } from 'node:util';
import { serverOptionsFrom } from '../config/server-options.ts';
import { createServer } from '../main.ts';
import type { CliIo } from './cli-io.ts';
import { defaultEditorDir, defaultExamplesDir } from './paths.ts';

export const SERVE_HELP = `weft serve [options]

Starts the Weft server (REST, WebSocket, the editor) and prints 'Weft listening on http://host:port'.

  --port <n>            port (default: $PORT or 3000; 0 picks a free one)
  --host <host>         interface (default: $HOST or 127.0.0.1)
  --db <path | url>     SQLite file or postgres:// URL (default: $DATABASE_URL or ./data/weft.db)
  --tools <module>      module exporting tools, TypeScript or JavaScript (repeatable)
  --examples <dir>      example graphs to import on first start (default: the checkout's examples/)
  --concurrency <n>     runs executing at once (default: 100)
  --mode <mode>         all (default): API and runs in one process; with a postgres:// database,
                        api (REST, WebSocket, editor) and worker (executes runs) share the runs
                        of the database through pg-boss — see docs/deployment.md
  --log-level <level>   pino level: debug, info (default), warn, error, silent

Environment: WEFT_API_TOKEN, WEFT_BODY_LIMIT, WEFT_CORS_ORIGINS, WEFT_WS_ORIGINS, WEFT_HTTP_ALLOW,
WEFT_LLM_BASE_URL, WEFT_LLM_API_KEY, WEFT_LLM_MODEL, WEFT_DOCUMENTS_DIR, WEFT_EXAMPLES_DIR,
WEFT_RETENTION_DAYS, WEFT_RETENTION_RUNS_PER_GRAPH, WEFT_WS_MAX_BUFFER, WEFT_LOG_LEVEL,
WEFT_CONCURRENCY, WEFT_DATABASE_SCHEMA, WEFT_DATABASE_POOL_SIZE; api and worker modes:
WEFT_QUEUE_SCHEMA, WEFT_LEASE_MS, WEFT_HEARTBEAT_MS, WEFT_QUEUE_POLL_MS.`;

/** Runs until SIGINT or SIGTERM, then closes cleanly. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      tools: { type: 'string', multiple: true },
      examples: { type: 'string' },
      concurrency: { type: 'string' },
      mode: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${SERVE_HELP}\n`);
    return 0;
  }
  const options = serverOptionsFrom(io.env, values, {
    examplesDir: defaultExamplesDir(),
    editorDir: defaultEditorDir(),
    cwd: io.cwd,
  });
  const server = await createServer(options);
  let address: { url: string };
  try {
    address = await server.listen();
  } catch (error) {
    await server.close();
    throw error;
  }
  io.out(`Weft listening on ${address.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.logger.info({ signal }, 'shutting down');
  await server.close();
  return 0;
}
