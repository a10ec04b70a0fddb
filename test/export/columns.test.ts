/**
 * The day number of a complete date in the `events` table (src/export/columns.ts): the analysis' reading of a
 * date, on the calendar of src/_lib/days.ts. Against the `Date.UTC` reading it was first written with, the one
 * decided change is the years 1–99, now read as written (as the linkage exported beside them reads them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/_lib/days.js';
import { dayNumber, NO_DAY } from '../../src/analysis/index.js';
import { completeDay } from '../../src/export/index.js';
import { runs } from '../support/runs.js';
import { dateUtcDay, writtenDateArb, type WrittenDate } from '../support/written-dates.js';

/** What completeDay answered when computed with `Date.UTC` (the years 0 and 9999 were no date). */
const byDateUtc = ({ year, month, day }: WrittenDate): number | null =>
  year === 0 || year === 9999 ? null : dateUtcDay(year, month, day);

/** The day number of a date read as written (`setUTCFullYear` takes the years 0–99 as they are), or null. */
function asWritten({ year, month, day }: WrittenDate): number | null {
  if (year === 0 || year === 9999) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.getTime() / 86_400_000;
}

describe('completeDay', () => {
  it('reads a year 1–99 as written (Date.UTC made it null: 1900–1999 was not the date written)', () => {
    expect(completeDay('0050-05-12')).toBe(dayOf(50, 5, 12));
    expect(completeDay('0001-01-01')).toBe(dayOf(1, 1, 1));
    expect(byDateUtc({ year: 50, month: 5, day: 12, text: '0050-05-12' })).toBeNull();
    expect(completeDay('0000-05-12')).toBeNull();
    expect(completeDay('9999-12-31')).toBeNull();
  });

  it('answers as Date.UTC did from the year 100 on, and as the analysis reads a date everywhere', () => {
    fc.assert(
      fc.property(writtenDateArb(99, 99), (date) => {
        const day = completeDay(date.text);
        if (date.year >= 100) expect(day).toBe(byDateUtc(date));
        const read = dayNumber(date.text);
        expect(day).toBe(read.day === NO_DAY || read.approximate ? null : read.day);
        expect(day).toBe(asWritten(date));
      }),
      { numRuns: runs(3000) },
    );
    for (const text of ['', '2018-05-99', '2018-99-99', '9999-99-99', '2018-5-1', ' 2018-05-01', '2023-02-29']) {
      expect(completeDay(text)).toBeNull();
    }
    expect(completeDay(undefined)).toBeNull();
  });
});
