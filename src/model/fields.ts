/**
 * Field schemas of the record model, one per variable type. Every field is optional (absent) and
 * accepts the empty string (present but not applicable); "ne sait pas" is a value of its own
 * (9, 99, 999, 9999, 9999-99-99 …) that each field accepts where the nomenclature says so.
 *
 * @module
 */
import { z } from 'zod';

/** `AAAA-MM-JJ`; a day or month may be `99` (unknown), a year `9999` (unknown). */
export const FULL_DATE_PATTERN = /^(19\d\d|20\d\d|9999)-(0[1-9]|1[0-2]|99)-(0[1-9]|[12]\d|3[01]|99)$/;
/** `AAAA-MM`; the month may be `99`, the year `9999`. */
export const YEAR_MONTH_PATTERN = /^(19\d\d|20\d\d|9999)-(0[1-9]|1[0-2]|99)$/;
/** `AAAA` between 1900 and 2099, or `9999` (unknown). */
export const YEAR_PATTERN = /^(19\d\d|20\d\d|9999)$/;
/** `MM` from 01 to 12, or `99` (unknown). */
export const MONTH_PATTERN = /^(0[1-9]|1[0-2]|99)$/;
/** The pseudonym: 40 hexadecimal characters (upper case is accepted, as ONPE's schema does). */
export const IDENTIFIER_PATTERN = /^[0-9a-fA-F]{40}$/;
// Control characters other than tab, line feed and carriage return are not allowed in XML 1.0.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * JSON Schema keywords for a field checked by a refinement (which JSON Schema cannot carry): the same pattern,
 * with the empty string allowed. Only metadata: `z.toJSONSchema` and the OpenAPI document read it, parsing does not.
 */
function orEmpty(pattern: RegExp, description: string): { pattern: string; description: string } {
  return { pattern: `^$|${pattern.source}`, description };
}

/**
 * Whether a full date with no unknown part is a real calendar date (no 31 April, 29 February only in leap years).
 * Dates with an unknown part (`99`, `9999`) are accepted as they are.
 *
 * @example
 * isCalendarDate('2024-02-29'); // true
 * isCalendarDate('2023-02-29'); // false
 * isCalendarDate('2023-99-99'); // true (partially unknown)
 */
export function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year === 9999 || month === 99 || day === 99) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A coded variable: exactly its codes, or empty. */
export function code<const T extends readonly [string, ...string[]]>(codes: T) {
  return z.enum(['', ...codes] as ['', ...T]).optional();
}

/** A full date (`AAAA-MM-JJ`, with the guide's unknown parts), or empty. */
export function fullDate() {
  return z
    .string()
    .refine((v) => v === '' || (FULL_DATE_PATTERN.test(v) && isCalendarDate(v)))
    .meta(
      orEmpty(
        FULL_DATE_PATTERN,
        'AAAA-MM-JJ (jour, mois 99 ou année 9999 : inconnu), date réelle du calendrier, ou vide',
      ),
    )
    .optional();
}

/** A year and month (`AAAA-MM`), or empty. */
export function yearMonth() {
  return z
    .string()
    .refine((v) => v === '' || YEAR_MONTH_PATTERN.test(v))
    .meta(orEmpty(YEAR_MONTH_PATTERN, 'AAAA-MM (mois 99 ou année 9999 : inconnu), ou vide'))
    .optional();
}

/** A year (`AAAA`, `9999` unknown), or empty. */
export function year() {
  return z
    .string()
    .refine((v) => v === '' || YEAR_PATTERN.test(v))
    .meta(orEmpty(YEAR_PATTERN, 'AAAA (9999 : inconnue), ou vide'))
    .optional();
}

/** A month (`MM`, `99` unknown), or empty. */
export function month() {
  return z
    .string()
    .refine((v) => v === '' || MONTH_PATTERN.test(v))
    .meta(orEmpty(MONTH_PATTERN, 'MM de 01 à 12 (99 : inconnu), ou vide'))
    .optional();
}

/** A count written with at most `maxDigits` digits, or empty. */
export function count(maxDigits: number) {
  const pattern = new RegExp(`^[0-9]{1,${maxDigits}}$`);
  return z
    .string()
    .refine((v) => v === '' || pattern.test(v))
    .meta(orEmpty(pattern, `nombre de ${maxDigits} chiffre(s) au plus, ou vide`))
    .optional();
}

/** Free text of at most `maxLength` characters, without control characters, or empty. */
export function text(maxLength: number) {
  return z
    .string()
    .refine((v) => v.length <= maxLength && !CONTROL.test(v))
    .meta({
      maxLength,
      pattern: `^[^${CONTROL.source.slice(1, -1)}]*$`,
      description: `texte de ${maxLength} caractères au plus, sans caractère de contrôle`,
    })
    .optional();
}

/** A pseudonym (40 hexadecimal characters), or empty. */
export function identifier() {
  return z
    .string()
    .refine((v) => v === '' || IDENTIFIER_PATTERN.test(v))
    .meta(orEmpty(IDENTIFIER_PATTERN, 'pseudonyme de 40 caractères hexadécimaux, ou vide'))
    .optional();
}
