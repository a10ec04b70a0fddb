/**
 * Comparing the guide's dates, which may have unknown parts (`99` day or month, `9999` year).
 *
 * @module
 */

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
  const pa = dateParts(a);
  const pb = dateParts(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < 3; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether a value is a full date with every part known (`AAAA-MM-JJ`, no 99/9999). */
export function isKnownFullDate(value: string | undefined): value is string {
  if (value === undefined || value.length !== 10) return false;
  const p = dateParts(value);
  return p !== undefined && p[1] !== undefined && p[2] !== undefined;
}

/** The known year of a date, or `undefined`. */
export function yearOf(value: string | undefined): number | undefined {
  return dateParts(value)?.[0];
}
