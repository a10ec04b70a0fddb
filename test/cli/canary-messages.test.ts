/**
 * Nothing identifying in messages (issue 12, item 6). Canary names go into files given to every command that
 * reads a file; no stdout, stderr or output file may repeat them. A file whose first row names no variable (an
 * identity file, a file without its header) is refused without echoing its cells; a message quoting a value
 * shows at most 40 characters and "…".
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capValue, parseRecord } from '../../src/model/index.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const CANARIES = ['Canaryalpha', 'Canarybeta', 'Canarygamma', 'Canarydelta'];
const KEY = 'cle-de-test-canari-0123456789';

function files(): string {
  const d = tempDir('olinpe-canary-cli-');
  writeFileSync(join(d, 'cle.txt'), `${KEY}\n`);
  // An identity file without its header row, and one with it.
  writeFileSync(join(d, 'sans-entete.csv'), 'Canaryalpha;Canarybeta;12;3;2010\nCanarygamma;Canarydelta;1;2;2011\n');
  writeFileSync(
    join(d, 'identites.csv'),
    'PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS\nCanaryalpha;Canarybeta;12;3;2010\nCanarygamma;Canarydelta;1;2;2011\n',
  );
  return d;
}

function assertClean(where: string, text: string): void {
  for (const c of CANARIES) expect(text, `${where} repeats ${c}`).not.toContain(c);
  expect(text, `${where}: stack trace`).not.toMatch(/\n\s+at /);
}

describe('canaries: no command repeats a name it was given', () => {
  it('a file whose first row names no variable is refused without echoing its cells', async () => {
    const d = files();
    for (const args of [
      ['validate', 'sans-entete.csv'],
      ['validate', 'sans-entete.csv', '--format', 'json'],
      ['convert', 'sans-entete.csv', 'out.xml'],
      ['audit', 'sans-entete.csv'],
      ['report', 'sans-entete.csv', '--out', 'r.html'],
    ]) {
      const r = await cli(args, { cwd: d });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr, args.join(' ')).toMatch(/aucune variable OLINPE|no OLINPE variable/);
      assertClean(`${args.join(' ')} stdout`, r.stdout);
      assertClean(`${args.join(' ')} stderr`, r.stderr);
    }
  });

  it('identity files with and without a header, through every command that reads a file', async () => {
    const d = files();
    const runs: Array<[string[], Awaited<ReturnType<typeof cli>>]> = [];
    for (const file of ['identites.csv', 'sans-entete.csv']) {
      for (const args of [
        ['validate', file],
        ['validate', file, '--format', 'json'],
        ['validate', file, '--format', 'html', '--out', `${file}.validate.html`],
        ['convert', file, `${file}.out.xml`],
        ['convert', file, `${file}.out.csv`],
        ['audit', file],
        ['audit', file, '--format', 'json'],
        ['report', file, '--out', `${file}.report.html`],
        ['report', file, '--format', 'csv', '--out', `${file}.report.csv`],
        ['rehash', '--key-file', 'cle.txt', file, `${file}.rehash`],
      ]) {
        runs.push([args, await cli(args, { cwd: d })]);
      }
    }
    runs.push([
      ['pseudonymise'],
      await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'identites.csv', '--out', 'pseudo.csv'], { cwd: d }),
    ]);
    runs.push([
      ['pseudonymise stdout'],
      await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'identites.csv'], { cwd: d }),
    ]);
    runs.push([
      ['pseudonymise headerless'],
      await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'sans-entete.csv'], { cwd: d }),
    ]);
    for (const [args, r] of runs) {
      assertClean(`${args.join(' ')} stdout`, r.stdout);
      assertClean(`${args.join(' ')} stderr`, r.stderr);
    }
    const written = readdirSync(d).filter((f) => !['cle.txt', 'sans-entete.csv', 'identites.csv'].includes(f));
    expect(written.length).toBeGreaterThan(3);
    for (const f of written) assertClean(f, readFileSync(join(d, f), 'utf8'));
  }, 120_000);
});

describe('a message quoting a value shows at most 40 characters and "…"', () => {
  it('capValue', () => {
    expect(capValue('3')).toBe('3');
    expect(capValue('x'.repeat(40))).toBe('x'.repeat(40));
    expect(capValue('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
    expect(capValue('😀'.repeat(50))).toBe(`${'😀'.repeat(40)}…`);
  });

  it('a 1 MB SEXE: the model issue and the CLI messages stay short', async () => {
    const huge = `Canaryalpha${'x'.repeat(1_000_000)}`;
    const parsed = parseRecord({ SEXE: huge }, { edition: '2016' });
    const issue = parsed.issues.find((i) => i.variable === 'SEXE');
    expect(issue).toBeDefined();
    expect(issue!.message.length).toBeLessThan(300);
    expect(issue!.messageEn.length).toBeLessThan(300);
    const d = files();
    writeFileSync(join(d, 'gros.csv'), `TYPEV;SEXE;NUMANONYM\n1;${huge};${'a'.repeat(40)}\n`);
    for (const args of [
      ['validate', 'gros.csv'],
      ['validate', 'gros.csv', '--format', 'json'],
      ['audit', 'gros.csv'],
      ['convert', 'gros.csv', '-'],
    ]) {
      const r = await cli(args, { cwd: d });
      expect(r.stderr.length + (args[0] === 'convert' ? 0 : r.stdout.length), args.join(' ')).toBeLessThan(200_000);
      expect(r.stderr, args.join(' ')).not.toContain('x'.repeat(41));
    }
  }, 120_000);
});

describe('an unknown XML element name is never quoted unless it looks like a variable name', () => {
  const id = 'ab'.repeat(20);
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-03-01</DATEXPORT></INTRO>\n` +
    `<DONNEE><NUMANONYM>${id}</NUMANONYM><TYPEV>1</TYPEV><Canaryalpha>1</Canaryalpha><SEXE>1</SEXE><Canarybeta_Canarygamma>2</Canarybeta_Canarygamma><SEXEX>1</SEXEX></DONNEE>\n` +
    `</DECRET>\n`;

  it('validate, convert, audit, report: "un élément inconnu (N caractères)", never the name', async () => {
    const d = files();
    writeFileSync(join(d, 'balises.xml'), xml);
    const runs: Array<[string[], Awaited<ReturnType<typeof cli>>]> = [];
    for (const args of [
      ['validate', 'balises.xml'],
      ['validate', 'balises.xml', '--format', 'json'],
      ['validate', 'balises.xml', '--format', 'html', '--out', 'v.html'],
      ['convert', 'balises.xml', 'out.csv'],
      ['audit', 'balises.xml'],
      ['report', 'balises.xml', '--out', 'r.html'],
    ]) {
      runs.push([args, await cli(args, { cwd: d })]);
    }
    const validate = runs[0]![1];
    // The unknown names are reported, described by their length (11 and 22 characters); a name-like one is quoted.
    expect(validate.stdout + validate.stderr).toContain('élément inconnu (11 caractères)');
    expect(validate.stdout + validate.stderr).toContain('élément inconnu (22 caractères)');
    expect(validate.stdout + validate.stderr).toContain('SEXEX');
    for (const [args, r] of runs) {
      assertClean(`${args.join(' ')} stdout`, r.stdout);
      assertClean(`${args.join(' ')} stderr`, r.stderr);
    }
    for (const f of ['v.html', 'out.csv', 'r.html']) assertClean(f, readFileSync(join(d, f), 'utf8'));
  }, 120_000);

  it('parseRecord: a key that is not name-like is described, a name-like one quoted', () => {
    const parsed = parseRecord({ Canaryalpha: '1', SEXEX: '1' }, { edition: '2016' });
    const text = JSON.stringify(parsed.issues);
    expect(text).not.toContain('Canaryalpha');
    expect(text).toContain('un élément inconnu (11 caractères)');
    expect(text).toContain('SEXEX');
  });
});
