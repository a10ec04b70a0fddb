import type { Command } from '../command.js';

/**
 * Every subcommand of `olinpe`, in the order `olinpe --help` lists them, each loaded only when it is run: a
 * command's module (and the library code it needs: nomenclature, zod models, rules…) is imported on first use, so
 * that `olinpe pseudonymise` does not pay, in start-up time and memory, for what `olinpe validate` needs.
 */
const LOADERS: ReadonlyArray<readonly [string, () => Promise<Command>]> = [
  ['demo', async () => (await import('./demo.js')).demoCommand],
  ['describe', async () => (await import('./describe.js')).describeCommand],
  ['pseudonymise', async () => (await import('./pseudonymise.js')).pseudonymiseCommand],
  ['rehash', async () => (await import('./rehash.js')).rehashCommand],
  ['report', async () => (await import('./report.js')).reportCommand],
  ['synth', async () => (await import('./synth.js')).synthCommand],
  ['convert', async () => (await import('./convert.js')).convertCommand],
  ['xsd', async () => (await import('./xsd.js')).xsdCommand],
  ['validate', async () => (await import('./validate.js')).validateCommand],
  ['audit', async () => (await import('./audit.js')).auditCommand],
  ['rules', async () => (await import('./rules.js')).rulesCommand],
  ['export', async () => (await import('./export.js')).exportCommand],
  ['serve', async () => (await import('./serve.js')).serveCommand],
];

/** The subcommand named `name`, its module loaded now; undefined for an unknown name. */
export function loadCommand(name: string): Promise<Command> | undefined {
  return LOADERS.find(([n]) => n === name)?.[1]();
}

/** Every subcommand, in the order `olinpe --help` lists them (loads them all: for the help text and tests). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(LOADERS.map(([, load]) => load()));
}
