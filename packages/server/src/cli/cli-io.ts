import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JsonValue } from '@weft/engine';

/** Where the CLI writes: progress and messages to stderr, results to stdout (so they can be piped). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Colours and the spinner only on a terminal, and never with NO_COLOR. */
  readonly tty: boolean;
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  env: process.env,
  cwd: process.cwd(),
};

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

/** `--input '{"a":1}'` or `--input @file.json`. */
export async function readInputFlag(value: string | undefined, cwd: string): Promise<JsonValue> {
  if (value === undefined) return null;
  const text = value.startsWith('@') ? await readFile(resolve(cwd, value.slice(1)), 'utf8') : value;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new UsageError(`--input is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const color = (tty: boolean) => {
  const wrap = (code: number) => (text: string) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), cyan: wrap(36), bold: wrap(1) };
};
