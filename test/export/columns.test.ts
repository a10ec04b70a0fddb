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

/** What completeDay answered when computed with `Date.UTC`. */
function byDateUtc(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || year === 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || d.getUTCFullYear() !== year) return null;
  return Math.round(ms / 86_400_000);
}

/** The day number of a date read as written (`setUTCFullYear` takes the years 0–99 as they are), or null. */
function asWritten(year: number, month: number, day: number): number | null {
  if (year === 0 || year === 9999) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.getTime() / 86_400_000;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('completeDay', () => {
  it('reads a year 1–99 as written (Date.UTC made it null: 1900–1999 was not the date written)', () => {
    expect(completeDay('0050-05-12')).toBe(dayOf(50, 5, 12));
    expect(completeDay('0001-01-01')).toBe(dayOf(1, 1, 1));
    expect(byDateUtc('0050-05-12')).toBeNull();
    expect(completeDay('0000-05-12')).toBeNull();
    expect(completeDay('9999-12-31')).toBeNull();
  });

  it('answers as Date.UTC did from the year 100 on, and as the analysis reads a date everywhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, m, d) => {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const day = completeDay(text);
          if (y >= 100) expect(day).toBe(byDateUtc(text));
          const read = dayNumber(text);
          expect(day).toBe(read.day === NO_DAY || read.approximate ? null : read.day);
          expect(day).toBe(asWritten(y, m, d));
        },
      ),
      { numRuns: runs(3000) },
    );
    for (const text of ['', '2018-05-99', '2018-99-99', '9999-99-99', '2018-5-1', ' 2018-05-01', '2023-02-29']) {
      expect(completeDay(text)).toBeNull();
    }
    expect(completeDay(undefined)).toBeNull();
  });
});
