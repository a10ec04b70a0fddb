import { EXTRACT_AGE_BAND_BOUNDS as BOUNDS } from '../_lib/age-bands.js';
import { ageInMonth, isCalendarDate } from '../_lib/days.js';
import { PseudonymisationError } from './errors.js';

/** A birth date reduced to what an analysis extract may hold. */
export interface MonthYear {
  moisNaissance: number;
  anneeNaissance: number;
}

/** The first year a written date may have. */
const FIRST_YEAR = 100;

/**
 * Whether a written date is a day of the calendar (src/_lib/days.ts) this module accepts. The years 0–99 are refused:
 * `Date.UTC`, which this was first written on, read them as 1900–1999 and so refused them as impossible dates; a date
 * of birth or of an age that far back is a typing error, and it stays one (an error, never a plausible date).
 */
function validDate(year: number, month: number, day: number): boolean {
  return year >= FIRST_YEAR && isCalendarDate(year, month, day);
}

/**
 * Reduces a date of birth to its month and year. Accepts a `Date` (its local calendar date), `AAAA-MM-JJ` or
 * `JJ/MM/AAAA`. The day is dropped, and never appears in an error.
 *
 * @example
 * degradeBirthDate('2010-03-05'); // { moisNaissance: 3, anneeNaissance: 2010 }
 * degradeBirthDate('05/03/2010'); // { moisNaissance: 3, anneeNaissance: 2010 }
 */
export function degradeBirthDate(date: Date | string): MonthYear {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new PseudonymisationError('dateNaissance', 'invalid');
    return { moisNaissance: date.getMonth() + 1, anneeNaissance: date.getFullYear() };
  }
  if (typeof date !== 'string') throw new PseudonymisationError('dateNaissance', 'missing');
  const text = date.trim();
  if (text === '') throw new PseudonymisationError('dateNaissance', 'empty');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : fr
      ? [Number(fr[3]), Number(fr[2]), Number(fr[1])]
      : [NaN, NaN, NaN];
  if (!validDate(year, month, day)) throw new PseudonymisationError('dateNaissance', 'invalid');
  return { moisNaissance: month, anneeNaissance: year };
}

/**
 * Age in whole years on a given date, the birth date being taken as the first of the birth month (as the
 * observatory does when only month and year are known: `ageInMonth` of src/_lib/days.ts, the one rule).
 *
 * @example
 * ageAt({ moisNaissance: 3, anneeNaissance: 2010 }, '2024-02-29'); // 13
 * ageAt({ moisNaissance: 3, anneeNaissance: 2010 }, '2024-03-01'); // 14
 */
export function ageAt(birth: MonthYear, on: Date | string): number {
  const { moisNaissance: month, anneeNaissance: year } = birth;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new PseudonymisationError('moisNaissance', 'invalid');
  if (!Number.isInteger(year)) throw new PseudonymisationError('anneeNaissance', 'invalid');
  let y: number;
  let m: number;
  if (on instanceof Date) {
    if (Number.isNaN(on.getTime())) throw new PseudonymisationError('age', 'invalid');
    y = on.getFullYear();
    m = on.getMonth() + 1;
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
    if (!match || !validDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      throw new PseudonymisationError('age', 'invalid');
    }
    y = Number(match[1]);
    m = Number(match[2]);
  }
  const age = ageInMonth(y, m, year, month);
  if (age < 0) throw new PseudonymisationError('age', 'invalid');
  return age;
}

/**
 * Default lower bounds of the extract bands: 0–2, 3–5, 6–10, 11–15, 16–17, 18–20, 21 and over (defined once, in
 * src/_lib/age-bands.ts). Not the indicators' bands (`indicatorAgeBand` of `olinpe/analysis`, which cut 11–17
 * elsewhere).
 */
export const EXTRACT_AGE_BAND_BOUNDS: readonly number[] = BOUNDS;

/**
 * The band of an age in an analysis extract (a coarsened age, for data minimisation), as a label `low-high` (or
 * `low+` for the last band), from ascending lower bounds. An age that is not a whole number ≥ the first bound is
 * refused (a {@link PseudonymisationError} on `age`), never put in a band.
 *
 * @example
 * extractAgeBand(4); // "3-5"
 * extractAgeBand(17); // "16-17"
 * extractAgeBand(25); // "21+"
 * extractAgeBand(12, [0, 6, 12, 18]); // "12-17"
 */
export function extractAgeBand(age: number, bounds: readonly number[] = EXTRACT_AGE_BAND_BOUNDS): string {
  if (!Number.isInteger(age) || age < 0) throw new PseudonymisationError('age', 'invalid');
  const first = bounds[0];
  if (first === undefined || age < first) throw new PseudonymisationError('age', 'invalid');
  for (let i = bounds.length - 1; i >= 0; i--) {
    const low = bounds[i] as number;
    if (age >= low) {
      const next = bounds[i + 1];
      return next === undefined ? `${low}+` : `${low}-${next - 1}`;
    }
  }
  throw new PseudonymisationError('age', 'invalid');
}
