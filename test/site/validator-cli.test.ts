/**
 * The in-browser validator (docs/site/validator.html, in headless Chromium) gives exactly the findings of
 * `olinpe validate` (the built CLI, run as a user runs it) on the same file: rule id and line, one for one,
 * export-date rules included (issue 15: the page found 126 errors where the CLI found 128, for want of DATEXPORT).
 *
 * Files: synthetic extractions with injected errors (`olinpe synth --error-rate`), written with an export date
 * inside the year so that the export-date rule has dates to find, in both editions, in XML and CSV (a CSV has no
 * DATEXPORT: neither side may invent one). The year is typed in the page as `--year` is given to the CLI, and left
 * out ("auto") against `--year` set to the year `olinpe validate` says the data point to.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/build-site.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { cliArgs, ensureCli, ROOT } from '../support/dist.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

const exec = promisify(execFile);
const OUT = join(ROOT, 'test-artifacts', 'validator-cli');
const SITE = join(OUT, 'site');
let server: StaticServer | undefined;
let base = '';
let browser: Browser;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await ensureCli();
  await buildSite({ out: 'test-artifacts/validator-cli/site' });
  server = await serveFolder(SITE);
  base = server.base;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs the built CLI; exit codes 0 and 1 are answers (1: findings), anything else fails the test. */
async function olinpe(args: string[]): Promise<string> {
  try {
    return (await exec(process.execPath, cliArgs(args), { cwd: OUT, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 1 && e.stdout !== undefined) return e.stdout;
    throw new Error(`olinpe ${args.join(' ')} exited ${e.code}: ${e.stderr}`);
  }
}

interface Located {
  ruleId: string;
  line?: number;
  severity: string;
}

/** Findings as sorted "ruleId line severity" keys: the comparison is one for one, duplicates included. */
function keys(list: readonly Located[]): string[] {
  return list.map((f) => `${f.ruleId} ${f.line ?? '-'} ${f.severity}`).sort();
}

interface CliJson {
  findings: Located[];
  readErrors: { line: number; severity: string; kind: string }[];
  errors: number;
  warnings: number;
  year: { inferred: number | null };
}

/** The page's findings: the file given to the input, the year typed (or left to "auto"), the JSON downloaded. */
async function pageFindings(
  file: string,
  year: number | undefined,
): Promise<{ findings: Located[]; errors: string; exportDate: string | null; pageErrors: string[] }> {
  const { page, errors, requests } = await browser.open(`${base}validator.html`);
  if (year !== undefined) await page.fill('#year', String(year));
  await page.setInputFiles('#file-input', file);
  await expect.poll(() => page.locator('#status').textContent(), { timeout: 120_000 }).toMatch(/^Terminé/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-findings')]);
  const json = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    findings: Located[];
    exportDate: string | null;
  };
  const count = (await page.locator('#count-error').textContent()) ?? '';
  expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:'))).toEqual([]);
  await page.close();
  return { findings: json.findings, errors: count, exportDate: json.exportDate, pageErrors: errors };
}

async function compare(file: string, year: number | undefined): Promise<{ cli: CliJson; rules: Set<string> }> {
  let given = year;
  if (given === undefined) {
    const probe = JSON.parse(await olinpe(['validate', file, '--format', 'json'])) as CliJson;
    expect(probe.year.inferred).not.toBeNull();
    given = probe.year.inferred!;
  }
  const cli = JSON.parse(await olinpe(['validate', file, '--format', 'json', '--year', String(given)])) as CliJson;
  const web = await pageFindings(file, year);
  expect(web.pageErrors).toEqual([]);
  const webRules = web.findings.filter((f) => !f.ruleId.startsWith('READ-'));
  const webRead = web.findings.filter((f) => f.ruleId.startsWith('READ-'));
  expect(keys(webRules)).toEqual(keys(cli.findings));
  expect(webRead.map((f) => `${f.ruleId.slice('READ-'.length)} ${f.line}`).sort()).toEqual(
    cli.readErrors.map((e) => `${e.kind} ${e.line}`).sort(),
  );
  expect(web.errors).toBe(String(cli.errors));
  return { cli, rules: new Set(cli.findings.map((f) => f.ruleId)) };
}

async function synth(name: string, seed: number, extra: string[]): Promise<string> {
  const file = join(OUT, name);
  await olinpe([
    'synth',
    '--year',
    '2023',
    '--records',
    '800',
    '--seed',
    String(seed),
    '--error-rate',
    '0.08',
    '--out',
    file,
    ...extra,
  ]);
  return file;
}

describe('in-browser validator and olinpe validate: the same findings', () => {
  it('2016 XML with injected errors and an export date inside the year, year typed', async () => {
    const file = await synth('s2016.xml', 1, ['--date-export', '2023-09-30']);
    expect(readFileSync(file, 'utf8')).toContain('<DATEXPORT>2023-09-30</DATEXPORT>');
    const { cli, rules } = await compare(file, 2023);
    // The comparison is not empty: many rules fired, the export-date one among them.
    expect(rules.size).toBeGreaterThan(5);
    expect(cli.findings.some((f) => f.ruleId === 'OL-DAT-003')).toBe(true); // a date after DATEXPORT
  }, 300_000);

  it('2016 XML, year left to "auto" in the page and the inferred year given to the CLI', async () => {
    const file = await synth('s2016-auto.xml', 2, ['--date-export', '2023-11-15']);
    const { cli } = await compare(file, undefined);
    expect(cli.findings.length).toBeGreaterThan(20);
  }, 300_000);

  it('2011 XML with injected errors', async () => {
    const file = await synth('s2011.xml', 3, ['--edition', '2011', '--date-export', '2023-10-31']);
    const { rules } = await compare(file, 2023);
    expect([...rules].some((r) => r.startsWith('OL11-'))).toBe(true);
  }, 300_000);

  it('2016 CSV (no DATEXPORT on either side)', async () => {
    const file = await synth('s2016.csv', 4, ['--format', 'csv']);
    const { rules } = await compare(file, 2023);
    expect(rules.size).toBeGreaterThan(5);
  }, 300_000);
});
