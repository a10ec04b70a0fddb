import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { readAll, xsd } from '../../src/transmission/index.js';
import { cli } from '../support/cli.js';
import { cliArgs, ensureCli } from '../support/dist.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);

const dir = tempDir('olinpe-convert-');
const fixture = new URL('./fixtures/export-2011.xml', import.meta.url).pathname;
const ID = 'abcdef0123456789abcdef0123456789abcdef01';

describe('olinpe xsd', () => {
  it('prints the guide form by default and the strict form with --strict, for both editions', async () => {
    const a = await cli(['xsd']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(xsd('2016'));
    const b = await cli(['xsd', '--edition', '2011', '--strict']);
    expect(b.stdout).toBe(xsd('2011', { strict: true }));
    const c = await cli(['xsd', '--edition', '2000']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('édition inconnue');
  });
});

describe('olinpe convert', () => {
  it('converts XML to CSV and back, byte-identical, with counts on stderr', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n  <INTRO>\n    <VERSIONXSD>2.0</VERSIONXSD>\n    <DATEXPORT>2024-01-31</DATEXPORT>\n  </INTRO>\n  <DONNEE>\n    <AUTREDA>a;b "c"</AUTREDA>\n    <NUMANONYM>${ID}</NUMANONYM>\n    <TYPEV>1</TYPEV>\n  </DONNEE>\n</DECRET>\n`;
    writeFileSync(join(dir, 'in.xml'), xml);
    const a = await cli(['convert', join(dir, 'in.xml'), join(dir, 'out.csv')]);
    expect(a.code).toBe(0);
    expect(a.stderr).toContain('1 lus, 1 écrits, 0 refusés, 0 illisibles');
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.split('\n')[0]!.startsWith('ACCFAM;ACCMOD;')).toBe(true);
    const b = await cli(['convert', join(dir, 'out.csv'), '-', '--to', 'xml', '--date-export', '2024-01-31']);
    expect(b.code).toBe(0);
    const back = await readAll(b.stdout);
    expect(back.records[0]!.values).toMatchObject({ AUTREDA: 'a;b "c"', NUMANONYM: ID, TYPEV: '1', SEXE: '' });
    // Through XML again, the CSV is byte-identical.
    writeFileSync(join(dir, 'back.xml'), b.stdout);
    const c = await cli(['convert', join(dir, 'back.xml'), join(dir, 'again.csv')]);
    expect(c.code).toBe(0);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(csv);
  });

  it('exit 1 with located refusals when records do not fit the model; counts add up', async () => {
    const input = `<DECRET>\n<DONNEE><TYPEV>1</TYPEV></DONNEE>\n<DONNEE><TYPEV>7</TYPEV></DONNEE>\n<DONNEE><SEXE>3</SEXE></DONNEE>\n</DECRET>`;
    const r = await cli(['convert', '-', '-', '--date-export', '2024-01-31'], { stdin: input });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>:3: refusé: Enregistrement 2 refusé : TYPEV');
    expect(r.stderr).toContain('<stdin>:4: refusé');
    expect(r.stderr).toContain('3 lus, 1 écrits, 2 refusés, 0 illisibles');
    expect((await readAll(r.stdout)).summary.read).toBe(1);
  });

  it('--migrate: a 2011 file becomes a 2016 file valid against the generated XSD, with a JSON report', async () => {
    const report = join(dir, 'report.json');
    const r = await cli(['convert', fixture, join(dir, 'migrated.xml'), '--migrate', '--report', report, '--quiet']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'migrated.xml'), 'utf8');
    const v = await validateXML({
      xml: [{ fileName: 'migrated.xml', contents: text }],
      schema: [{ fileName: 's.xsd', contents: xsd('2016') }],
    });
    expect(v.valid).toBe(true);
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      read: number;
      written: number;
      migration: { losses: number; details: { kind: string; line: number }[] };
    };
    expect(json).toMatchObject({ read: 5, written: 5, migration: { losses: 7 } });
    expect(json.migration.details.find((d) => d.kind === 'no-typev')?.line).toBe(47);
  });

  it('--strict-xsd writes a file valid against the strict schema', async () => {
    const input = `<DECRET><DONNEE><NUMANONYM>${ID}</NUMANONYM><TYPEV>1</TYPEV><DATDEB>2019-05-99</DATDEB><DATDECPE>9999-99-99</DATDECPE><UTDP>A1</UTDP></DONNEE><DONNEE><TYPEV>2</TYPEV></DONNEE></DECRET>`;
    const r = await cli(['convert', '-', '-', '--strict-xsd', '--date-export', '2024-01-31'], { stdin: input });
    expect(r.code).toBe(1); // the record without NUMANONYM is refused
    expect(r.stderr).toContain('1 enregistrements modifiés pour le schéma strict (2 valeurs)');
    const v = await validateXML({
      xml: [{ fileName: 'f.xml', contents: r.stdout }],
      schema: [{ fileName: 's.xsd', contents: xsd('2016', { strict: true }) }],
    });
    expect(v.errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it('a missing input file is a clean error, exit 2', async () => {
    const r = await cli(['convert', join(dir, 'nope.xml'), '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fichier introuvable');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs as a user would (node dist/cli.js convert …)', async () => {
    const out = join(dir, 'user.csv');
    const { stderr } = await exec(process.execPath, cliArgs(['convert', fixture, out, '--quiet']), {
      cwd: process.cwd(),
    });
    expect(stderr).toContain('5 lus, 5 écrits');
    const back = await readAll(readFileSync(out));
    expect(back.summary).toMatchObject({ read: 5, editions: { '2011': 5 } });
  }, 30_000);
});
