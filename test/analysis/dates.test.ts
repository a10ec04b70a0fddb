/**
 * The analysis's day numbers (src/analysis/dates.ts) are computed on the shared calendar (src/_lib/days.ts):
 * checked here against `Date` (UTC) itself, with the year set by `setUTCFullYear` (which, unlike `Date.UTC`,
 * does not read years 0–99 as 1900–1999) and day numbers beyond `Date`'s range included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, dayNumber, dayOf, isoDay, NO_DAY, yearOfDay } from '../../src/analysis/index.js';
import { runs } from '../support/runs.js';

const MS_PER_DAY = 86_400_000;

/** `Date.UTC` without its reading of years 0–99 as 1900–1999. */
function utc(year: number, monthIndex: number, day: number): number {
  const d = new Date(0);
  return d.setUTCFullYear(year, monthIndex, day);
}

/** What `Date` answers: `f`'s value, or the name of what it throws. */
function answer<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return (e as Error).name;
  }
}

/** The reading of an OLINPE date through `Date` (mid-period for an unknown day or month). */
function dateUtcReading(text: string): { day: number; approximate: boolean } {
  const none = { day: NO_DAY, approximate: false };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return none;
  const year = Number(m[1]);
  let [month, day] = [Number(m[2]), Number(m[3])];
  if (year === 9999 || year === 0) return none;
  const approximate = month === 99 || month === 0 || day === 99 || day === 0;
  if (month === 99 || month === 0) [month, day] = [7, 1];
  else if (day === 99 || day === 0) day = 15;
  if (month > 12 || day > 31) return none;
  const ms = utc(year, month - 1, day);
  return new Date(ms).getUTCMonth() === month - 1 ? { day: ms / MS_PER_DAY, approximate } : none;
}

const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const dateText = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1890, max: 2100 })),
    fc.oneof(twoDigits, fc.constantFrom('01', '02', '12', '99')),
    fc.oneof(twoDigits, fc.constantFrom('28', '29', '30', '31', '99')),
  )
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`);
const anyDay = fc.oneof(
  fc.integer({ min: -800_000, max: 3_000_000 }),
  fc.integer({ min: -120_000_000, max: 120_000_000 }),
  fc.constantFrom(100_000_000, 100_000_001, -100_000_000, -100_000_001, NO_DAY),
);

describe('analysis day numbers', () => {
  it('read an OLINPE date as Date does, the year as written (mid-period for 99)', () => {
    fc.assert(
      fc.property(dateText, (text) => {
        expect(dayNumber(text)).toEqual(dateUtcReading(text));
      }),
      { numRuns: runs(5000) },
    );
    expect(dayNumber('0050-05-12').day).toBe(dayNumber('1950-05-12').day - 1900 * 365 - 460);
    expect(yearOfDay(dayNumber('0050-05-12').day)).toBe(50);
    expect(dayNumber('2018-05-99')).toEqual({ day: dayNumber('2018-05-15').day, approximate: true });
    expect(dayNumber('2023-02-29').day).toBe(NO_DAY);
  });

  it('give the day number, year, text and age that Date gives, beyond its range included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -300_000, max: 300_000 }),
        fc.integer({ min: -14, max: 26 }),
        fc.integer({ min: -40, max: 40 }),
        (year, month, day) => {
          expect(dayOf(year, month, day)).toBe(Math.round(utc(year, month - 1, day) / MS_PER_DAY));
          expect(dayOf(year)).toBe(Math.round(utc(year, 0, 1) / MS_PER_DAY));
        },
      ),
      { numRuns: runs(3000) },
    );
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 0, max: 99 }),
        (day, birthYear, birthMonth) => {
          const d = new Date(day * MS_PER_DAY);
          expect(yearOfDay(day)).toBe(d.getUTCFullYear());
          expect(answer(() => isoDay(day))).toBe(day === NO_DAY ? '' : answer(() => d.toISOString().slice(0, 10)));
          const month = birthMonth >= 1 && birthMonth <= 12 ? birthMonth : 7;
          expect(ageOn(day, birthYear, birthMonth)).toBe(
            day === NO_DAY ? -1 : d.getUTCFullYear() - birthYear - (d.getUTCMonth() + 1 < month ? 1 : 0),
          );
        },
      ),
      { numRuns: runs(3000) },
    );
  });
});
