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
