/**
 * Age at the event, as ONPE computes it: completed years at DATDECPE (or DATDEB when DATDECPE is missing or
 * unknown), the birth date being taken as the 1st of MNAIS/ANAIS.
 *
 * @module
 */
import type { RecordValues } from './types.js';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `^(\d{4})-(\d{2})` read with character tests; returns year * 100 + month, or -1 when unknown or not matching. */
function yearMonthCode(value: string | undefined): number {
  if (value === undefined || value.length < 7 || value.charCodeAt(4) !== 45) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = value.charCodeAt(i);
    if (!isDigit(c)) return -1;
    y = y * 10 + (c - 48);
  }
  const a = value.charCodeAt(5);
  const b = value.charCodeAt(6);
  if (!isDigit(a) || !isDigit(b)) return -1;
  const mo = (a - 48) * 10 + (b - 48);
  if (y === 9999 || mo < 1 || mo > 12) return -1;
  return y * 100 + mo;
}

function yearMonth(value: string | undefined): [number, number] | undefined {
  const code = yearMonthCode(value);
  return code < 0 ? undefined : [Math.floor(code / 100), code % 100];
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
  return ageOf(values.ANAIS, values.MNAIS, values.DATDECPE, values.DATDEB);
}

/**
 * {@link ageAtEvent} from the four values it reads (no allocation).
 *
 * @example
 * ageOf('2001', '06', '2019-05-31', undefined); // 17
 */
export function ageOf(
  anais: string | undefined,
  mnais: string | undefined,
  datdecpe: string | undefined,
  datdeb: string | undefined,
): number | undefined {
  if (anais === undefined || mnais === undefined || anais.length !== 4 || anais === '9999') return undefined;
  const birthYear = toNumber(anais);
  const birthMonth = toNumber(mnais);
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthMonth < 1 || birthMonth > 12)
    return undefined;
  let at = yearMonthCode(datdecpe);
  if (at < 0) at = yearMonthCode(datdeb);
  if (at < 0) return undefined;
  return completedYears(birthYear, birthMonth, Math.floor(at / 100), at % 100);
}

/** `Number(text)`, read directly when the text is made of digits. */
function toNumber(text: string): number {
  if (text.length === 0 || text.length > 8) return Number(text);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return Number(text);
    n = n * 10 + (c - 48);
  }
  return n;
}
