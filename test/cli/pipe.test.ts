/**
 * `olinpe … | head`: the reader of the output stops early and closes the pipe. The command must stop quietly,
 * with no message and no stack trace, and exit 141 (what a shell reports for a command killed by SIGPIPE).
 * Run as a user would: the real entry point in a child process, its stdout a pipe that this test closes after
 * the first bytes.
 */
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliArgs, ensureCli } from '../support/dist.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

/** Runs the CLI with its stdout a pipe whose reading end is closed at once (before the command writes). */
function runClosingEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy(); // as `head` does once it has what it wants; here before the first byte, so every write fails
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output to a pipe closed early', () => {
  // One command writing straight to stdout (describe), one streaming a file through the CLI's output (synth).
  for (const args of [
    ['describe', '--edition', '2011', '--format', 'json'],
    ['synth', '--year', '2023', '--records', '2000'],
  ]) {
    it(`olinpe ${args.join(' ')}: stops quietly, exit 141`, async () => {
      const { code, stderr } = await runClosingEarly(args);
      expect(stderr).toBe('');
      expect(code).toBe(141);
    }, 30_000);
  }
});
