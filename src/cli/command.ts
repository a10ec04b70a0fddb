/**
 * The contract between the `olinpe` command and its subcommands. Each subcommand lives in
 * `src/cli/commands/<name>.ts`, exports a {@link Command}, and is listed in `src/cli/commands/index.ts`.
 * Subcommands parse their own arguments with `node:util` `parseArgs`, read and write through `io`
 * (never `process.stdout` directly, so tests can run them in-process), and return an exit code.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

export interface Command {
  /** The subcommand name, e.g. `describe`. */
  name: string;
  /** One line for `olinpe --help`. */
  summary: string;
  /** Full usage text for `olinpe <name> --help`. */
  usage: string;
  /** Runs the subcommand; resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** An error whose message is shown to the user as is (no stack trace), with an exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit code when the reader of the output went away (a shell's code for a command killed by SIGPIPE: 128 + 13). */
export const BROKEN_PIPE_EXIT = 141;

/** Whether an error is a write to a pipe whose reader has gone (`olinpe … | head`). */
export function isBrokenPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE';
}
