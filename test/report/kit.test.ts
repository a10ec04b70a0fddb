/**
 * The reports' rendering kit and the figures behind the new charts: French formats as the issue states them
 * ("87,2 %", "1 106"), what a CSV link carries, round ticks, the Kaplan–Meier curve against its own quartiles
 * (a law: a quartile is the first time the curve falls to 75, 50, 25 %), and the year-to-year trajectories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrajectories, indicators, kaplanMeier, kaplanMeierCurve } from '../../src/analysis/index.js';
import { shortPseudonym } from '../../src/model/index.js';
import { escapeHtml, formatCount, formatPercent, niceTicks, renderTable } from '../../src/report/index.js';
import { ID_A, ID_B, accueil, aemo, line } from '../analysis/fixtures.js';
import { runs } from '../support/runs.js';

describe('French formats', () => {
  it('writes counts and shares as Intl fr-FR does: "1 106", "87,2 %"', () => {
    expect(formatCount(1106)).toBe('1\u202f106');
    expect(formatPercent(872, 1000)).toBe('87,2\u00a0%');
    expect(formatPercent(1, 0)).toBe('—');
    expect(formatCount(null)).toBe('—');
  });

  it('a pseudonym is always its first 12 characters and an ellipsis', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{40}$/), (p) => shortPseudonym(p) === `${p.slice(0, 12)}…`),
      { numRuns: runs(50) },
    );
  });

  it('escapeHtml leaves no markup character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s))),
      { numRuns: runs(200) },
    );
  });
});

describe('renderTable', () => {
  const html = renderTable({
    id: 'motfinint',
    title: { fr: 'Raison de la fin', en: 'Why it ended' },
    columns: [
      { title: { fr: 'MOTFININT', en: 'MOTFININT' } },
      { title: { fr: 'Mesures', en: 'Measures' }, kind: 'count' },
      { title: { fr: '%', en: '%' }, kind: 'percent' },
    ],
    rows: [
      [
        { variable: 'MOTFININT', code: '1', label: { fr: 'Terme prévu atteint', en: 'Planned end reached' } },
        1106,
        { part: 1106, total: 1268 },
      ],
      ['=HYPERLINK("x")', 3, { part: 3, total: 1268 }],
    ],
  });

  it('shows numbers in French format and codes with their label', () => {
    expect(html).toContain('<td class="num">1\u202f106</td>');
    expect(html).toContain('<td class="num">87,2\u00a0%</td>');
    expect(html).toContain('data-var="MOTFININT" data-code="1"');
  });

  it('its CSV link holds the table: ";" separated, code with label, shares as ratios, formulas neutralised', () => {
    const href = /class="csv l-fr"[^>]*href="([^"]+)"/.exec(html)![1]!;
    const csv = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(csv).toBe(
      '\ufeffMOTFININT;Mesures;%\r\n1 — Terme prévu atteint;1106;0.872\r\n"\'=HYPERLINK(""x"")";3;0.002\r\n',
    );
  });
});

describe('niceTicks', () => {
  it('ascending round steps from 0 that reach the maximum', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e7, noNaN: true }), (max) => {
        const t = niceTicks(max);
        const step = t[1]! - t[0]!;
        return (
          t[0] === 0 &&
          t[t.length - 1]! >= max * (1 - 1e-9) &&
          t.every((v, i) => i === 0 || Math.abs(v - t[i - 1]! - step) < step * 1e-6)
        );
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('kaplanMeierCurve', () => {
  it('its quartiles are the first times the curve falls to 75, 50 and 25 % (the quartiles kaplanMeier reports)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 60 }), (obs) => {
        const times = obs.map(([t]) => t);
        const ended = obs.map(([, e]) => (e ? 1 : 0));
        const curve = kaplanMeierCurve(times, ended);
        const q = kaplanMeier(times, ended);
        const first = (p: number): number | null => {
          const i = curve.values.findIndex((s) => s <= p + 1e-12);
          return i < 0 ? null : curve.times[i]!;
        };
        const decreasing = curve.values.every((s, i) => s >= 0 && s <= 1 && (i === 0 || s <= curve.values[i - 1]!));
        return decreasing && first(0.75) === q.q1 && first(0.5) === q.median && first(0.25) === q.q3;
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('trajectories from one 31 December to the next', () => {
  it('follows each young person’s main measure: accueil provisoire then AEMO', async () => {
    // A: accueil provisoire from March 2018, ended June 2019, AEMO from May 2019 (still running).
    // B: AEMO from January 2019 only.
    const acc = accueil('2018-03-01', '2018-03-05');
    const ae = aemo('2019-05-01', '2019-05-10');
    const b = aemo('2019-01-10', '2019-01-15');
    const f2018 = [line(ID_A, '1', acc)];
    const f2019 = [
      line(ID_A, '3', acc, { DATFIN: '2019-06-30', MOTFININT: '1' }),
      line(ID_A, '1', ae),
      line(ID_B, '1', b),
    ];
    const t = await buildTrajectories([
      { file: 'a2018.csv', records: f2018 },
      { file: 'a2019.csv', records: f2019 },
    ]);
    const tr = indicators(t, { charts: true }).transitions!;
    expect(tr.dates).toEqual(['2017-12-31', '2018-12-31', '2019-12-31']);
    expect(tr.people).toBe(2);
    expect(tr.states[1]).toEqual({ 'accueil-provisoire': 1, aucune: 1 });
    expect(tr.states[2]).toEqual({ aemo: 2 });
    const flows = Object.fromEntries(tr.flows[1]!.map((f) => [`${f.from}>${f.to}`, f.count]));
    expect(flows).toEqual({ 'accueil-provisoire>aemo': 1, 'aucune>aemo': 1 });
    // Every column counts the same young people.
    for (const s of tr.states) expect(Object.values(s).reduce((a, b) => a + b, 0)).toBe(tr.people);
  });
});
