/**
 * Small helpers over variable definitions: value validity (the model's formats, compiled once), sample values
 * for examples, and how to show a value without repeating free text.
 *
 * @module
 */
import {
  FULL_DATE_PATTERN,
  IDENTIFIER_PATTERN,
  MONTH_PATTERN,
  YEAR_MONTH_PATTERN,
  YEAR_PATTERN,
  isCalendarDate,
} from '../../../src/model/index.js';
import type { VariableDef } from '../../../src/nomenclature/index.js';

// Control characters other than tab, line feed and carriage return (as the model refuses them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * A validity test for the non-empty values of a variable, compiled from its definition with the model's
 * patterns (the same answers as `parseRecord`, without a zod parse per field).
 *
 * @example
 * const ok = valueValidator(variable('SEXE')!);
 * ok('2'); // true
 * ok('3'); // false
 */
export function valueValidator(def: VariableDef): (value: string) => boolean {
  switch (def.type) {
    case 'code': {
      if (def.codes.length === 0) {
        const max = def.format?.maxLength ?? 40;
        return (v) => v.length <= max && !CONTROL.test(v);
      }
      const codes = new Set(def.codes.map((c) => c.code));
      return (v) => codes.has(v);
    }
    case 'date':
      return (v) => FULL_DATE_PATTERN.test(v) && isCalendarDate(v);
    case 'year-month':
      return (v) => YEAR_MONTH_PATTERN.test(v);
    case 'year':
      return (v) => YEAR_PATTERN.test(v);
    case 'month':
      return (v) => MONTH_PATTERN.test(v);
    case 'integer': {
      const pattern = new RegExp(`^[0-9]{1,${def.format?.maxDigits ?? 2}}$`);
      return (v) => pattern.test(v);
    }
    case 'text': {
      const max = def.format?.maxLength ?? 40;
      return (v) => v.length <= max && !CONTROL.test(v);
    }
    case 'identifier':
      return (v) => IDENTIFIER_PATTERN.test(v);
  }
}

/** Whether a variable holds free text (whose value findings never repeat). */
export function isFreeText(def: VariableDef | undefined): boolean {
  return def !== undefined && (def.type === 'text' || (def.type === 'code' && def.codes.length === 0));
}

/**
 * The value as findings show it: free text is replaced by its length (it may hold anything, even a name).
 *
 * @example
 * shownValue(variable('AUTREDA')!, 'Dupont'); // "(6 caractères)"
 */
export function shownValue(def: VariableDef | undefined, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value !== '' && isFreeText(def)) return `(${value.length} caractères)`;
  return value;
}

/**
 * A valid, known (not "ne sait pas") value of a variable, for examples and tests.
 *
 * @example
 * sampleValue(variable('SEXE')!); // "1"
 */
export function sampleValue(def: VariableDef): string {
  switch (def.type) {
    case 'code': {
      if (def.codes.length === 0) return 'autre'.slice(0, def.format?.maxLength ?? 40);
      const known = def.codes.find((c) => c.code !== def.unknownCode && c.age === undefined) ?? def.codes[0]!;
      return known.code;
    }
    case 'date':
      return '2019-03-15';
    case 'year-month':
      return '2019-03';
    case 'year':
      return '1985';
    case 'month':
      return '05';
    case 'integer':
      return '1';
    case 'text':
      return 'autre'.slice(0, def.format?.maxLength ?? 40);
    case 'identifier':
      return 'a'.repeat(40);
  }
}

/**
 * An invalid value of a variable, for examples and tests.
 *
 * @example
 * invalidValue(variable('DATDEB')!); // "2019-02-30"
 */
export function invalidValue(def: VariableDef): string {
  switch (def.type) {
    case 'code':
      return def.codes.length === 0 ? 'x'.repeat((def.format?.maxLength ?? 40) + 1) : 'ZZ';
    case 'date':
      return '2019-02-30';
    case 'year-month':
      return '2019-13';
    case 'year':
      return '19';
    case 'month':
      return '13';
    case 'integer':
      return 'x';
    case 'text':
      return 'x'.repeat((def.format?.maxLength ?? 40) + 1);
    case 'identifier':
      return 'xyz';
  }
}
