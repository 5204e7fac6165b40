import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes of the `campaign` command. */
export const EXIT = { ok: 0, failure: 1, rejected: 2 } as const;

/** Input the user can fix (bad arguments, a rejected file): exit 2 with a plain message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** node's parseArgs, with its errors turned into InputError (exit 2). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new InputError(`${(e as Error).message}\n\nUsage: ${usage}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Progress for long work, on stderr so --json output stays clean; only on a terminal. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${message}\x1b[K`);
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
