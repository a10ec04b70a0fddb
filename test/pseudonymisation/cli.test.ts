import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRehasher } from '../../src/pseudonymisation/index.js';
import { cli } from './helpers.js';
import official from './official-vectors.json' with { type: 'json' };
import { cliArgs, ensureCli } from '../support/dist.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

function workdir(): string {
  const dir = tempDir('olinpe-pseudo-');
  writeFileSync(join(dir, 'cle.txt'), `${official.key}\n`);
  writeFileSync(join(dir, 'cle2.txt'), `${official.key2}\r\n`);
  writeFileSync(join(dir, 'courte.txt'), 'trop-courte\n');
  return dir;
}

const header = 'NUMDEP;PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;SEXE';
const vectorRows = official.cases.map((c) =>
  ['75', c.prenom.includes(';') ? `"${c.prenom}"` : c.prenom, c.nomMere, c.jnais, c.mnais, c.anais, '1'].join(';'),
);
const vectorCsv = `${header}\n${vectorRows.join('\n')}\n`;

describe('olinpe pseudonymise (in-process)', () => {
  it('gives the public vectors, NUMANONYM first, identity columns dropped', async () => {
    const dir = workdir();
    const { code, out, err } = await cli(['pseudonymise', '--key-file', 'cle.txt'], dir, vectorCsv);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('NUMANONYM;NUMDEP;MNAIS;ANAIS;SEXE');
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(official.cases.map((c) => c.numanonym_2016));
    expect(lines[1]).toBe(`${official.cases[0]?.numanonym_2016};75;3;2010;1`);
    expect(err).toContain('read 12 / written 12 / rejected 0');
  });

  it('gives the 2011 scheme with --scheme oned-2011, through files', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.csv'), vectorCsv);
    const { code } = await cli(
      ['pseudonymise', '--key-file', 'cle.txt', '--scheme', 'oned-2011', '--in', 'in.csv', '--out', 'out.csv'],
      dir,
    );
    expect(code).toBe(0);
    const ids = readFileSync(join(dir, 'out.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(ids).toEqual(official.cases.map((c) => c.numanonym_2011));
  });

  it('reports rejected rows by line and field, writes the rest, exits 1', async () => {
    const dir = workdir();
    const csv = `${header}\n75;Zoé;Dupont;12;11;2012;2\n75;;Dupont;1;1;2010;2\n\n75;Léa;Martin;1;13;2010;2\n75;Léa;Martin;1;1\n`;
    const { code, out, err } = await cli(['pseudonymise', '--key-file', 'cle.txt'], dir, csv);
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toHaveLength(2);
    expect(err).toContain('ligne 3 : PRENOM');
    expect(err).toContain('line 5: MNAIS');
    expect(err).toContain('line 6: 5 fields instead of 7');
    expect(err).toContain('read 4 / written 1 / rejected 3');
  });

  it('refuses a short key unless --allow-short-key, and a missing key file', async () => {
    const dir = workdir();
    const short = await cli(['pseudonymise', '--key-file', 'courte.txt'], dir, vectorCsv);
    expect(short.code).toBe(2);
    expect(short.err).toContain('--allow-short-key');
    const allowed = await cli(['pseudonymise', '--key-file', 'courte.txt', '--allow-short-key'], dir, vectorCsv);
    expect(allowed.code).toBe(0);
    expect((await cli(['pseudonymise'], dir, vectorCsv)).code).toBe(2);
    expect((await cli(['pseudonymise', '--key-file', 'absent.txt'], dir, vectorCsv)).code).toBe(2);
  });

  it('refuses a header without the identity columns', async () => {
    const dir = workdir();
    const r = await cli(
      ['pseudonymise', '--key-file', 'cle.txt', '--scheme', 'oned-2011'],
      dir,
      'PRENOM;NOMMERE;MNAIS;ANAIS\nA;B;1;2010\n',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('JNAIS');
  });
});

describe('olinpe rehash (in-process)', () => {
  it('re-hashes NUMANONYM and NUMANONYMANT and leaves every other byte alone', async () => {
    const dir = workdir();
    const c = official.cases[0]!;
    const d = official.cases[1]!;
    const csv =
      '\ufeffNUMDEP;NUMANONYM;"LIBRE";NUMANONYMANT\r\n' +
      `75;${c.numanonym_2016};"a;b ""c""";${c.numanonym_2016}\r\n` +
      `75;"${d.numanonym_2016}";  x ;${c.numanonym_2016}\r\n` +
      `75;pas-un-identifiant;x;${c.numanonym_2016}\r\n`;
    writeFileSync(join(dir, 'in.csv'), csv);
    const { code, err } = await cli(['rehash', '--key-file', 'cle2.txt', 'in.csv', 'out.csv'], dir);
    expect(code).toBe(1);
    expect(err).toContain('line 4: NUMANONYM');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(
      '\ufeffNUMDEP;NUMANONYM;"LIBRE";NUMANONYMANT\r\n' +
        `75;${c.rehash_2016};"a;b ""c""";${c.rehash_2016}\r\n` +
        `75;"${d.rehash_2016}";  x ;${c.rehash_2016}\r\n`,
    );
  });
});

describe('olinpe rehash on an XML transmission file', () => {
  it('re-hashes both identifiers of every DONNEE, leaves every other byte alone, drops and reports bad records', async () => {
    const dir = workdir();
    const [c, d] = [official.cases[0]!, official.cases[1]!];
    const donnee = (id: string, ant: string, extra = ''): string =>
      `  <DONNEE>\r\n    <NUMANONYM>${id}</NUMANONYM>\r\n    <NUMANONYMANT>${ant}</NUMANONYMANT>${extra}\r\n  </DONNEE>\r\n`;
    const head =
      '\ufeff<?xml version="1.0" encoding = "UTF-8"?>\r\n<DECRET>\r\n  <INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2025-01-31</DATEXPORT></INTRO>\r\n';
    const xml =
      head +
      donnee(c.numanonym_2016, d.numanonym_2016, '<AUTREDA>a &amp; b</AUTREDA>') +
      donnee('pas-un-identifiant', c.numanonym_2016) +
      donnee(d.numanonym_2016.toUpperCase(), d.numanonym_2016, '<NUMANONYMX>keep</NUMANONYMX>') +
      '  <DONNEE>\r\n    <NUMANONYM>' +
      c.numanonym_2016 +
      '</NUMANONYM>\r\n    <NUMANONYMANT/>\r\n  </DONNEE>\r\n' +
      '</DECRET>\r\n';
    writeFileSync(join(dir, 'in.xml'), xml);
    const { code, err } = await cli(['rehash', '--key-file', 'cle2.txt', 'in.xml', 'out.xml'], dir);
    expect(code).toBe(1);
    expect(err).toContain('line 9: NUMANONYM');
    expect(err).toContain('line 18: NUMANONYMANT');
    expect(err).toContain('read 4 / written 2 / rejected 2');
    const upper = createRehasher({ key: official.key2 })(d.numanonym_2016.toUpperCase(), 'numanonym');
    expect(upper).not.toBe(d.rehash_2016);
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toBe(
      head +
        donnee(c.rehash_2016, d.rehash_2016, '<AUTREDA>a &amp; b</AUTREDA>') +
        donnee(upper, d.rehash_2016, '<NUMANONYMX>keep</NUMANONYMX>') +
        '</DECRET>\r\n',
    );
    expect(err).not.toContain(official.key2);
  });
});

describe('as a user runs it (node dist/cli.js)', () => {
  it('pseudonymises the public vectors from a file to stdout', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'in.csv'), vectorCsv);
    const run = promisify(execFile);
    const project = process.cwd();
    const args = cliArgs(['pseudonymise', '--key-file', join(dir, 'cle.txt')]);
    const { stdout, stderr } = await run(process.execPath, [...args, '--in', join(dir, 'in.csv')], { cwd: project });
    const ids = stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(ids).toEqual(official.cases.map((x) => x.numanonym_2016));
    expect(stderr).toContain('rejected 0');
    const failing = run(process.execPath, [...args, '--in', join(dir, 'absent.csv')], { cwd: project });
    await expect(failing).rejects.toMatchObject({ code: 2 });
  });
});
