/**
 * What the reports look like to a reader: `olinpe demo` writes rapport.html (validation and audit) and
 * analyse.html (trajectories and indicators) as a user would get them; headless Chromium opens each one, takes
 * screenshots into test-artifacts/screenshots/ (not committed; kept as CI artifacts), and checks the page itself:
 * - every code shown carries the label the nomenclature gives it (nomenclature/2016/variables.json, the decree's
 *   data), and no internal identifier (a nature group's slug) is shown;
 * - numbers are in French format ("1 106", "87,2 %"), none in English format;
 * - nothing is clipped horizontally: each chart and table container fits its width, and every SVG text lies
 *   inside its view box, in French and in English;
 * - the English switch translates the findings' messages too; no request leaves the file.
 * The documentation site (built by scripts/build-site.ts, served from 127.0.0.1) is taken the same way: the home
 * page, a rule's page addressed by its id, a variable's entry with its rules, the départements' FAQ; each is
 * checked for labels beside names and codes (against the nomenclature data), French number format, and no
 * horizontal clipping (page and tables: scrollWidth ≤ clientWidth), at a desktop and a phone width.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser.js';
import { cli } from '../support/cli.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { buildSite } from '../../scripts/build-site.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const dir = mkdtempSync(join(tmpdir(), 'olinpe-shots-'));
let browser: Browser;

/** The decree's labels, read from the nomenclature data: variable → code → French label. */
const data = JSON.parse(readFileSync(join(ROOT, 'nomenclature/2016/variables.json'), 'utf8')) as {
  eventVariable: string;
  variables: {
    name: string;
    block: string;
    label: { fr: string; en?: string };
    codes?: { code: string; label: { fr: string; en?: string } }[];
    applicability: { events: string[] };
  }[];
};
/** The documentation site, as package.json's `homepage` names it (the one source of the reports' links). */
const HOMEPAGE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;

const labels = new Map(
  data.variables.map((v) => [
    v.name,
    { label: v.label, codes: new Map((v.codes ?? []).map((c) => [c.code, c.label])) },
  ]),
);

/** Internal ids of the nature groups that must never reach the reader (src/analysis/natures.ts). */
const SLUGS = [
  'accueil-provisoire',
  'accueil-temporaire',
  'jeune-majeur-adm',
  'jeune-majeur-jud',
  'autre-adm',
  'autre-jud',
  'autorite-parentale',
];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const run = await cli([
    'demo',
    '--out',
    dir,
    '--young-people',
    '700',
    '--year',
    '2024',
    '--seed',
    '7',
    '--error-rate',
    '0.03',
  ]);
  expect(run.code, run.stderr).toBe(0);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const opened = await browser.open(pathToFileURL(join(dir, name)).href);
  await opened.page.setViewportSize({ width: 1280, height: 900 });
  return opened;
}

/**
 * Containers wider than their box, and SVG texts outside their view box. Run in the page (a string, as the tests
 * are type-checked without the DOM's types).
 */
const CLIPPING = `(() => {
  const out = [];
  document.querySelectorAll('.chart, .table-wrap').forEach((el, i) => {
    if (el.offsetParent === null) return; // hidden (closed details)
    if (el.scrollWidth > el.clientWidth + 1) out.push('container ' + i + ' (' + (el.closest('[id]')?.id ?? '') + '): ' + el.scrollWidth + ' > ' + el.clientWidth);
  });
  document.querySelectorAll('.chart svg').forEach((svg) => {
    const vb = svg.viewBox.baseVal;
    svg.querySelectorAll('text').forEach((t) => {
      if (t.getComputedTextLength() === 0) return;
      const b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) {
        out.push(svg.getAttribute('class') + ': "' + t.textContent + '" at ' + b.x.toFixed(0) + ',' + b.y.toFixed(0) + ' ' + b.width.toFixed(0) + 'x' + b.height.toFixed(0) + ' outside ' + vb.width + 'x' + vb.height);
      }
    });
  });
  return out;
})()`;

async function clipping(page: Page): Promise<string[]> {
  return page.evaluate(CLIPPING) as Promise<string[]>;
}

/** Every coded value shown: variable, code and the label beside it (French). */
async function codedValues(page: Page): Promise<{ variable: string; code: string; label: string }[]> {
  return page.$$eval('.coded', (els) =>
    els.map((e) => ({
      variable: e.getAttribute('data-var') ?? '',
      code: e.getAttribute('data-code') ?? '',
      label: (e.querySelector('.code-label .l-fr') ?? e.querySelector('.code-label'))?.textContent ?? '',
    })),
  );
}

function expectLabelled(coded: { variable: string; code: string; label: string }[]): void {
  for (const c of coded) {
    const v = labels.get(c.variable);
    expect(v, c.variable).toBeDefined();
    // A variable name stands for itself (danger table): its label is the variable's; a code's is the code's.
    const expected = c.code === c.variable ? v!.label.fr : v!.codes.get(c.code)?.fr;
    expect(c.label.trim(), `${c.variable} ${c.code}`).toBe(expected ?? 'code hors nomenclature');
  }
}

/** Numbers in cells: French format only. */
async function numberCells(page: Page): Promise<string[]> {
  return page.$$eval('td.num', (tds) =>
    tds.map((td) => (td as unknown as { innerText: string }).innerText.trim()).filter((t) => t !== ''),
  );
}

const FRENCH_NUMBER = /^(-?\d{1,3}(\u202f\d{3})*(,\d+)?|\d+,\d\u00a0%|—)$/;

describe('analyse.html', () => {
  it('is readable: labelled codes in the decree’s order, French numbers, nothing clipped, in both languages', async () => {
    const { page, errors, requests } = await open('analyse.html');
    await page.screenshot({ path: join(SHOTS, 'analyse-fr.png'), fullPage: true });
    for (const id of ['flows', 'survival', 'pyramid', 'monthly'])
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `analyse-${id}.png`) });
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);

    const coded = await codedValues(page);
    expect(coded.filter((c) => c.variable === 'MOTFININT').length).toBeGreaterThan(0);
    expect(coded.filter((c) => c.variable === 'MOTIFML').length).toBeGreaterThan(0);
    expect(coded.filter((c) => c.variable === 'SANTE').length).toBe(1);
    expectLabelled(coded);
    // MOTFININT in the decree's order (codes ascending as listed), "Non renseigné" last.
    const motfinint = coded.filter((c) => c.variable === 'MOTFININT').map((c) => c.code);
    const decreeOrder = [...labels.get('MOTFININT')!.codes.keys()];
    expect(motfinint).toEqual(decreeOrder.filter((c) => motfinint.includes(c)));
    // Age bands in age order.
    const ages = await page.$$eval('#t-jeunes-en-cours td:nth-child(2) .l-fr', (els) =>
      els.map((e) => e.textContent ?? '').filter((t) => /ans|Âge/.test(t)),
    );
    const firsts = ages.filter((a) => /^\d/.test(a)).map((a) => Number(a.split(' ')[0]));
    expect(firsts.length).toBeGreaterThan(2);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));

    const text = await page.locator('body').innerText();
    for (const slug of SLUGS) expect(text, slug).not.toContain(slug);
    expect(text).not.toContain('docs/guides');
    expect(await page.locator(`a[href^="${HOMEPAGE}guides/analysis.html"]`).count()).toBe(1);

    const numbers = await numberCells(page);
    expect(numbers.length).toBeGreaterThan(50);
    expect(numbers.filter((n) => !FRENCH_NUMBER.test(n))).toEqual([]);
    expect(numbers.some((n) => /^\d+,\d\u00a0%$/.test(n))).toBe(true);
    expect(text).toMatch(/\d\u202f\d{3}/); // a count over 1 000 grouped with the narrow no-break space

    // The flow chart: every state labelled with its name and count.
    const flowLabels = await page.$$eval('#flows svg text', (els) =>
      els.map((e) => (e.querySelector('.l-fr') ?? e).textContent ?? ''),
    );
    expect(flowLabels.some((l) => /^AEMO \(\d/.test(l))).toBe(true);
    expect(flowLabels.some((l) => /^Placement judiciaire \(\d/.test(l))).toBe(true);

    expect(await clipping(page)).toEqual([]);
    await page.click('#lang-toggle');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await clipping(page)).toEqual([]);
    const english = await page.locator('body').innerText();
    expect(english).toContain('Trajectories');
    expect(english).not.toContain('Mesures en cours');
    await page.screenshot({ path: join(SHOTS, 'analyse-en.png'), fullPage: true });
    await page.locator('#flows').screenshot({ path: join(SHOTS, 'analyse-flows-en.png') });

    // The workbook link carries a real .xlsx (a ZIP).
    const href = await page.locator('.downloads-all a.l-en').getAttribute('href');
    expect(Buffer.from(href!.split(',')[1]!, 'base64').subarray(0, 2).toString()).toBe('PK');
    await page.close();
  });
});

describe('rapport.html', () => {
  it('is readable: labelled codes, French headers and numbers, shortened pseudonyms, file lines, translated messages', async () => {
    const { page, errors, requests } = await open('rapport.html');
    // Open a few groups as a reader would, for the screenshot and the checks.
    await page.$$eval('details.rule', (ds) => {
      for (const d of ds.slice(0, 4)) d.setAttribute('open', '');
    });
    await page.screenshot({ path: join(SHOTS, 'rapport-fr.png'), fullPage: true });
    await page.locator('#findings').screenshot({ path: join(SHOTS, 'rapport-findings.png') });
    await page.locator('#audit-typev').screenshot({ path: join(SHOTS, 'rapport-audit-typev.png') });
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);

    expectLabelled(await codedValues(page));
    expect((await codedValues(page)).some((c) => c.variable === 'TYPEV')).toBe(true);
    const headers = await page.$$eval('th', (ths) => ths.map((t) => (t.querySelector('.l-fr') ?? t).textContent ?? ''));
    for (const english of ['line', 'value', 'ruleId', 'numanonym', 'index', 'detail'])
      expect(headers, english).not.toContain(english);
    const pseudonyms = await page.$$eval('code.pseudonym', (cs) => cs.map((c) => c.textContent ?? ''));
    expect(pseudonyms.length).toBeGreaterThan(0);
    for (const p of pseudonyms) expect(p).toMatch(/^[0-9a-f]{12}…$/);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/[0-9a-f]{40}/);
    expect(text).not.toMatch(/\d\.\d %/);
    const numbers = await numberCells(page);
    expect(numbers.filter((n) => !FRENCH_NUMBER.test(n) && !/^\d+$/.test(n))).toEqual([]);
    // The demo validates records before writing the file: its findings are located by record number, not "ligne".
    const where = await page.$$eval('li.finding .where .l-fr', (els) => els.map((e) => e.textContent ?? ''));
    expect(where).toContain('enregistrement n°');
    expect(where).not.toContain('ligne');
    expect(await clipping(page)).toEqual([]);

    await page.click('#lang-toggle');
    const messages = await page.$$eval('details.rule[open] li.finding', (lis) =>
      lis.map((li) => (li as unknown as { innerText: string }).innerText),
    );
    expect(messages.length).toBeGreaterThan(0);
    const translated = await page.$$eval('details.rule[open] li.finding', (lis) =>
      lis.every((li) => li.querySelector(':scope > .l-en') !== null),
    );
    expect(translated).toBe(true);
    expect(await page.locator('#audit h2').innerText()).toBe('Observatory audit');
    // The audit items' details follow the switch too: shown in English, none left in French.
    const details = await page.$$eval('#audit td', (tds) =>
      tds
        .filter((td) => td.querySelector(':scope > .l-en') !== null)
        .map((td) => (td as unknown as { innerText: string }).innerText.trim()),
    );
    expect(details.length).toBeGreaterThan(0);
    expect(details.filter((d) => /\b(ans|répète|ligne|première|année|invalide|ni)\b/.test(d))).toEqual([]);
    expect(await clipping(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'rapport-en.png'), fullPage: true });
    await page.close();
  });
});

/** The documentation site as a reader gets it: built into a temporary folder, served from 127.0.0.1. */
describe('documentation site', () => {
  const siteDir = join(dir, 'site');
  let server: StaticServer | undefined;
  let base = '';

  beforeAll(async () => {
    await buildSite({ out: siteDir });
    server = await serveFolder(siteDir);
    base = server.base;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** SEXE: its entry in the dictionary (the block's page, the variable's anchor), from the nomenclature data. */
  const sexe = data.variables.find((v) => v.name === 'SEXE')!;
  const sexeBlock = `block-${sexe.block
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
  const PAGES: { name: string; path: string }[] = [
    { name: 'accueil', path: 'index.html' },
    { name: 'regle-OL16-REQ-SEXE', path: 'regles/OL16-REQ-SEXE/' },
    { name: 'variable-SEXE', path: `dictionary/2016/${sexeBlock}.html#sexe` },
    { name: 'faq', path: 'audiences/faq-departements.html' },
  ];
  const WIDTHS = [
    { name: 'bureau', width: 1280, height: 900 },
    { name: 'telephone', width: 390, height: 844 },
  ];

  /** The page and its tables fit their width; text outside code blocks uses the French number format. */
  const SITE_CHECKS = `(() => {
    const out = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push('page: ' + root.scrollWidth + ' > ' + root.clientWidth);
    document.querySelectorAll('main table').forEach((t, i) => {
      if (t.scrollWidth > t.clientWidth + 1) out.push('table ' + i + ' (' + (t.closest('[id]')?.id ?? t.previousElementSibling?.id ?? '') + '): ' + t.scrollWidth + ' > ' + t.clientWidth);
    });
    return out;
  })()`;

  /** The page's prose, code blocks and inline code left out (a path, a command or a value is not a number to format). */
  async function prose(page: Page): Promise<string> {
    return page.evaluate(`(() => {
      const copy = document.querySelector('main').cloneNode(true);
      copy.querySelectorAll('pre, code').forEach((e) => e.remove());
      return copy.textContent;
    })()`) as Promise<string>;
  }

  /** The French part of the page: its prose before the "English" section, English paragraphs left out. */
  async function frenchPart(page: Page): Promise<string> {
    return page.evaluate(`(() => {
      const copy = document.querySelector('main').cloneNode(true);
      const english = copy.querySelector('#english');
      if (english) {
        while (english.nextSibling) english.nextSibling.remove();
        english.remove();
      }
      copy.querySelectorAll('pre, code, [lang="en"], em').forEach((e) => e.remove());
      return copy.textContent;
    })()`) as Promise<string>;
  }

  /** Counts of common function words: French ones against English ones. */
  function wordCounts(text: string): { fr: number; en: number } {
    const count = (re: RegExp): number => (text.match(re) ?? []).length;
    return {
      fr: count(/\b(le|la|les|des|une|et|du|dans|pour|est)\b/gi),
      en: count(/\b(the|and|of|to|is|for|with|your|you)\b/gi),
    };
  }

  for (const { name, path } of PAGES) {
    it(`${name}: loads cleanly, French numbers, nothing clipped at desktop and phone widths`, async () => {
      const { page, errors, requests } = await browser.open(`${base}${path}`);
      for (const w of WIDTHS) {
        await page.setViewportSize({ width: w.width, height: w.height });
        await page.screenshot({ path: join(SHOTS, `site-${name}-${w.name}.png`), fullPage: true });
        expect(await page.evaluate(SITE_CHECKS), `${name} at ${w.width} px`).toEqual([]);
      }
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
      const text = await prose(page);
      expect(text.length).toBeGreaterThan(200);
      // No English number format ("1,106", "87.2 %"), no long number without its thousands separator.
      expect(text).not.toMatch(/\b\d{1,3},\d{3}\b/);
      expect(text).not.toMatch(/\d\.\d+\s?%/);
      expect(text.match(/(?<![\d-])\d{5,}(?![\d-])/g) ?? []).toEqual([]);
      // French first: the page is in French, and what comes before its English part reads as French.
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      const words = wordCounts(await frenchPart(page));
      expect(words.fr, name).toBeGreaterThan(5 * Math.max(1, words.en));
      await page.close();
    });
  }

  it('a rule’s page, addressed by its id, names each variable with its label and links to its entry', async () => {
    const { page } = await browser.open(`${base}regles/OL16-REQ-SEXE/`);
    expect(await page.locator('h1').innerText()).toContain('OL16-REQ-SEXE');
    const vars = await page.$$eval('li.coded-var', (lis) =>
      lis.map((li) => ({
        variable: li.getAttribute('data-var') ?? '',
        label: li.querySelector('.var-label')?.textContent ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? '',
      })),
    );
    expect(vars.map((v) => v.variable)).toEqual(['SEXE']);
    for (const v of vars) expect(v.label).toBe(labels.get(v.variable)!.label.fr);
    // No variable name shown as bare code outside its labelled item.
    const bare = await page.$$eval('main td code', (cs) =>
      cs.filter((c) => !c.closest('li.coded-var')).map((c) => c.textContent ?? ''),
    );
    expect(bare.filter((c) => labels.has(c))).toEqual([]);
    await page.click('li.coded-var a');
    await page.waitForURL(new RegExp(`dictionary/2016/${sexeBlock}\\.html#sexe$`));
    await page.close();
  });

  it('a variable’s entry gives every code with the decree’s label, its events with labels, and lists its rules', async () => {
    const { page } = await browser.open(`${base}dictionary/2016/${sexeBlock}.html#sexe`);
    // The tables between SEXE's heading and the next variable's.
    const tables = await page.$$eval('h3#sexe', ([h]) => {
      const out: string[][][] = [];
      for (let e = h!.nextElementSibling; e && e.tagName !== 'H3'; e = e.nextElementSibling)
        if (e.tagName === 'TABLE')
          out.push(
            [...e.querySelectorAll('tr')].map((tr) =>
              [...tr.querySelectorAll('td')].map((td) => (td as unknown as { innerText: string }).innerText.trim()),
            ),
          );
      return out;
    });
    expect(tables.length).toBe(2);
    const [facts, codes] = tables as [string[][], string[][]];
    const rows = codes.filter((r) => r.length > 0);
    expect(rows.map((r) => r[0])).toEqual([...labels.get('SEXE')!.codes.keys()]);
    for (const [code, label] of rows) expect(label, code).toBe(labels.get('SEXE')!.codes.get(code!)!.fr);
    // The events it is filled on, each with the event variable's label.
    const events = facts.find((r) => r[0] === data.eventVariable)![1]!;
    const eventCodes = labels.get(data.eventVariable)!.codes;
    for (const e of sexe.applicability.events) expect(events).toContain(`${e} ${eventCodes.get(e)!.fr}`);
    // Its rules, each linked to the rule's entry in the catalogue.
    const ruleLinks = await page.$$eval('h3#sexe ~ table a[href*="rules/2016/"]', (as) =>
      as.map((a) => a.textContent ?? ''),
    );
    expect(ruleLinks).toEqual(expect.arrayContaining(['OL16-REQ-SEXE', 'OL16-FMT-SEXE', 'OL-YP-001']));
    await page.close();
  });
});
