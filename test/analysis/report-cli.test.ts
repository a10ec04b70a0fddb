import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_A, ID_B, accueil, aemo, line } from './fixtures.js';
import type { RecordLike } from '../../src/analysis/index.js';
import { cli } from '../support/cli.js';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser.js';
import { cliArgs, ensureCli } from '../support/dist.js';

/** The documentation site, as package.json's `homepage` names it (the one source of the reports' links). */
const HOMEPAGE = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { homepage: string }
).homepage;

// The built CLI, as a user runs it (rebuilt when src/ is newer than dist/cli.js).
beforeAll(ensureCli, 300_000);

const exec = promisify(execFile);

const dir = mkdtempSync(join(tmpdir(), 'olinpe-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, records: RecordLike[]): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const text = [cols.join(';'), ...records.map((r) => cols.map((c) => r[c] ?? '').join(';'))].join('\n') + '\n';
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const a = aemo('2018-03-01', '2018-03-05');
const b = accueil('2019-01-30', '2019-02-01');
const f2018 = csvFile('dep84-2018.csv', [line(ID_A, '1', a, { VIOLPSY: '2' })]);
const f2019 = csvFile('dep84-2019.csv', [
  line(ID_A, '3', a, { DATFIN: '2019-03-04', MOTFININT: '1', MOTIFML: '10' }),
  line(ID_B, '1', b),
  line(ID_B, '3', aemo('2016-01-01', '2016-02-01'), { DATFIN: '2019-05-01', MOTFININT: '1' }),
]);

describe('olinpe report', () => {
  it('--format json rebuilds the measures of two yearly files given in reverse order', async () => {
    const { code, stdout, stderr } = await cli(['report', f2019, f2018, '--format', 'json']);
    expect(stderr).toContain('4 lignes lues');
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      files: { year: number }[];
      indicators: { measuresInProgress: { total: number }; measureExits: { total: number } };
      quality: { id: string; count: number; examples: string[] }[];
    };
    expect(r.files.map((f) => f.year)).toEqual([2019, 2018]);
    expect(r.indicators.measuresInProgress.total).toBe(1);
    expect(r.indicators.measureExits.total).toBe(2);
    const before = r.quality.find((q) => q.id === 'endsBeforeWindow')!;
    expect(before.count).toBe(1);
    expect(before.examples[0]).toBe(`${f2019}:4`);
  });

  it('--format csv writes long-format tables to --out', async () => {
    const out = join(dir, 'r.csv');
    const { code } = await cli(['report', f2018, f2019, '--format', 'csv', '--out', out]);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('table;year;dimension;category;value');
    expect(lines).toContain('measuresInProgress;2019;total;;1');
    expect(lines).toContain('series;2018;measuresInProgress;;2');
  });

  it('rejects a bad --format with exit code 2', async () => {
    const { code, stderr } = await cli(['report', f2018, '--format', 'pdf']);
    expect(code).toBe(2);
    expect(stderr).toContain('--format');
  });

  it('runs as a user would (node dist/cli.js) and the HTML renders in headless Chromium without console errors', async () => {
    const html = join(dir, 'report.html');
    await exec(process.execPath, cliArgs(['report', f2018, f2019, '--out', html]), { cwd: process.cwd() });
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    // Nothing loaded from elsewhere: no src, no url(); the only address is the link to the definitions' page.
    expect(text).not.toMatch(/\bsrc\s*=|url\(|<script[^>]*src/i);
    expect(
      [...text.matchAll(/https?:\/\/[^"'\s<)]+/g)]
        .map((m) => m[0])
        .filter((u) => !u.startsWith('http://www.w3.org/2000/svg') && !u.startsWith('http://schemas.')),
    ).toEqual([`${HOMEPAGE}guides/analysis.html`]);
    const userDataDir = mkdtempSync(join(tmpdir(), 'olinpe-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request ${r.url()}`);
      });
      await page.goto(`file://${html}`);
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('h2', { hasText: 'Qualité des données' }).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
