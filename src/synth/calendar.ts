/**
 * The age the ONPE checks compute, on the day numbers of the library's calendar (src/_lib/days.ts: whole days
 * since 1970-01-01, UTC, so dates never depend on the local time zone).
 *
 * @module
 */
import { partsOf } from '../_lib/days.js';

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
