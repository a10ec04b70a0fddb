/**
 * Comparing the guide's dates, which may have unknown parts (`99` day or month, `9999` year).
 *
 * @module
 */
import { dayOf } from '../_lib/days.js';

/** The known parts of a date, year-month or year: `[year, month?, day?]`, or `undefined` when the year is unknown. */
export function dateParts(value: string | undefined): [number, number | undefined, number | undefined] | undefined {
  if (value === undefined || value.length < 4) return undefined;
  const y = Number(value.slice(0, 4));
  if (!Number.isInteger(y) || y === 9999) return undefined;
  const m = value.length >= 7 ? Number(value.slice(5, 7)) : undefined;
  const d = value.length >= 10 ? Number(value.slice(8, 10)) : undefined;
  const month = m !== undefined && m >= 1 && m <= 12 ? m : undefined;
  const day = month !== undefined && d !== undefined && d >= 1 && d <= 31 ? d : undefined;
  return [y, month, day];
}

// Allocation-free reading of the parts dateParts returns (same answers: digits are read directly, anything else
// goes through Number as dateParts does). NaN stands for "unknown".

function num(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return Number(value.slice(from, to));
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The known year (as dateParts), NaN when unknown. */
function yearPart(value: string | undefined): number {
  if (value === undefined || value.length < 4) return NaN;
  const y = num(value, 0, 4);
  return Number.isInteger(y) && y !== 9999 ? y : NaN;
}

/** The known month (as dateParts, the year being known), NaN when unknown. */
function monthPart(value: string): number {
  if (value.length < 7) return NaN;
  const m = num(value, 5, Math.min(7, value.length));
  return m >= 1 && m <= 12 ? m : NaN;
}

/** The known day (as dateParts, the month being known), NaN when unknown. */
function dayPart(value: string): number {
  if (value.length < 10) return NaN;
  const d = num(value, 8, Math.min(10, value.length));
  return d >= 1 && d <= 31 ? d : NaN;
}

/**
 * Compares two dates on their known parts: -1 (a before b), 0 (same as far as known), 1 (a after b), or
 * `undefined` when the year of either is unknown. Parts compared stop at the first part unknown on either side.
 *
 * @example
 * compareDates('2019-03-15', '2019-04-01'); // -1
 * compareDates('2019-99-99', '2019-04-01'); // 0 (as far as known)
 * compareDates('9999-99-99', '2019-04-01'); // undefined
 */
export function compareDates(a: string | undefined, b: string | undefined): -1 | 0 | 1 | undefined {
  const ya = yearPart(a);
  const yb = yearPart(b);
  if (ya !== ya || yb !== yb) return undefined;
  if (ya !== yb) return ya < yb ? -1 : 1;
  const ma = monthPart(a!);
  const mb = monthPart(b!);
  if (ma !== ma || mb !== mb) return 0;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const da = dayPart(a!);
  const db = dayPart(b!);
  if (da !== da || db !== db) return 0;
  if (da !== db) return da < db ? -1 : 1;
  return 0;
}

/** Whether a value is a full date with every part known (`AAAA-MM-JJ`, no 99/9999). */
export function isKnownFullDate(value: string | undefined): value is string {
  if (value === undefined || value.length !== 10) return false;
  const y = yearPart(value);
  if (y !== y) return false;
  const m = monthPart(value);
  if (m !== m) return false;
  const d = dayPart(value);
  return d === d;
}

/**
 * The day number (days since 1970-01-01) of a date with every part known (`isKnownFullDate`), on the proleptic
 * Gregorian calendar, whatever the machine's time zone. A day past the end of its month runs on into the next, as
 * with `Date.UTC` (`2023-02-30` is 2 March).
 *
 * @example
 * dayOfKnownDate('2018-03-26') - dayOfKnownDate('2016-03-26'); // 730
 */
export function dayOfKnownDate(value: string): number {
  return dayOf(yearPart(value), monthPart(value), dayPart(value));
}

/** The known year of a date, or `undefined`. */
export function yearOf(value: string | undefined): number | undefined {
  const y = yearPart(value);
  return y === y ? y : undefined;
}
