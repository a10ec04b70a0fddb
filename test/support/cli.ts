/** Runs the `olinpe` CLI in-process, as `main.ts` would, and collects its exit code and output. */
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stderrTTY`: stderr says it is a terminal (`isTTY`), as when a person runs the command in a shell. */
export async function cli(
  args: string[],
  options: { stdin?: string | Uint8Array; cwd?: string; stderrTTY?: boolean } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (options.stderrTTY) Object.assign(stderr, { isTTY: true });
  const stdin = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (c: Buffer) => (chunks.stdout += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.stderr += c.toString()));
  stdin.end(options.stdin ?? '');
  const code = await runCli(args, { stdin, stdout, stderr, cwd: options.cwd ?? process.cwd() });
  return { code, ...chunks };
}
