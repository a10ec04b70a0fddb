/**
 * Unknown and misspelt options (issue 11, item 4): for every command, a usage error (exit 2), French first, that
 * names the option and suggests the closest valid one; never "erreur inattendue" nor Node's English text.
 */
import { describe, expect, it } from 'vitest';
import { closestOption, optionsOfUsage } from '../../src/cli/args.js';
import { loadCommands } from '../../src/cli/commands/index.js';
import { cli } from '../support/cli.js';

const commands = await loadCommands();

describe('unknown options', () => {
  it.each(commands.map((c) => c.name))(
    'olinpe %s --bogus-option is a French usage error naming it, exit 2',
    async (name) => {
      const r = await cli([name, '--bogus-option']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`olinpe ${name}: option inconnue « --bogus-option »`);
      expect(r.stderr).toContain('(unknown option "--bogus-option"');
      expect(r.stderr).not.toContain('erreur inattendue');
      expect(r.stderr).not.toContain('Unknown option');
    },
  );

  it.each([
    ['validate', '--edtion', '--edition'],
    ['validate', '--fromat', '--format'],
    ['audit', '--yaer', '--year'],
    ['convert', '--migarte', '--migrate'],
    ['convert', '--strict', '--strict-xsd'],
    ['report', '--ot', '--out'],
    ['synth', '--record', '--records'],
    ['describe', '--editon', '--edition'],
  ])('olinpe %s %s suggests %s', async (name, given, near) => {
    const r = await cli([name, given]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`option inconnue « ${given} » ; vouliez-vous dire « ${near} » ?`);
  });

  it('a missing value and a value given to a flag are usage errors too', async () => {
    const a = await cli(['validate', 'f.xml', '--year']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("l'option « --year » attend une valeur");
    const b = await cli(['convert', 'a.xml', 'b.xml', '--quiet=yes']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("l'option « --quiet » ne prend pas de valeur");
  });

  it('never repeats an unexpected argument or an option value (it may be a key)', async () => {
    const r = await cli(['xsd', 'SECRET-KEY-VALUE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('argument en trop');
    expect(r.stderr).not.toContain('SECRET-KEY-VALUE');
    const k = await cli(['pseudonymise', '--key=SECRET-KEY-VALUE']);
    expect(k.code).toBe(2);
    expect(k.stderr).not.toContain('SECRET-KEY-VALUE');
  });
});

describe('closestOption', () => {
  it('finds a prefix or a near spelling, nothing for a far one', () => {
    const valid = optionsOfUsage('Usage: x [--edition 2016|2011] [--year AAAA] [--format text] [--out F]');
    expect(valid).toEqual(['--edition', '--year', '--format', '--out']);
    expect(closestOption('--editio', valid)).toBe('--edition');
    expect(closestOption('--yera', valid)).toBe('--year');
    expect(closestOption('--zzzzzzzzzz', valid)).toBeUndefined();
  });
});
