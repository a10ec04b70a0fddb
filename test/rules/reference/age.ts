/**
 * Age at the event, as ONPE computes it: completed years at DATDECPE (or DATDEB when DATDECPE is missing or
 * unknown), the birth date being taken as the 1st of MNAIS/ANAIS.
 *
 * @module
 */
import type { RecordValues } from './types.js';

const KNOWN_YEAR_MONTH = /^(\d{4})-(\d{2})/;

function yearMonth(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = KNOWN_YEAR_MONTH.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y === 9999 || mo < 1 || mo > 12) return undefined;
  return [y, mo];
}

/**
 * The reference date of an event for ages: DATDECPE when its year and month are known, else DATDEB.
 * Returns `[year, month]` or `undefined`. The day is not needed: birth is taken on the 1st of the month.
 *
 * @example
 * eventYearMonth({ DATDECPE: '9999-99-99', DATDEB: '2019-03-15' }); // [2019, 3]
 */
export function eventYearMonth(values: RecordValues): [number, number] | undefined {
  return yearMonth(values.DATDECPE) ?? yearMonth(values.DATDEB);
}

/**
 * Completed years between a birth (year, month; born on the 1st) and an event (year, month).
 * Since the birth day is the 1st, the day of the event never matters.
 *
 * @example
 * completedYears(2001, 6, 2019, 5); // 17
 * completedYears(2001, 6, 2019, 6); // 18
 */
export function completedYears(birthYear: number, birthMonth: number, year: number, month: number): number {
  return year - birthYear - (month < birthMonth ? 1 : 0);
}

/**
 * The age of the young person at the event, or `undefined` when the birth year or month, or the event's
 * year and month, are unknown. Adult from 18.
 *
 * @example
 * ageAtEvent({ ANAIS: '2001', MNAIS: '06', DATDECPE: '2019-05-31' }); // 17
 * ageAtEvent({ ANAIS: '2001', MNAIS: '99', DATDECPE: '2019-05-31' }); // undefined
 */
export function ageAtEvent(values: RecordValues): number | undefined {
  const by = values.ANAIS;
  const bm = values.MNAIS;
  if (by === undefined || bm === undefined || by.length !== 4 || by === '9999') return undefined;
  const birthYear = Number(by);
  const birthMonth = Number(bm);
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthMonth < 1 || birthMonth > 12) return undefined;
  const at = eventYearMonth(values);
  if (!at) return undefined;
  return completedYears(birthYear, birthMonth, at[0], at[1]);
}
