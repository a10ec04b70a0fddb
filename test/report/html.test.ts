import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countBySeverity,
  escapeHtml,
  fillRates,
  fillRateSvg,
  groupByRule,
  renderReportHtml,
  type ReportFinding,
} from '../../src/report/index.js';
import { runs } from '../support/runs.js';

const findings: ReportFinding[] = [
  {
    ruleId: 'OL16-FMT-SEXE',
    severity: 'error',
    message: 'SEXE : code inconnu « 3 »',
    line: 12,
    variables: [{ name: 'SEXE', value: '3' }],
  },
  {
    ruleId: 'OL16-FMT-SEXE',
    severity: 'error',
    message: 'SEXE : code inconnu « 4 »',
    line: 40,
    variables: [{ name: 'SEXE', value: '4' }],
  },
  {
    ruleId: 'OL16-EVT-DATFIN',
    severity: 'error',
    message: 'DATFIN renseignée hors fin de mesure',
    recordIndex: 3,
    variables: [
      { name: 'DATFIN', value: '2018-03-01' },
      { name: 'TYPEV', value: '1' },
    ],
  },
  {
    ruleId: 'OL-COH-DUREE',
    severity: 'warning',
    message: 'Durée excessive',
    variables: [{ name: 'DATDEB' }, { name: 'DATFIN' }],
  },
  { ruleId: 'OL-INFO', severity: 'info', message: 'note' },
];

const finding = fc.record({
  ruleId: fc.string({ minLength: 1, maxLength: 12 }),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
  message: fc.string({ maxLength: 40 }),
  variables: fc.array(
    fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), value: fc.option(fc.string(), { nil: undefined }) }),
    { maxLength: 3 },
  ),
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(
    {
      kind: 'validate+audit',
      source: 'cg84-ONPE_2018.xml',
      edition: '2016',
      records: 100,
      findings,
      rules: [{ id: 'OL16-FMT-SEXE', title: { fr: 'Code de SEXE', en: 'SEXE code' } }],
      fillRates: fillRates([
        { SEXE: '1', ANAIS: '9999' },
        { SEXE: '', ANAIS: '2005' },
      ]),
      audit: {
        records: 100,
        youngPeople: 61,
        typev: { '1': 50, '2': 20, '3': 30 },
        decisionYears: { '2018': 90, '2017': 10 },
        sections: [
          {
            id: 'orphans',
            title: { fr: 'Fins orphelines', en: 'Orphan ends' },
            count: 2,
            items: [{ line: 3, DATDEB: '2018-01-02' }, { line: 9 }],
          },
          { id: 'duplicates', title: 'Doublons', count: 0, items: [] },
        ],
      },
    },
    { maxFindingsPerRule: 1 },
  );

  it('is one self-contained document: no external resource of any kind', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('shows the summary counts, each rule with its count, and truncates long lists honestly', () => {
    expect(html).toContain('OL16-FMT-SEXE');
    expect(html).toContain('SEXE code');
    expect(html).toMatch(/data-total="2">2</);
    expect(html).toContain('… et 1 autre(s), non listé(s).');
    expect(html).toMatch(/<div class="value">61<\/div>/);
    expect(html).toContain('3 erreur(s) à corriger');
  });

  it('has the filters, the fill-rate chart, the audit sections and a print style', () => {
    expect(html).toContain('class="f-sev" value="warning"');
    expect(html).toContain('<option value="DATFIN">');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="fill-chart"');
    expect(html).toContain('data-var="SEXE"');
    expect(html).toContain('Orphan ends');
    expect(html).toContain('<td>2018-01-02</td>');
    expect(html).toContain('@media print');
  });

  it('says so when there is no error', () => {
    const ok = renderReportHtml({ kind: 'validate', findings: [] });
    expect(ok).toContain('Aucune erreur');
    expect(ok).toContain('Aucun constat.');
  });

  it('shows French by default and English on request, with both labels present', () => {
    expect(html).toContain('data-lang="fr"');
    expect(renderReportHtml({ kind: 'audit' }, { lang: 'en' })).toContain('data-lang="en"');
    expect(html).toContain('<span class="l-en" lang="en">Findings by rule</span>');
  });

  it('never lets a value or a message inject markup (property)', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 6 }), fc.string(), (fs, source) => {
        const out = renderReportHtml({ kind: 'validate', findings: fs, source });
        expect(out.match(/<script/g)).toHaveLength(1);
        expect(out.match(/<\/script/g)).toHaveLength(1);
        expect(out.match(/<li class="finding"/g)?.length ?? 0).toBe(fs.length);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s))));
  });

  it('groupByRule keeps every finding, sorts by severity then count', () => {
    const groups = groupByRule(findings);
    expect(groups.map((g) => g.ruleId)).toEqual(['OL16-FMT-SEXE', 'OL16-EVT-DATFIN', 'OL-COH-DUREE', 'OL-INFO']);
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), (fs) => {
        const gs = groupByRule(fs);
        expect(gs.reduce((n, g) => n + g.findings.length, 0)).toBe(fs.length);
        const counts = countBySeverity(fs);
        expect(counts.error + counts.warning + counts.info).toBe(fs.length);
      }),
    );
  });

  it('fillRates counts each record once per variable, in the four states', () => {
    const rates = fillRates([{ SEXE: '1' }, { SEXE: '9' }, { SEXE: '' }, {}]);
    expect(rates.find((r) => r.name === 'SEXE')).toEqual({ name: 'SEXE', filled: 1, unknown: 1, empty: 1, absent: 1 });
    for (const r of rates) expect(r.filled + r.unknown + r.empty + r.absent).toBe(4);
  });

  it('fillRateSvg draws one row per variable seen', () => {
    const svg = fillRateSvg([
      { name: 'SEXE', filled: 3, unknown: 1, empty: 0, absent: 0 },
      { name: 'ANAIS', filled: 0, unknown: 0, empty: 0, absent: 0 },
    ]);
    expect(svg.match(/class="fill-row"/g)).toHaveLength(1);
    expect(svg).toContain('100,0\u00a0%');
  });
});
