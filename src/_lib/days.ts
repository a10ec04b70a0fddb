/**
 * The day-number calendar, in one place: a date is a whole number of days since 1970-01-01 (day 0), in the
 * proleptic Gregorian calendar, with no time zone anywhere (what `Date.UTC` counts, divided by 86,400,000).
 * Every interval of the library (a measure's length, an age, "the year of DATFIN") is a difference of day numbers.
 *
 * Whole-number arithmetic (H. Hinnant's `days_from_civil` and `civil_from_days`, "chrono-Compatible Low-Level
 * Date Algorithms"), never a `Date`: the rules call {@link yearOfDay} on validate's hot path, which neither
 * allocates nor reads a clock. Results are exact for any day number whose arithmetic stays within 2^53; the
 * supported range, the one the tests check against `Date`, is the years 0 to 9999 (`0000-01-01` to `9999-12-31`,
 * days -719,528 to 2,932,896), which holds every four-digit year a file can write. Day numbers are integers.
 *
 * It also holds the one age rule of ONPE's checker ({@link checkerAge}: completed years from the first of the birth
 * month), which synth, `olinpe/analysis` and pseudonymisation's `ageAt` all count with.
 *
 * Its users keep their own conventions on top of it: partial dates (`99`) and the "no date" sentinel of
 * `olinpe/analysis`, `Date`'s range there (see src/analysis/dates.ts), what an unknown birth month means.
 *
 * Internal (`_lib`): each concern's door exports what its users need.
 *
 * @module
 */

/** A calendar date: year, month (1–12), day of the month (1–31). */
export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Whether a year has a 29 February: divisible by 4, except centuries not divisible by 400.
 *
 * @example
 * isLeapYear(2024); // true
 * isLeapYear(1900); // false
 * isLeapYear(2000); // true
 */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The number of days of a month (1–12) of a year.
 *
 * @example
 * daysInMonth(2023, 2); // 28
 * daysInMonth(2024, 2); // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether a year, month and day name a day of the calendar: whole numbers, the month 1–12, the day within the
 * month's length (any year, taken as it is; {@link dayOf}, which lets months and days overflow, is what to call
 * once a date is known to be one).
 *
 * @example
 * isCalendarDate(2024, 2, 29); // true
 * isCalendarDate(2023, 2, 29); // false
 * isCalendarDate(2023, 13, 1); // false
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * The day number of a calendar date. The month and the day may overflow either way, as with `Date.UTC`
 * (month 13 is January of the next year, day 0 the last day of the previous month); years are taken as they are
 * (unlike `Date.UTC`, 50 is the year 50).
 *
 * @example
 * dayOf(1970, 1, 1); // 0
 * dayOf(2023, 3, 5); // 19421
 * dayOf(2024, 3, 0); // the day number of 2024-02-29
 */
export function dayOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12) {
    const total = year * 12 + (month - 1);
    year = Math.floor(total / 12);
    month = total - year * 12 + 1;
  }
  // days_from_civil: years start on 1 March, so that 29 February is the last day of its year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number.
 *
 * @example
 * partsOf(0); // { year: 1970, month: 1, day: 1 }
 * partsOf(-1); // { year: 1969, month: 12, day: 31 }
 */
export function partsOf(day: number): DayParts {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (m <= 2 ? 1 : 0), month: m, day: d };
}

/**
 * The calendar year of a day number: `partsOf(day).year`, without allocating (validate calls it once per end of
 * measure).
 *
 * @example
 * yearOfDay(0); // 1970
 * yearOfDay(-1); // 1969
 */
export function yearOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A year as ISO 8601 writes it: four digits for 0–9999, else a sign and six digits (as `toISOString`). */
function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/**
 * `AAAA-MM-JJ` of a day number: the first ten characters of `toISOString` for the years 0 to 9999, the
 * ISO 8601 expanded year (`+010000-01-01`, `-000001-12-31`) beyond.
 *
 * @example
 * isoDay(0); // "1970-01-01"
 * isoDay(dayOf(2023, 3, 5)); // "2023-03-05"
 */
export function isoDay(day: number): string {
  const p = partsOf(day);
  return `${isoYear(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
}

/**
 * `AAAA-MM` of a day number (its year written as in {@link isoDay}).
 *
 * @example
 * isoMonth(dayOf(2023, 3, 5)); // "2023-03"
 */
export function isoMonth(day: number): string {
  const p = partsOf(day);
  return `${isoYear(p.year)}-${pad2(p.month)}`;
}

/**
 * The day `months` calendar months after `day` (before it when negative), its day of the month clamped to the
 * target month's length.
 *
 * @example
 * addMonths(dayOf(2023, 1, 31), 1); // the day number of 2023-02-28
 * addMonths(dayOf(2024, 2, 29), -12); // the day number of 2023-02-28
 */
export function addMonths(day: number, months: number): number {
  const p = partsOf(day);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return dayOf(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/**
 * Age in completed years in a given month, counted as ONPE's checker counts it: from the first day of the birth
 * month (the day of birth is never transmitted), so the birthday is reached on the first of the birth month.
 * No guard: the callers decide what an unknown year or month means (`olinpe/analysis`' `ageOn`, synth,
 * pseudonymisation's `ageAt`).
 *
 * @example
 * ageInMonth(2023, 6, 2005, 6); // 18
 * ageInMonth(2023, 5, 2005, 6); // 17
 */
export function ageInMonth(year: number, month: number, birthYear: number, birthMonth: number): number {
  return year - birthYear - (month < birthMonth ? 1 : 0);
}

/**
 * {@link ageInMonth} on a day number: the age ONPE's checker gives on `day` to a young person born in
 * `birthMonth` of `birthYear`.
 *
 * @example
 * checkerAge(2005, 6, dayOf(2023, 6, 1)); // 18
 * checkerAge(2005, 6, dayOf(2023, 5, 31)); // 17
 */
export function checkerAge(birthYear: number, birthMonth: number, day: number): number {
  const p = partsOf(day);
  return ageInMonth(p.year, p.month, birthYear, birthMonth);
}
