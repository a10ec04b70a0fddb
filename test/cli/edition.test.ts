/**
 * Edition by content (issue 11, item 1). The fixture is written by hand like the real exports of ONPE's own
 * tool: 2016 variables (TYPEV, DATFIN, NUMANONYMANT… from the XSD 2.0) under `VERSIONXSD 1.22` (the 2011
 * schema's version), empty elements left out, upper-case pseudonyms, CRLF line ends. Every command must give the
 * same results as on the same file with `VERSIONXSD 2.0`, apart from the single header-mismatch warning.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTransmission, readAll } from '../../src/transmission/index.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('olinpe-edition-');
const v122Path = new URL('../transmission/fixtures/real-export-2016-v122.xml', import.meta.url).pathname;
const v122 = readFileSync(v122Path, 'utf8');
const v20 = v122.replace('<VERSIONXSD>1.22</VERSIONXSD>', '<VERSIONXSD>2.0</VERSIONXSD>');
const v20Path = join(dir, 'real-export-2016-v20.xml');
writeFileSync(v20Path, v20);
const export2011 = readFileSync(new URL('../transmission/fixtures/export-2011.xml', import.meta.url).pathname, 'utf8');

interface ValidateJson {
  reading: {
    complete: boolean;
    records: number;
    edition: string;
    editionSource: string;
    headerEdition: string | null;
    editions: Record<string, number>;
    mixed: { notChecked: number; edition: string; firstLines: number[] } | null;
  };
  edition: string;
  records: number;
  errors: number;
  warnings: number;
  readErrors: { kind: string; severity: string }[];
  findings: unknown[];
  statuses: unknown[];
}

async function validateJson(path: string, ...extra: string[]): Promise<{ code: number; json: ValidateJson }> {
  const run = await cli(['validate', path, '--year', '2023', '--format', 'json', ...extra]);
  return { code: run.code, json: JSON.parse(run.stdout) as ValidateJson };
}

describe('the fixture is made like a real export', () => {
  it('carries 2016 variables under VERSIONXSD 1.22, CRLF, upper-case pseudonyms, no empty element', () => {
    expect(v122).toContain('<VERSIONXSD>1.22</VERSIONXSD>');
    expect(v122).toContain('<TYPEV>');
    expect(v122).not.toContain('<CODEV>');
    expect(v122.split('\r\n').length).toBeGreaterThan(100);
    expect(v122.replace(/\r\n/g, '')).not.toContain('\n');
    expect(v122).toMatch(/<NUMANONYM>[0-9A-F]{40}<\/NUMANONYM>/);
    expect(v122).not.toMatch(/<NUMANONYM>[^<]*[a-f][^<]*<\/NUMANONYM>/);
    expect(v122).not.toMatch(/<([A-Z]+)\s*\/>|<([A-Z]+)><\/\2>/);
  });
});

describe('edition by content: VERSIONXSD is a hint, the records decide', () => {
  it('validate runs the 2016 rules on 2016 records under VERSIONXSD 1.22, as under 2.0', async () => {
    const a = await validateJson(v122Path);
    const b = await validateJson(v20Path);
    expect(a.json.edition).toBe('2016');
    expect(a.json.reading.editionSource).toBe('records');
    expect(a.json.reading.headerEdition).toBe('2011');
    expect(b.json.reading.headerEdition).toBe('2016');
    expect(a.json.records).toBe(10);
    expect(a.json.findings).toEqual(b.json.findings);
    expect(a.json.statuses).toEqual(b.json.statuses);
    expect(a.json.errors).toBe(b.json.errors);
    expect(a.code).toBe(b.code);
    // The header mismatch is one warning, the only difference.
    const mismatch = a.json.readErrors.filter((e) => e.kind === 'version-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]!.severity).toBe('warning');
    expect(a.json.warnings).toBe(b.json.warnings + 1);
    expect(b.json.readErrors).toEqual([]);
    // No 2011 finding: CODEV is never asked for.
    expect(JSON.stringify(a.json.findings)).not.toContain('CODEV');
  });

  it('audit gives the same sections under VERSIONXSD 1.22 as under 2.0', async () => {
    const a = await cli(['audit', v122Path, '--year', '2023', '--format', 'json']);
    const b = await cli(['audit', v20Path, '--year', '2023', '--format', 'json']);
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.stdout) as Record<string, unknown> & { reading: { edition: string } };
    const jb = JSON.parse(b.stdout) as Record<string, unknown>;
    expect(ja.reading.edition).toBe('2016');
    const { reading: _ra, readErrors: _ea, ...restA } = ja;
    const { reading: _rb, readErrors: _eb, ...restB } = jb;
    expect(restA).toEqual(restB);
    expect(JSON.stringify(restA)).not.toContain('CODEV');
  });

  it('convert writes every record, to XML and CSV, the same bytes as from VERSIONXSD 2.0', async () => {
    for (const ext of ['xml', 'csv']) {
      const a = await cli(['convert', v122Path, join(dir, `a.${ext}`)]);
      const b = await cli(['convert', v20Path, join(dir, `b.${ext}`)]);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      expect(a.stderr).toContain('10 lus, 10 écrits, 0 refusés, 0 illisibles');
      expect(readFileSync(join(dir, `a.${ext}`), 'utf8')).toBe(readFileSync(join(dir, `b.${ext}`), 'utf8'));
    }
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(csv.split('\n')[0]).toContain('TYPEV');
    expect(csv.split('\n')[0]).not.toContain('CODEV');
  });

  it('report reads both the same way', async () => {
    const a = await cli(['report', v122Path, '--format', 'json', '--year', '2023']);
    const b = await cli(['report', v20Path, '--format', 'json', '--year', '2023']);
    expect(a.code).toBe(0);
    expect(a.stdout.replaceAll(v122Path, 'X')).toBe(b.stdout.replaceAll(v20Path, 'X'));
  });

  it('--edition forces the edition on validate, audit and report', async () => {
    const forced = await validateJson(v20Path, '--edition', '2011');
    expect(forced.json.edition).toBe('2011');
    expect(forced.json.reading.editionSource).toBe('forced');
    expect(JSON.stringify(forced.json.findings)).toContain('CODEV');
    const audit = await cli(['audit', v122Path, '--year', '2023', '--edition', '2011', '--format', 'json']);
    expect((JSON.parse(audit.stdout) as { reading: { edition: string } }).reading.edition).toBe('2011');
    const bad = await cli(['validate', v122Path, '--edition', '2020']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--edition doit valoir 2016 ou 2011');
    const report = await cli(['report', v122Path, '--edition', '2011', '--format', 'json']);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain("dont 10 de l'édition 2011, migrées vers 2016");
  });

  it('a 2011 file under VERSIONXSD 2.0 is read as 2011', async () => {
    const path = join(dir, 'old-under-20.xml');
    writeFileSync(path, export2011.replace('<VERSIONXSD>1.22</VERSIONXSD>', '<VERSIONXSD>2.0</VERSIONXSD>'));
    const r = await validateJson(path);
    expect(r.json.edition).toBe('2011');
    expect(r.json.reading.headerEdition).toBe('2016');
  });

  it('a file mixing both editions is reported as such, with the counts, and never passes', async () => {
    const donnees2011 = export2011.match(/<DONNEE>[\s\S]*?<\/DONNEE>/g)!.slice(0, 3);
    const mixed = v122.replace('</DECRET>', `${donnees2011.join('\r\n')}\r\n</DECRET>`);
    const path = join(dir, 'mixed.xml');
    writeFileSync(path, mixed);
    const r = await validateJson(path);
    expect(r.json.edition).toBe('2016');
    expect(r.json.reading.editions).toEqual({ '2016': 10, '2011': 3 });
    expect(r.json.reading.mixed?.notChecked).toBe(3);
    expect(r.json.reading.mixed?.edition).toBe('2011');
    expect(r.json.reading.mixed?.firstLines).toHaveLength(3);
    expect(r.json.records).toBe(10);
    expect(r.code).toBe(1);
    const text = await cli(['validate', path, '--year', '2023']);
    expect(text.stdout).toContain("Fichier mixte : 10 enregistrement(s) de l'édition 2016 et 3 de l'édition 2011");
    const html = await cli(['validate', path, '--year', '2023', '--format', 'html']);
    expect(html.stdout).toContain('Fichier mixte');
    expect(html.stdout).not.toContain('le fichier peut être transmis');
  });
});

describe('openTransmission (library)', () => {
  it('decides the edition from the records, the header only when there is none', async () => {
    const a = await openTransmission(v122);
    expect(a.edition).toMatchObject({
      edition: '2016',
      source: 'records',
      headerEdition: '2011',
      versionXsd: '1.22',
      complete: true,
      counts: { '2016': 10, '2011': 0 },
    });
    const replayed = [];
    for await (const item of a.items) replayed.push(item);
    const direct = await readAll(v122);
    expect(replayed).toEqual(direct.items);
    const empty = await openTransmission(
      '<DECRET><INTRO><VERSIONXSD>1.22</VERSIONXSD><DATEXPORT>2015-01-01</DATEXPORT></INTRO></DECRET>',
    );
    expect(empty.edition).toMatchObject({ edition: '2011', source: 'header' });
    const forced = await openTransmission(v122, { edition: '2011' });
    expect(forced.edition.source).toBe('forced');
    expect(forced.edition.edition).toBe('2011');
  });

  it('reads ahead a bounded number of records and replays every item', async () => {
    const a = await openTransmission(v122, { lookahead: 2 });
    expect(a.edition.complete).toBe(false);
    expect(a.edition.counts['2016']).toBe(2);
    let records = 0;
    for await (const item of a.items) if (item.type === 'record') records++;
    expect(records).toBe(10);
  });
});
