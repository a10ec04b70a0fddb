import process from 'node:process';
import { BROKEN_PIPE_EXIT, isBrokenPipe } from './command.js';
import { runCli } from './run.js';

// A reader that stops early (`olinpe describe … | head`) closes the pipe: stop quietly, with the exit code a
// shell gives a command killed by SIGPIPE, as Unix tools do. Any other output error ends the run with code 2.
process.stdout.on('error', (error) => {
  if (!isBrokenPipe(error)) process.stderr.write(`olinpe: sortie impossible (cannot write output): ${error.message}\n`);
  process.exit(isBrokenPipe(error) ? BROKEN_PIPE_EXIT : 2);
});
process.stderr.on('error', () => process.exit(BROKEN_PIPE_EXIT));

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
process.exitCode = code;
