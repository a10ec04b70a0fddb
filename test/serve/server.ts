/**
 * Starts `olinpe serve` as a user does (the real entry point in a child process, port 0 on loopback) and gives
 * its address, its output so far, and a way to stop it (SIGTERM to that child only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliArgs, ensureCli } from '../support/dist.js';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Everything written on stderr and stdout so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServer(args: string[], cwd = process.cwd()): Promise<RunningServer> {
  await ensureCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(['serve', '--port', '0', ...args]), {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /à l'écoute sur (http:\/\/[^\s]+)/.exec(out);
      if (m && !started) {
        started = true;
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            return closed;
          },
        });
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.on('error', reject);
    void closed.then((code) => {
      if (!started) reject(new Error(`olinpe serve exited with ${code} before listening: ${out}`));
    });
  });
}
