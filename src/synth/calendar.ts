/**
 * Day arithmetic on whole days since 1970-01-01 (UTC), so dates never depend on the local time zone.
 *
 * @module
 */

/** The day number of a calendar date (month 1–12; day and month may overflow, as with `Date.UTC`). */
export function dayOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12) {
    const total = year * 12 + (month - 1);
    year = Math.floor(total / 12);
    month = total - year * 12 + 1;
  }
  // Days from civil (H. Hinnant), proleptic Gregorian calendar.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of a day number. */
export function partsOf(day: number): { year: number; month: number; day: number } {
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

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `AAAA-MM-JJ` of a day number.
 *
 * @example
 * isoDay(dayOf(2023, 3, 5)); // "2023-03-05"
 */
export function isoDay(day: number): string {
  const p = partsOf(day);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `AAAA-MM` of a day number. */
export function isoMonth(day: number): string {
  const p = partsOf(day);
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

/** The calendar year of a day number. */
export function yearOfDay(day: number): number {
  return partsOf(day).year;
}

/** The day `months` calendar months after `day` (day of month clamped to the target month's length). */
export function addMonths(day: number, months: number): number {
  const p = partsOf(day);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = partsOf(dayOf(year, month + 1, 1) - 1).day;
  return dayOf(year, month, Math.min(p.day, last));
}

/**
 * Age in completed years on `day`, counted as the ONPE checks do: from the first day of the birth month
 * (ANAIS-MNAIS-01), since the day of birth is not transmitted.
 *
 * @example
 * checkerAge(2005, 6, dayOf(2023, 6, 1)); // 18
 * checkerAge(2005, 6, dayOf(2023, 5, 31)); // 17
 */
export function checkerAge(anais: number, mnais: number, day: number): number {
  const p = partsOf(day);
  let age = p.year - anais;
  if (p.month < mnais) age -= 1;
  return age;
}
