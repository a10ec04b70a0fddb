/**
 * The day-number calendar (src/_lib/days.ts, used by the rules, synth and the analysis) against JavaScript's
 * `Date` in UTC, an implementation we did not write, over the whole supported range (years 0 to 9999) and beyond.
 * The oracle sets its year with `setUTCFullYear`, which takes the years 0–99 as they are (`Date.UTC` would read
 * them as 1900–1999).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../../src/analysis/index.js';
import { ageAt } from '../../src/pseudonymisation/index.js';
import {
  addMonths,
  ageInMonth,
  checkerAge,
  dayOf,
  daysInMonth,
  isCalendarDate,
  isLeapYear,
  isoDay,
  isoMonth,
  partsOf,
  yearOfDay,
} from '../../src/_lib/days.js';
import { runs } from '../support/runs.js';

const MS_PER_DAY = 86_400_000;
/** 0000-01-01 and 9999-12-31, the supported range. */
const FIRST = -719_528;
const LAST = 2_932_896;
/** `Date`'s range: ±100,000,000 days around 1970-01-01. */
const DATE_RANGE = 100_000_000;

/** The oracle's day number of a date (month and day may overflow). */
function oracleDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() / MS_PER_DAY;
}

/** The oracle's date of a day number. */
function oracleParts(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const supportedYear = fc.integer({ min: 0, max: 9999 });
/** Days around the turn of a month (the oracle's first of the month, give or take two days). */
const monthTurn = fc
  .tuple(supportedYear, fc.integer({ min: 1, max: 12 }), fc.integer({ min: -2, max: 2 }))
  .map(([year, month, offset]) => oracleDay(year, month, 1) + offset);
/** Days of the supported range, month turns, the range's edges, and the whole of `Date`'s range. */
const anyDay = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  monthTurn,
  fc.integer({ min: FIRST - 800, max: FIRST + 800 }),
  fc.integer({ min: LAST - 800, max: LAST + 800 }),
  fc.integer({ min: -DATE_RANGE, max: DATE_RANGE }),
);
/** A valid date of the supported range. */
const validDate = fc
  .record({ year: supportedYear, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter((p) => p.day <= daysInMonth(p.year, p.month));

describe('the day-number calendar', () => {
  it('round-trips days -> parts -> days over the whole supported range, one day after another', () => {
    // Every day of the years 0 to 9999: back to its number, its year, and the day after the previous one.
    let mismatches = 0;
    let first = '';
    let prev = { year: -1, month: 12, day: 31 };
    for (let d = FIRST; d <= LAST; d++) {
      const p = partsOf(d);
      const next =
        prev.day < daysInMonth(prev.year, prev.month)
          ? p.year === prev.year && p.month === prev.month && p.day === prev.day + 1
          : prev.month < 12
            ? p.year === prev.year && p.month === prev.month + 1 && p.day === 1
            : p.year === prev.year + 1 && p.month === 1 && p.day === 1;
      if (!next || dayOf(p.year, p.month, p.day) !== d || yearOfDay(d) !== p.year) {
        if (mismatches++ === 0) first = `${d}: ${JSON.stringify(p)} after ${JSON.stringify(prev)}`;
      }
      prev = p;
    }
    expect(first).toBe('');
    expect(mismatches).toBe(0);
    expect(prev).toEqual({ year: 9999, month: 12, day: 31 });
    fc.assert(
      fc.property(validDate, (p) => {
        expect(partsOf(dayOf(p.year, p.month, p.day))).toEqual(p);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('gives the date, year and ISO text that Date (UTC) gives, in and beyond the supported range', () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        expect(partsOf(d)).toEqual(oracleParts(d));
        expect(yearOfDay(d)).toBe(new Date(d * MS_PER_DAY).getUTCFullYear());
        const iso = new Date(d * MS_PER_DAY).toISOString();
        expect(isoDay(d)).toBe(iso.slice(0, iso.indexOf('T')));
        expect(isoMonth(d)).toBe(iso.slice(0, iso.indexOf('T') - 3));
      }),
      { numRuns: runs(5000) },
    );
  });

  it('gives the day number Date (UTC) gives, months and days overflowing either way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 11_000 }),
        fc.integer({ min: -30, max: 40 }),
        fc.integer({ min: -400, max: 400 }),
        (year, month, day) => {
          expect(dayOf(year, month, day)).toBe(oracleDay(year, month, day));
        },
      ),
      { numRuns: runs(5000) },
    );
  });

  it('has the leap years of the Gregorian calendar: every 4 years, not centuries, but every 400 years', () => {
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(0)).toBe(true);
    expect(isoDay(dayOf(1900, 2, 28) + 1)).toBe('1900-03-01');
    expect(isoDay(dayOf(2000, 2, 28) + 1)).toBe('2000-02-29');
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 11_000 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        // Against the oracle: the day before the 1st of the next month.
        expect(daysInMonth(year, month)).toBe(oracleParts(oracleDay(year, month + 1, 0)).day);
        expect(isLeapYear(year)).toBe(oracleDay(year + 1, 1, 1) - oracleDay(year, 1, 1) === 366);
        expect(dayOf(year + 1, 1, 1) - dayOf(year, 1, 1)).toBe(isLeapYear(year) ? 366 : 365);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('places the epoch and the edges of the supported range', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(partsOf(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(dayOf(0, 1, 1)).toBe(FIRST);
    expect(isoDay(FIRST)).toBe('0000-01-01');
    expect(isoDay(FIRST - 1)).toBe('-000001-12-31');
    expect(dayOf(9999, 12, 31)).toBe(LAST);
    expect(isoDay(LAST)).toBe('9999-12-31');
    expect(isoDay(LAST + 1)).toBe('+010000-01-01');
    expect(yearOfDay(LAST)).toBe(9999);
    expect(yearOfDay(LAST + 1)).toBe(10_000);
    expect(yearOfDay(FIRST)).toBe(0);
    expect(yearOfDay(FIRST - 1)).toBe(-1);
    for (const d of [FIRST - 1, FIRST, 0, LAST, LAST + 1, -DATE_RANGE, DATE_RANGE]) {
      expect(isoDay(d)).toBe(new Date(d * MS_PER_DAY).toISOString().replace(/T.*/, ''));
    }
  });

  it('adds calendar months as Date does, the day of the month clamped to the target month', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST + 600, max: LAST - 600 }), fc.integer({ min: -18, max: 18 }), (d, months) => {
        const from = new Date(d * MS_PER_DAY);
        const target = new Date(0);
        target.setUTCFullYear(from.getUTCFullYear(), from.getUTCMonth() + months, 1);
        const last = new Date(target.getTime());
        last.setUTCMonth(last.getUTCMonth() + 1, 0);
        target.setUTCDate(Math.min(from.getUTCDate(), last.getUTCDate()));
        expect(addMonths(d, months)).toBe(target.getTime() / MS_PER_DAY);
      }),
      { numRuns: runs(3000) },
    );
    expect(isoDay(addMonths(dayOf(2023, 1, 31), 1))).toBe('2023-02-28');
    expect(isoDay(addMonths(dayOf(2024, 2, 29), -12))).toBe('2023-02-28');
    expect(isoDay(addMonths(dayOf(2024, 1, 31), 1))).toBe('2024-02-29');
  });
});

describe('what is counted on the calendar', () => {
  it('tells a day of the calendar from an impossible date, as Date (UTC) does', () => {
    fc.assert(
      fc.property(
        supportedYear,
        fc.integer({ min: -1, max: 14 }),
        fc.integer({ min: -1, max: 33 }),
        (year, month, day) => {
          const d = new Date(0);
          d.setUTCFullYear(year, month - 1, day);
          const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
          expect(isCalendarDate(year, month, day)).toBe(real);
        },
      ),
      { numRuns: runs(3000) },
    );
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2024, 2.5, 1)).toBe(false);
    expect(isCalendarDate(Number.NaN, 1, 1)).toBe(false);
  });

  it("gives ONPE's checker age: whole years of months from the first of the birth month (one rule for all)", () => {
    /** The plain reference: whole twelve-month periods from the birth month to the day's month, read by Date. */
    const reference = (birthYear: number, birthMonth: number, day: number): number => {
      const d = new Date(day * MS_PER_DAY);
      const months = d.getUTCFullYear() * 12 + d.getUTCMonth() + 1 - (birthYear * 12 + birthMonth);
      return Math.floor(months / 12);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST, max: LAST }),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        (day, birthYear, birthMonth) => {
          const age = reference(birthYear, birthMonth, day);
          // synth counts with checkerAge itself; the analysis' ageOn and pseudonymisation's ageAt on top of it.
          expect(checkerAge(birthYear, birthMonth, day)).toBe(age);
          const p = partsOf(day);
          expect(ageInMonth(p.year, p.month, birthYear, birthMonth)).toBe(age);
          expect(ageOn(day, birthYear, birthMonth)).toBe(age);
          if (p.year >= 100 && age >= 0) {
            expect(ageAt({ moisNaissance: birthMonth, anneeNaissance: birthYear }, isoDay(day))).toBe(age);
          }
        },
      ),
      { numRuns: runs(3000) },
    );
    expect(checkerAge(2005, 6, dayOf(2023, 6, 1))).toBe(18);
    expect(checkerAge(2005, 6, dayOf(2023, 5, 31))).toBe(17);
    expect(checkerAge(2005, 6, dayOf(2000, 1, 1))).toBe(-6);
  });
});
