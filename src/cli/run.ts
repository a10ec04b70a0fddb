import type { CliIO } from './command.js';
import { BROKEN_PIPE_EXIT, isBrokenPipe, UsageError } from './command.js';
import { isParseArgsError, usageErrorOf } from './args.js';
import { loadCommand, loadCommands } from './commands/index.js';
import { VERSION } from '../version.js';
import { beginRun, discardPendingOutputs } from './io.js';

/** The list of commands (loads every command's module: only for this text). */
async function help(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: olinpe <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "olinpe <command> --help" for the options of a command.',
    '',
  ].join('\n');
}

/** Runs the CLI with the given arguments (without `node` and the script path); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  // The inputs of an earlier in-process run (tests) are not this run's: an output over one of them is allowed.
  beginRun();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr.write(`olinpe: commande inconnue « ${name} » (unknown command)\n\n${await help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (caught) {
    // A bad command line (unknown option, missing value…) from parseArgs: a usage error naming it.
    const error = isParseArgsError(caught) ? usageErrorOf(caught, name, command.usage) : caught;
    if (error instanceof UsageError) {
      io.stderr.write(`olinpe ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (isBrokenPipe(error)) return BROKEN_PIPE_EXIT; // the reader of the output stopped early: nothing to say
    // Never print a stack trace or input data: the message only, which our code keeps free of identity.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`olinpe ${name}: erreur inattendue (unexpected error): ${message}\n`);
    return 2;
  } finally {
    // An output the command did not complete is removed; the file it was meant to replace is left as it was.
    discardPendingOutputs();
  }
}
