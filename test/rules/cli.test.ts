import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCsv } from './audit-fixture.js';
import { cli } from '../support/cli.js';
import { cliArgs, ensureCli } from '../support/dist.js';
import { tempDir } from '../support/temp-dir.js';

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);

const dir = tempDir('olinpe-rules-');
const fixture = join(dir, 'export-2019.csv');
writeFileSync(fixture, fixtureCsv());
const clean = join(dir, 'clean.csv');
writeFileSync(clean, fixtureCsv().split('\n').slice(0, 3).join('\n') + '\n');
const broken = join(dir, 'broken.xml');
writeFileSync(broken, '<?xml version="1.0"?>\n<DECRET><DONNEE><SEXE>1</SEX');

describe('olinpe validate / audit / rules', () => {
  it('validate exits 1 with located French findings when errors exist', async () => {
    const { code, stdout } = await cli(['validate', fixture, '--year', '2019']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/export-2019\.csv:16: error OL16-REQ-DECISION .*DECISION/);
    expect(stdout).toContain('17 lignes, 9 jeunes');
  });

  it('validate exits 0 on a file with warnings only, and speaks English on request', async () => {
    const { code, stdout } = await cli(['validate', clean, '--year', '2019', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain('0 errors');
    expect(stdout).toContain('absent from the file');
  });

  it('validate --format json gives findings with fingerprints and a status for every rule', async () => {
    const { code, stdout } = await cli(['validate', fixture, '--year', '2019', '--format', 'json']);
    expect(code).toBe(1);
    const r = JSON.parse(stdout) as {
      records: number;
      findings: { ruleId: string; fingerprint: string; line: number }[];
      statuses: { status: string }[];
    };
    expect(r.records).toBe(17);
    expect(r.findings.find((f) => f.ruleId === 'OL16-EVT-DATFIN')).toMatchObject({ line: 15 });
    for (const f of r.findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{14}$/);
    expect(new Set(r.statuses.map((s) => s.status))).toEqual(new Set(['passed', 'failed', 'skipped']));
  });

  it('validate exits 2 with a located message on an unreadable file', async () => {
    const r = await cli(['validate', broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.xml:2:\d+: lecture impossible/);
    expect(r.stderr).not.toContain('    at ');
    const missing = await cli(['validate', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('fichier introuvable');
  });

  it('validate and audit write a self-contained HTML report with --format html', async () => {
    const html = await cli(['validate', fixture, '--format', 'html']);
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toContain('OL16-');
    expect(html.stdout).not.toMatch(/(src|href)="https?:/);
    const report = await cli(['audit', fixture, '--year', '2019', '--format', 'html']);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^<!doctype html>/i);
    expect(report.stdout).toContain('end-without-opening');
  });

  it('rules lists the catalogue as text, json and markdown', async () => {
    const text = await cli(['rules']);
    expect(text.stdout).toMatch(/OL16-EVT-DATFIN\s+error/);
    const json = JSON.parse((await cli(['rules', '--format', 'json', '--edition', '2011'])).stdout) as { id: string }[];
    expect(json.some((r) => r.id === 'OL11-EVT-DATJE')).toBe(true);
    expect((await cli(['rules', '--format', 'markdown'])).stdout).toContain(
      '### OL16-DAT-005 — Durée de plus de deux ans',
    );
  });

  it('audit runs as a user would (node dist/cli.js), in JSON and in French', async () => {
    const { stdout } = await exec(process.execPath, cliArgs(['audit', fixture, '--year', '2019', '--format', 'json']), {
      cwd: process.cwd(),
    });
    const r = JSON.parse(stdout) as {
      records: number;
      youngPeople: number;
      typev: Record<string, number>;
      sections: { id: string; count: number }[];
    };
    expect(r).toMatchObject({ records: 17, youngPeople: 9, typev: { 1: 10, 2: 2, 3: 5 } });
    expect(r.sections.find((s) => s.id === 'end-without-opening')?.count).toBe(1);
    expect(r.sections.find((s) => s.id === 'always-empty')?.count).toBe(74);
    const fr = await cli(['audit', fixture, '--year', '2019']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Fin sans ligne d’ouverture associée [end-without-opening] (ONPE 0060');
    expect(fr.stdout).toMatch(/ligne 7 — c{12}…$/m);
    expect(fr.stdout).not.toMatch(/c{40}/);
    expect(r.sections.find((s) => s.id === 'end-without-opening')).toMatchObject({ onpe: '0060', unit: 'lines' });
    // Without --year the year is inferred as ONPE does (most frequent DATDECPE year: 13 of 17 lines in 2019).
    const noYear = await cli(['audit', fixture]);
    expect(noYear.code).toBe(0);
    expect(noYear.stdout).toContain('Année concernée : 2019 (déduite des données');
    const other = await cli(['audit', fixture, '--year', '2018']);
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('avertissement : Les données désignent l’année 2019');
  }, 60_000);
});
