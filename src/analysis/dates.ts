/**
 * Dates as day numbers (days since 1970-01-01, UTC), the unit every interval of the analysis uses.
 * OLINPE dates may be partial (`2018-05-99`, `2018-99-99`) or unknown (`9999-99-99`): a partial date is
 * placed in the middle of what is known (day 15, or 1 July), and flagged as approximate.
 *
 * The calendar itself is src/_lib/days.ts. A year is read as written: `0050-05-12` is a day of year 50, not of
 * 1950 as `Date.UTC` would have it (these functions were first written on `Date`, and read it so until
 * 2026-12: a silent change of a wrong date into a plausible one). A day number beyond `Date`'s range
 * (±100,000,000 days) has no year (NaN), no age (NaN) and no text (a RangeError), as with `Date`.
 */
import {
  checkerAge,
  daysInMonth,
  isoDay as calendarIsoDay,
  dayOf as calendarDayOf,
  yearOfDay as calendarYear,
} from '../_lib/days.js';

/** The sentinel for "no date" in day-number columns. */
export const NO_DAY = -2147483648;

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `Date`'s range in days either side of 1970-01-01 (ECMAScript's TimeClip: 8.64e15 ms). */
const DATE_RANGE = 100_000_000;

const inDateRange = (day: number): boolean => day >= -DATE_RANGE && day <= DATE_RANGE;

/** The result of reading one OLINPE date. */
export interface DayValue {
  /** Days since 1970-01-01, or {@link NO_DAY}. */
  day: number;
  /** True when the day or the month was unknown (99) and was placed mid-period. */
  approximate: boolean;
}

/**
 * Reads an OLINPE date (`AAAA-MM-JJ`, with 99 for an unknown day or month) into a day number.
 *
 * @example
 * dayNumber('1970-01-02') // { day: 1, approximate: false }
 * dayNumber('2018-05-99') // { day: <2018-05-15>, approximate: true }
 * dayNumber('9999-99-99') // { day: NO_DAY, approximate: false }
 */
export function dayNumber(text: string | undefined): DayValue {
  if (!text) return { day: NO_DAY, approximate: false };
  const m = FULL.exec(text);
  if (!m) return { day: NO_DAY, approximate: false };
  const year = Number(m[1]);
  let month = Number(m[2]);
  let day = Number(m[3]);
  if (year === 9999 || year === 0) return { day: NO_DAY, approximate: false };
  let approximate = false;
  if (month === 99 || month === 0) {
    month = 7;
    day = 1;
    approximate = true;
  } else if (day === 99 || day === 0) {
    day = 15;
    approximate = true;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return { day: NO_DAY, approximate: false };
  if (day > daysInMonth(year, month)) return { day: NO_DAY, approximate: false };
  return { day: calendarDayOf(year, month, day), approximate };
}

/**
 * The day number of 1 January (or of a given month and day) of a year; the month and the day may overflow, as
 * with `Date.UTC` (but a year 0–99 is that year).
 *
 * @example
 * dayOf(1970) // 0
 * dayOf(2018, 12, 31) // the day number of 2018-12-31
 */
export function dayOf(year: number, month = 1, day = 1): number {
  const d = calendarDayOf(year, month, day);
  return inDateRange(d) ? d : Number.NaN;
}

/**
 * The calendar year of a day number.
 *
 * @example
 * yearOfDay(0) // 1970
 */
export function yearOfDay(day: number): number {
  return inDateRange(day) ? calendarYear(day) : Number.NaN;
}

/**
 * A day number back to `AAAA-MM-JJ` (or '' for {@link NO_DAY}). A year beyond 0–9999 comes out cut at ten
 * characters, as `toISOString().slice(0, 10)` did (`+010000-01`).
 *
 * @example
 * isoDay(0) // '1970-01-01'
 */
export function isoDay(day: number): string {
  if (day === NO_DAY) return '';
  if (!inDateRange(day)) throw new RangeError('Invalid time value');
  return calendarIsoDay(day).slice(0, 10);
}

/**
 * Age in completed years on a day, born in a given year and month, taking the birth date as the first
 * of the month (the convention of ONPE's checker, counted by `checkerAge` of src/_lib/days.ts, as synth counts
 * it). Returns -1 when the birth year is unknown; an unknown birth month (outside 1–12) is taken as July.
 *
 * @example
 * ageOn(dayOf(2018, 12, 31), 2001, 12) // 17
 * ageOn(dayOf(2019, 1, 1), 2001, 1) // 18
 */
export function ageOn(day: number, birthYear: number, birthMonth: number): number {
  if (day === NO_DAY || !birthYear) return -1;
  if (!inDateRange(day)) return Number.NaN;
  return checkerAge(birthYear, birthMonth >= 1 && birthMonth <= 12 ? birthMonth : 7, day);
}
