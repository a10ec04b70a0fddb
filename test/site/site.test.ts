/**
 * Browser tests of the documentation site, in Debian's headless Chromium driven by playwright-core:
 * every page loads without console error, search finds a variable, the validator shows every expected
 * finding without any request leaving 127.0.0.1, the data-entry page follows the guide's applicability and
 * exports a file that validates, and the CLI's HTML report opens cleanly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runCli } from '../../src/cli/run.js';
import { buildSite } from '../../scripts/build-site.js';
import { validateAll } from '../../src/rules/index.js';
import { readAll } from '../../src/transmission/index.js';
import { renderReportHtml } from '../../src/report/index.js';
import { fixtureRecords, fixtureXml, INJECTED } from './fixture.js';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SITE = join(ROOT, 'docs/site');
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** olinpe validate --format json on a file, as the CLI gives it. */
async function runValidateJson(file: string): Promise<{ errors: number }> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString()));
  await runCli(['validate', file, '--format', 'json', '--year', '2023'], {
    stdin: Readable.from([]),
    stdout,
    stderr: new PassThrough(),
    cwd: ROOT,
  });
  return JSON.parse(text) as { errors: number };
}

let server: StaticServer | undefined;
let base = '';
let context: BrowserContext;
let pages: string[] = [];
let userDataDir = '';

beforeAll(async () => {
  pages = await buildSite({ out: 'docs/site' });
  server = await serveFolder(SITE);
  base = server.base;
  userDataDir = mkdtempSync(join(tmpdir(), 'olinpe-chromium-'));
  // A new, empty profile for each run.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a page, recording console errors, page errors, failed and outside requests. */
async function open(path: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`${path}: failed ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('documentation site', () => {
  it('every page loads without console errors and without leaving localhost', async () => {
    expect(pages.length).toBeGreaterThan(20);
    const errors: string[] = [];
    // The rule pages (regles/<id>/, one template, hundreds of pages) are checked without a browser below; a few
    // of them load here.
    const rulePages = pages.filter((p) => p.startsWith('regles/'));
    const sample = new Set(rulePages.filter((_, i) => i % 50 === 0));
    for (const path of pages.filter((p) => !p.startsWith('regles/') || sample.has(p))) {
      const r = await open(path);
      errors.push(...r.errors);
      for (const url of r.requests)
        if (!url.startsWith(base) && !url.startsWith('data:')) errors.push(`${path}: request to ${url}`);
      // Every local link points to a page that exists.
      const hrefs = await r.page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
      for (const href of hrefs) {
        if (!href.startsWith(base)) continue;
        const target = join(SITE, decodeURIComponent(new URL(href).pathname));
        try {
          statSync(target);
        } catch {
          errors.push(`${path}: broken link ${href}`);
        }
      }
      await r.page.close();
    }
    expect(errors).toEqual([]);
  }, 180_000);

  it('each rule has its page, addressed by its id, whose links lead to pages that exist', async () => {
    const { rules } = await import('../../src/rules/index.js');
    const ids = new Set([...rules('2016'), ...rules('2011')].map((r) => r.id));
    const rulePages = pages.filter((p) => p.startsWith('regles/'));
    expect(rulePages.length).toBe(ids.size);
    const broken: string[] = [];
    for (const id of ids) {
      const path = `regles/${id}/index.html`;
      const html = readFileSync(join(SITE, path), 'utf8');
      expect(html).toContain(`<h1 id="${id}">`);
      for (const [, href] of html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^[a-z]+:/.test(href!)) continue;
        try {
          statSync(join(SITE, 'regles', id, href!));
        } catch {
          broken.push(`${path}: ${href}`);
        }
      }
    }
    expect(broken).toEqual([]);
    // The catalogue's anchors are the ids themselves, once each (no #ol16, #ol16-, #ol16--).
    const req = readFileSync(join(SITE, 'rules/2016/REQ.html'), 'utf8');
    expect(req).toContain('id="OL16-REQ-SEXE"');
    const anchors = [...req.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('search finds a variable and leads to its entry', async () => {
    const { page, errors } = await open('index.html');
    await page.fill('#search-input', 'DATDECPE');
    const first = page.locator('#search-results li a').first();
    await expect.poll(() => first.textContent()).toContain('DATDECPE');
    await first.click();
    await page.waitForURL(/dictionary\/2016\/block-7\.html#datdecpe$/);
    expect(await page.locator('#datdecpe').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('in-browser validator', () => {
  it('shows each expected finding, makes no request beyond 127.0.0.1 while validating', async () => {
    const records = fixtureRecords();
    const text = await fixtureXml();
    expect(text).toContain('<SEXE>3</SEXE>');
    const file = join(ARTIFACTS, 'validator-input.xml');
    writeFileSync(file, text);
    const { findings: expected } = await validateAll((await readAll(text)).records, { referenceYear: 2024 });
    for (const x of INJECTED) expect(expected.map((f) => f.ruleId)).toContain(x.ruleId);

    const { page, errors, requests } = await open('validator.html');
    expect(await page.locator('#not-uploaded').textContent()).toContain('n’est pas envoyé');
    const before = requests.length;
    await page.setInputFiles('#file-input', file);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Terminé/);
    const during = requests.slice(before);
    expect(during.filter((u) => !u.startsWith(base))).toEqual([]);
    expect(requests.every((u) => u.startsWith(base))).toBe(true);

    expect(await page.locator('#count-records').textContent()).toBe(String(records.length));
    expect(await page.locator('#count-error').textContent()).toBe(
      String(expected.filter((f) => f.severity === 'error').length),
    );
    expect(await page.locator('#count-warning').textContent()).toBe(
      String(expected.filter((f) => f.severity === 'warning').length),
    );
    const report = page.frameLocator('#report');
    const byRule = new Map<string, number>();
    for (const f of expected) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    for (const [ruleId, count] of byRule) {
      const group = report.locator(`details.rule:has(code.rule-id:text-is("${ruleId}"))`);
      expect(await group.count()).toBe(1);
      expect(await group.locator('.count').textContent()).toBe(String(count));
    }
    for (const x of INJECTED) {
      const msg = expected.find((f) => f.ruleId === x.ruleId)!.message;
      expect(await report.locator('li.finding', { hasText: msg }).count()).toBeGreaterThan(0);
    }
    // Filters work in the embedded report: errors only.
    await report.locator('input.f-sev[value="warning"]').uncheck();
    expect(await report.locator('details.rule:not(.hidden)').count()).toBe(
      new Set(expected.filter((f) => f.severity === 'error').map((f) => f.ruleId)).size,
    );
    await report.locator('input.f-sev[value="warning"]').check();
    await page.screenshot({ path: join(ARTIFACTS, 'validator-findings.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('in-browser validator on a generated file', () => {
  it('finds every error olinpe synth injected, as the CLI does, without a request beyond 127.0.0.1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'olinpe-synth-'));
    const file = join(dir, 'synth-2024.xml');
    const code = await runCli(
      ['synth', '--year', '2024', '--records', '600', '--seed', '11', '--error-rate', '0.05', '--out', file],
      {
        stdin: Readable.from([]),
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        cwd: ROOT,
      },
    );
    expect(code).toBe(0);
    const { injected } = JSON.parse(readFileSync(`${file}.errors.json`, 'utf8')) as {
      injected: { kind: string; rule: string; recordIndex: number; related?: number[] }[];
    };
    expect(injected.length).toBeGreaterThan(10);
    const read = await readAll(readFileSync(file, 'utf8'));
    const { findings: expected } = await validateAll(read.records, { referenceYear: 2024 });
    // Every injected error is found by the rule its sidecar names on its line (or a related line) in Node…
    for (const e of injected) {
      const lines = [e.recordIndex, ...(e.related ?? [])];
      expect(
        expected.some((f) => f.ruleId === e.rule && lines.includes(f.recordIndex ?? -1)),
        e.kind,
      ).toBe(true);
    }
    // …and the page shows exactly the same findings, rule by rule.
    const { page, errors, requests } = await open('validator.html');
    const before = requests.length;
    await page.setInputFiles('#file-input', file);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 30_000 }).toMatch(/^Terminé/);
    expect(requests.slice(before).filter((u) => !u.startsWith(base))).toEqual([]);
    expect(await page.locator('#count-records').textContent()).toBe(String(read.records.length));
    expect(await page.locator('#count-error').textContent()).toBe(
      String(expected.filter((f) => f.severity === 'error').length),
    );
    const report = page.frameLocator('#report');
    const byRule = new Map<string, number>();
    for (const f of expected) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    for (const [ruleId, count] of byRule) {
      const group = report.locator(`details.rule:has(code.rule-id:text-is("${ruleId}"))`);
      expect(await group.locator('.count').textContent(), ruleId).toBe(String(count));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'validator-synth-findings.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('in-browser validator: edition by content, encodings, read errors', () => {
  const fixture = (name: string): string => join(ROOT, 'test/transmission/fixtures', name);

  it('checks a 2016 file under VERSIONXSD 1.22 with the 2016 rules, as olinpe validate does', async () => {
    const text = readFileSync(fixture('real-export-2016-v122.xml'), 'utf8');
    const cli = await runValidateJson(fixture('real-export-2016-v122.xml'));
    const { page, errors } = await open('validator.html');
    await page.setInputFiles('#file-input', fixture('real-export-2016-v122.xml'));
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Terminé/);
    expect(text).toContain('<VERSIONXSD>1.22</VERSIONXSD>');
    expect(await page.locator('#count-records').textContent()).toBe('10');
    const report = page.frameLocator('#report');
    expect(await report.locator('header .meta').textContent()).toContain('2016');
    expect(await report.locator('body').textContent()).not.toContain('CODEV');
    expect(await page.locator('#count-error').textContent()).toBe(String(cli.errors));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads a windows-1252 CSV when the encoding is chosen, and stops at the right line otherwise', async () => {
    const { page, errors } = await open('validator.html');
    await page.setInputFiles('#file-input', fixture('windows-1252.csv'));
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Terminé/);
    expect(await page.locator('#status').textContent()).toContain('LECTURE INCOMPLÈTE');
    const report = page.frameLocator('#report');
    expect(await report.locator('#reading').textContent()).toContain('Ligne 3 : octets qui ne sont pas de l');
    expect(await report.locator('#summary').textContent()).not.toContain('peut être transmis');
    await page.selectOption('#encoding', 'windows-1252');
    await page.setInputFiles('#file-input', []);
    await page.setInputFiles('#file-input', fixture('windows-1252.csv'));
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Terminé[^—]*$/);
    expect(await page.locator('#count-records').textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('in-browser validator: canaries', () => {
  const CANARIES = ['Canaryalpha', 'Canarybeta', 'Canarygamma', 'Canarydelta'];
  const id = 'ab'.repeat(20);
  const FILES: Array<{ name: string; mimeType: string; text: string }> = [
    // Canary names as CSV header cells beside known variables, and as the cells of a file without its header.
    { name: 'entete.csv', mimeType: 'text/csv', text: `NUMANONYM;TYPEV;Canaryalpha;SEXE;Canarybeta\n${id};1;x;1;y\n` },
    {
      name: 'sans-entete.csv',
      mimeType: 'text/csv',
      text: 'Canaryalpha;Canarybeta;12;3;2010\nCanarygamma;Canarydelta;1;2;2011\n',
    },
    // Canary names as XML element names.
    {
      name: 'balises.xml',
      mimeType: 'text/xml',
      text:
        `<?xml version="1.0" encoding="UTF-8"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-03-01</DATEXPORT></INTRO>\n` +
        `<DONNEE><NUMANONYM>${id}</NUMANONYM><TYPEV>1</TYPEV><Canarygamma>1</Canarygamma><SEXE>1</SEXE><Canarydelta_x>2</Canarydelta_x></DONNEE>\n</DECRET>\n`,
    },
  ];

  it('a file carrying canary names never shows them in the page or its report', async () => {
    const { page, errors } = await open('validator.html');
    const shown: string[] = [];
    for (const f of FILES) {
      await page.setInputFiles('#file-input', []);
      await page.setInputFiles('#file-input', {
        name: f.name,
        mimeType: f.mimeType,
        buffer: Buffer.from(f.text, 'utf8'),
      });
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/^Terminé/);
      const text = [(await page.locator('body').innerText()) ?? ''];
      for (const frame of page.frames())
        if (frame !== page.mainFrame()) text.push(await frame.locator('body').innerText(), await frame.content());
      const all = text.join('\n');
      shown.push(all);
      for (const c of CANARIES) expect(all, `${f.name} shows ${c}`).not.toContain(c);
    }
    // The unknown names were reported, described by their length, and the headerless file refused.
    expect(shown[0]).toMatch(/élément inconnu \(1[01] caractères\)/);
    expect(shown[2]).toMatch(/élément inconnu \(1[13] caractères\)/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('data-entry aid', () => {
  it('shows and hides fields as the guide says, and exports a file that validates', async () => {
    const { page, errors } = await open('entry.html');
    const visible = (name: string) => page.locator(`.field[data-var="${name}"]`).isVisible();
    // Before the event type, only the preliminary information is asked.
    expect(await visible('TYPEV')).toBe(true);
    expect(await visible('SEXE')).toBe(false);

    await page.selectOption('#f-TYPEV', '1');
    expect(await visible('SEXE')).toBe(true);
    expect(await visible('TRAITINFO')).toBe(true); // initial information: openings only
    expect(await visible('DATFIN')).toBe(false); // end variables: never on an opening
    expect(await visible('CHGLIEU')).toBe(false); // renewal only

    // A child of 9 at the decision: minors' variables shown, young adults' hidden.
    await page.fill('#f-ANAIS', '2014');
    await page.fill('#f-MNAIS', '05');
    await page.fill('#f-DATDECPE', '2024-03-10');
    expect(await page.locator('#age').textContent()).toBe('9 ans');
    expect(await visible('COMPOMENAG')).toBe(true);
    expect(await visible('MENAGEJM')).toBe(false);
    // Conditions on other answers: NATPDECADM after DECISION 1, AUTREDA only with NATPDECADM 18.
    expect(await visible('NATPDECADM')).toBe(false);
    await page.selectOption('#f-DECISION', '1');
    expect(await visible('NATPDECADM')).toBe(true);
    expect(await visible('NATDECASSED')).toBe(false);
    await page.selectOption('#f-NATPDECADM', '18');
    expect(await visible('AUTREDA')).toBe(true);
    await page.selectOption('#f-NATPDECADM', '10');
    expect(await visible('AUTREDA')).toBe(false);
    expect(await visible('TYPINTERDOM')).toBe(true);
    // An adult at the decision: young adults' variables appear, minors' go.
    await page.fill('#f-ANAIS', '2005');
    expect(await visible('MENAGEJM')).toBe(true);
    expect(await visible('COMPOMENAG')).toBe(false);
    await page.fill('#f-ANAIS', '2014');
    // End of measure: DATFIN appears, initial information goes.
    await page.selectOption('#f-TYPEV', '3');
    expect(await visible('DATFIN')).toBe(true);
    expect(await visible('TRAITINFO')).toBe(false);
    await page.selectOption('#f-TYPEV', '1');

    // Live finding next to its field, then fixed.
    await page.selectOption('#f-NUMDEP', '84');
    await page.fill('#f-NUMANONYM', 'a1'.repeat(20));
    await page.fill('#f-NUMANONYMANT', 'a1'.repeat(20));
    await page.selectOption('#f-SEXE', '2');
    await page.fill('#f-DATDEB', '2024-13-01');
    await expect.poll(() => page.locator('.field[data-var="DATDEB"] .field-findings li').count()).toBeGreaterThan(0);
    await page.fill('#f-DATDEB', '2024-03-15');
    expect(await page.locator('.field[data-var="DATDEB"] .field-findings li').count()).toBe(0);
    await page.selectOption('#f-TYPINTERDOM', '1');
    expect(await page.locator('.finding.sev-error').count()).toBe(0);

    await page.click('#save-record');
    expect(await page.locator('#saved-count').textContent()).toBe('1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xml')]);
    const path = join(ARTIFACTS, 'entry-export.xml');
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    const read = await readAll(text);
    expect(read.records).toHaveLength(1);
    expect(read.records[0]!.values.TYPEV).toBe('1');
    expect(read.records[0]!.values.AUTREDA).toBe(''); // not applicable: written empty
    const { findings } = await validateAll(read.records, { referenceYear: 2024 });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('HTML report', () => {
  it('opens from disk in Chromium without console error, with working filters', async () => {
    const records = fixtureRecords();
    const { findings } = await validateAll(records, { referenceYear: 2024 });
    const file = join(ARTIFACTS, 'report.html');
    writeFileSync(
      file,
      renderReportHtml({ kind: 'validate', source: 'fixture.xml', records: records.length, findings }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    await page.selectOption('#f-var', 'SEXE');
    expect(await page.locator('details.rule:not(.hidden)').count()).toBe(1);
    await page.click('#lang-toggle');
    expect(await page.locator('html').getAttribute('data-lang')).toBe('en');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await page.close();
  });
});
