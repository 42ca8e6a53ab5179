import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; stderr by default, so stdout carries only what the CLI prints for programs. */
  destination?: DestinationStream;
}

/** The server's pino logger: JSON lines, ISO times, `runId`/`nodeId` fields on run and node messages. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { name: 'weft' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything (tests, the CLI's in-process runs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
