import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

/** Runs the CLI in-process; returns exit code, stdout and stderr. */
export async function cli(
  args: string[],
  cwd: string,
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), cwd };
  let out = '';
  let err = '';
  io.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  io.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  io.stdin.end(stdin);
  const code = await runCli(args, io);
  return { code, out, err };
}
