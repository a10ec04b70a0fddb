/**
 * ONPE's section 0095 ("DureeExcessive": more than 730 days from DATDEB to DATFIN) counts its days on the library's
 * calendar (src/_lib/days.ts, through `dayOfKnownDate`): the same day difference `Date.parse` of the two ISO dates
 * gave when the section was computed with it, on every date the section reads (the years 1900–2099 of the format).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';
import { dateText } from '../support/written-dates.js';

/** A valid full date of the years the format allows (19xx, 20xx), as a file writes it. */
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => dateText(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

const line = (deb: string, fin: string) => ({
  NUMANONYM: 'a'.repeat(40),
  ANAIS: '2010',
  MNAIS: '05',
  TYPEV: '3',
  DECISION: '2',
  DATDECPE: deb,
  DATDEB: deb,
  DATFIN: fin,
  MOTFININT: '1',
});

describe('0095: the days between DATDEB and DATFIN', () => {
  it('are the day difference Date.parse gives, any two dates of the years 1900–2099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(dateArb, dateArb), { minLength: 1, maxLength: 8 }), async (pairs) => {
        const r = await audit(
          pairs.map(([deb, fin], i) => ({ values: line(deb, fin), line: i + 2, index: i })),
          { year: 2019 },
        );
        const s = r.sections.find((x) => x.id === 'excessive-duration')!;
        const expected = pairs
          .map(([deb, fin], i) => ({
            line: i + 2,
            days: Math.round((Date.parse(`${fin}T00:00:00Z`) - Date.parse(`${deb}T00:00:00Z`)) / 86_400_000),
          }))
          .filter((x) => x.days > 730);
        expect(s.count).toBe(expected.length);
        expect(new Map(s.items.map((it) => [it.line, it.value]))).toEqual(
          new Map(expected.map((x) => [x.line, String(x.days)])),
        );
      }),
      { numRuns: runs(200) },
    );
  });

  it('count 29 February in leap years only, across centuries', async () => {
    const r = await audit(
      [
        ['1899-03-01', '1901-03-01'], // 1900 is not leap: 730 → not listed
        ['1999-03-01', '2001-03-01'], // 2000 is: 731
        ['2095-03-01', '2097-03-01'], // 2096 is: 731
      ].map(([deb, fin], i) => ({ values: line(deb!, fin!), line: i + 2, index: i })),
      { year: 2019 },
    );
    const s = r.sections.find((x) => x.id === 'excessive-duration')!;
    expect(s.items.map((it) => [it.line, it.value])).toEqual([
      [3, '731'],
      [4, '731'],
    ]);
  });
});
