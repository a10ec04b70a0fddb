import type { Command } from '../command.js';
import { convertCommand } from './convert.js';
import { demoCommand } from './demo.js';
import { describeCommand } from './describe.js';
import { pseudonymiseCommand } from './pseudonymise.js';
import { rehashCommand } from './rehash.js';
import { reportCommand } from './report.js';
import { synthCommand } from './synth.js';
import { xsdCommand } from './xsd.js';
import { validateCommand } from './validate.js';
import { auditCommand } from './audit.js';
import { rulesCommand } from './rules.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';

/** Every subcommand of `olinpe`, in the order `olinpe --help` lists them. */
export const commands: Command[] = [
  demoCommand,
  describeCommand,
  pseudonymiseCommand,
  rehashCommand,
  reportCommand,
  synthCommand,
  convertCommand,
  xsdCommand,
  validateCommand,
  auditCommand,
  rulesCommand,
  exportCommand,
  serveCommand,
];
