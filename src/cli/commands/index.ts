import type { Command } from '../command.js';
import { describeCommand } from './describe.js';
import { pseudonymiseCommand } from './pseudonymise.js';
import { rehashCommand } from './rehash.js';
import { reportCommand } from './report.js';
import { synthCommand } from './synth.js';

/** Every subcommand of `olinpe`, in the order `olinpe --help` lists them. */
export const commands: Command[] = [describeCommand, pseudonymiseCommand, rehashCommand, reportCommand, synthCommand];
