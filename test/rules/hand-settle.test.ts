/**
 * The hand-written record rules settled in the engine's loop (src/rules/hand-settle.ts) keep their law: wherever
 * `settleHand` settles a rule without calling it, the rule's own `check` on that line returns `null` (it passes),
 * or the very skip reason given. Checked on fast-check lines of both editions whose variables read by these rules
 * take values near every boundary (dates in every odd form, years of one to five characters, codes, formulas,
 * zeros), absent or empty, with and without an export date, a reference year and a destination. The engine as a
 * whole is compared with its path without shortcuts in test/rules/no-shortcuts.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditionId } from '../../src/nomenclature/index.js';
import { recordRulesOf } from '../../src/rules/catalogue.js';
import { handPlan, settleHand } from '../../src/rules/hand-settle.js';
import { absentAsEmpty, completeContext, contextPlan, emptyContext, resolveOptions } from '../../src/rules/line.js';
import { readRow } from '../../src/rules/row.js';
import { selection } from '../../src/rules/selection.js';
import { rules } from '../../src/rules/catalogue.js';
import type { RecordValues, RuleOptions } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';

/** The variables the hand-written rules read, and a few others. */
const READ = [
  'ANAIS',
  'MNAIS',
  'DATDECPE',
  'DATDEB',
  'DATFIN',
  'DATPPE',
  'NOTIFEVAL',
  'FINEVAL',
  'ANSA1',
  'ANSA2',
  'ANSMERE',
  'ANSPERE',
  'NATPDECADM',
  'NATDECASSED',
  'TYPINTERDOM',
  'TYPDECJUD',
  'LIEUACC',
  'LIEUPLAC',
  'MENAGEJM',
  'NBFRAT',
  'UTDP',
  'AUTREDA',
  'AUTREDJ',
  'TYPEV',
  'CODEV',
  'DECAP',
  'DATDECAP',
];

const DATES = [
  '2019-01-10',
  '2019-02-01',
  '2018-12-31',
  '2017-01-01',
  '2021-06-30',
  '2019-01-99',
  '2019-99-99',
  '9999-99-99',
  '2019-13-01',
  '2020-02-30',
  '1910-01-01',
  '1999-12-31',
  '2031-01-01',
  '2019-1-1',
  '2019-01',
  'abcd-01-01',
  // Around two years apart (OL16-DAT-005: 730 days at most), leap days, dates a Date does not read as written.
  '2017-06-30',
  '2019-06-30',
  '2019-01-01',
  '2019-01-02',
  '2020-12-31',
  '2021-01-01',
  '2021-01-02',
  '2020-02-29',
  '2021-02-29',
  '2019-02-31',
  '2019x01-01',
  '1e03-01-01',
  '1899-12-31',
  '1902-01-01',
];
const YEARS = ['2005', '2019', '1998', '1997', '1996', '1910', '1995', '9999', '20', '200', '1e3', '20051', ' 200'];
const MONTHS = ['01', '02', '05', '12', '99', '1', '13', 'ab'];
const CODES = [
  '0',
  '00',
  '000',
  '01',
  '1',
  '2',
  '4',
  '5',
  '7',
  '8',
  '9',
  '10',
  '12',
  '14',
  '16',
  '17',
  '19',
  '21',
  '99',
];
const TEXTS = ['=x', '+1', '-', '@a', '\tx', '\rx', 'texte', 'x'];
const any = fc.constantFrom('', ...DATES, ...YEARS, ...CODES, ...TEXTS);
/** Values of a variable's own kind mostly (so that boundaries are met), sometimes anything. */
const kind = (list: readonly string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom('', ...list), weight: 4 }, { arbitrary: any, weight: 1 });
const valueArbs: Record<string, fc.Arbitrary<string>> = Object.fromEntries(
  READ.map((name) => [
    name,
    name === 'MNAIS'
      ? kind(MONTHS)
      : name === 'ANAIS' || name.startsWith('ANS')
        ? kind(YEARS)
        : name.startsWith('DAT') || name === 'NOTIFEVAL' || name === 'FINEVAL'
          ? kind(DATES)
          : name === 'UTDP' || name.startsWith('AUTRE')
            ? kind(TEXTS)
            : kind(CODES),
  ]),
);

const lineArb = fc.record({
  edition: fc.constantFrom<EditionId>('2016', '2011'),
  values: fc.record(valueArbs, { requiredKeys: [] }),
  extra: fc.boolean(),
  absentEmpty: fc.boolean(),
  options: fc.record({
    referenceYear: fc.constantFrom(2019, 2010, undefined),
    exportDate: fc.constantFrom('2020-01-31', '2019-01-15', undefined),
    destination: fc.constantFrom<RuleOptions['destination']>('onpe', 'odpe', undefined),
  }),
});

describe('hand-written record rules settled in the loop', () => {
  it('settle a rule only where its check passes, or skips with the reason given', () => {
    let settled = 0;
    fc.assert(
      fc.property(lineArb, ({ edition, values, extra, absentEmpty, options }) => {
        const o = resolveOptions({ ...options, edition });
        const sel = selection(edition, undefined, rules);
        const always = sel.byVariable!.always;
        const plan = handPlan(edition, sel.record, always);
        const record: RecordValues = extra ? { ...values, NOM: 'x' } : (values as RecordValues);
        const ctxPlan = contextPlan(edition);
        const ctx = emptyContext(o, ctxPlan);
        ctx.values = record;
        ctx.extra = readRow(record, ctxPlan.layout, ctx.row);
        if (absentEmpty) absentAsEmpty(ctx.row);
        completeContext(ctx, ctxPlan);
        const unchecked = new Float64Array(sel.record.length);
        const skips = new Array<string | undefined>(sel.record.length).fill(undefined);
        const calls = new Int32Array(always.length);
        const n = settleHand(plan, always, ctx, unchecked, skips, calls);
        const called = new Set(calls.subarray(0, n));
        for (const r of always) {
          if (called.has(r)) continue;
          settled++;
          const result = sel.record[r]!.check(ctx);
          if (unchecked[r] === 1) expect(result, sel.record[r]!.id).toEqual({ skip: skips[r] });
          else expect(result, sel.record[r]!.id).toBeNull();
        }
      }),
      { numRuns: runs(3000) },
    );
    expect(settled).toBeGreaterThan(0);
  });

  it('OL16-DAT-005 counts calendar days as Date.UTC does, in every time zone, and is settled only where it passes', () => {
    // ONPE's "Durée excessive": more than 730 days from DATDEB to DATFIN. The count is of calendar days, so it must not
    // depend on the machine's zone (it did until 2026-12: 2016-03-26 to 2018-03-26 made 731 days in the Azores).
    const sel = selection('2016', undefined, rules);
    const always = sel.byVariable!.always;
    const plan = handPlan('2016', sel.record, always);
    const k = [...always].findIndex((r) => sel.record[r]!.id === 'OL16-DAT-005');
    const rule = sel.record[always[k]!]!;
    const utcDays = (a: string, b: string): number => {
      const at = (v: string) => Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10)));
      return (at(b) - at(a)) / 86_400_000;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const date = fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    const near = ['2016-03-26', '2017-01-01', '2017-03-26', '2017-10-29', '2018-12-30', '2018-12-31', '2019-01-01'];
    const ends = [...near, '2018-03-26', '2019-01-02', '2019-03-31', '2019-10-28', '2020-02-29', '2021-02-28'];
    const pairs: [string, string][] = near.flatMap((a) => ends.map((b): [string, string] => [a, b]));
    pairs.push(...fc.sample(fc.tuple(date, date), { numRuns: runs(300), seed: 7 }));
    const zone = process.env.TZ;
    let settled = 0;
    let found = 0;
    try {
      for (const tz of ['UTC', 'Atlantic/Azores', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        for (const [start, end] of pairs) {
          const ctxPlan = contextPlan('2016');
          const ctx = emptyContext(resolveOptions({ edition: '2016' }), ctxPlan);
          ctx.values = { DATDEB: start, DATFIN: end };
          ctx.extra = readRow(ctx.values, ctxPlan.layout, ctx.row);
          completeContext(ctx, ctxPlan);
          const result = rule.check(ctx);
          const days = utcDays(start, end);
          const twoYears = Number(end.slice(0, 4)) - Number(start.slice(0, 4)) >= 2;
          if (twoYears && days > 730) {
            found++;
            expect(result, `${start} ${end} ${tz}`).toEqual([
              expect.objectContaining({ params: expect.objectContaining({ days }) }),
            ]);
          } else expect(result, `${start} ${end} ${tz}`).toBeNull();
          const calls = new Int32Array(always.length);
          const n = settleHand(plan, always, ctx, new Float64Array(sel.record.length), [], calls);
          if (calls.subarray(0, n).includes(always[k]!)) continue;
          settled++;
          expect(result, `${start} ${end} ${tz} settled`).toBeNull();
        }
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(settled).toBeGreaterThan(0);
    expect(found).toBeGreaterThan(0);
  });

  it('has a test for every hand-written rule of the 2016 edition', () => {
    const without = (edition: EditionId) => {
      const sel = selection(edition, undefined, rules);
      const plan = handPlan(edition, sel.record, sel.byVariable!.always);
      expect(recordRulesOf(edition).filter((r) => !r.generated).length).toBe(sel.byVariable!.always.length);
      return [...sel.byVariable!.always].filter((_, k) => plan.tests[k]! < 0).map((r) => sel.record[r]!.id);
    };
    expect(without('2016')).toEqual([]);
    // The two rules of the 2011 edition alone are called on every line, and OL-COH-FORMULA, which reads UTDP by name
    // there (not a 2011 variable).
    expect(without('2011')).toEqual(['OL-COH-FORMULA', 'OL11-COH-008', 'OL11-DAT-010']);
  });
});
