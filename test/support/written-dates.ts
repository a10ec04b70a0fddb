/**
 * Dates as files write them (`AAAA-MM-JJ`, any digits), and the reading `Date.UTC` gives them: the reference the
 * tests of code first written on `Date` compare the calendar of src/_lib/days.ts with.
 */
import fc from 'fast-check';

/** A written date: its parts and its text, zero-padded (`0050-13-00` included). */
export interface WrittenDate {
  year: number;
  month: number;
  day: number;
  text: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `AAAA-MM-JJ` of any parts, zero-padded. */
export function dateText(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Written dates of the years 0–9999, months 0 to `maxMonth`, days 0 to `maxDay` (possible or not). */
export function writtenDateArb(maxMonth: number, maxDay: number): fc.Arbitrary<WrittenDate> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: maxMonth }),
      fc.integer({ min: 0, max: maxDay }),
    )
    .map(([year, month, day]) => ({ year, month, day, text: dateText(year, month, day) }));
}

/**
 * The day number `Date.UTC` gives these parts when it reads them as that very date, else null (an impossible date;
 * or a year 0–99, which `Date.UTC` reads as 1900–1999).
 */
export function dateUtcDay(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / 86_400_000;
}
