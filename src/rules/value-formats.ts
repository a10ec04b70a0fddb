/**
 * Small helpers over variable definitions: value validity (the model's formats, compiled once), sample values
 * for examples, and how to show a value without repeating free text.
 *
 * @module
 */
import type { VariableDef } from '../nomenclature/index.js';

// Control characters other than tab, line feed and carriage return (as the model refuses them).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The kinds of {@link FormatSpec}. */
const CODES = 1;
const TEXT = 2;
const DATE = 3;
const YEAR_MONTH = 4;
const YEAR = 5;
const MONTH = 6;
const INTEGER = 7;
const IDENTIFIER = 8;

/**
 * A variable's value format as data: what {@link passesFormat} tests. One shape for every kind, so that the rules
 * engine can test the values of all its format rules in one loop, without a call through each rule.
 */
export interface FormatSpec {
  readonly kind: number;
  /** Longest text (TEXT) or most digits (INTEGER). */
  readonly max: number;
  /** CODES: codes of one ASCII character, by character code. */
  readonly one: Uint8Array | null;
  /** CODES: codes of two ASCII characters, by `a * 128 + b`. */
  readonly two: Uint8Array | null;
  /** CODES: every code (for the others). */
  readonly codes: ReadonlySet<string> | null;
  /** CODES: whether some code is neither one nor two ASCII characters. */
  readonly long: boolean;
}

function spec(kind: number, max = 0): FormatSpec {
  return { kind, max, one: null, two: null, codes: null, long: false };
}

/**
 * The format of a variable's non-empty values, compiled from its definition with the model's patterns.
 *
 * @example
 * passesFormat(formatSpec(variable('SEXE')!), '2'); // true
 */
export function formatSpec(def: VariableDef): FormatSpec {
  switch (def.type) {
    case 'code':
      return def.codes.length === 0 ? spec(TEXT, def.format?.maxLength ?? 40) : codesSpec(def.codes.map((c) => c.code));
    case 'date':
      return spec(DATE);
    case 'year-month':
      return spec(YEAR_MONTH);
    case 'year':
      return spec(YEAR);
    case 'month':
      return spec(MONTH);
    case 'integer':
      return spec(INTEGER, def.format?.maxDigits ?? 2);
    case 'text':
      return spec(TEXT, def.format?.maxLength ?? 40);
    case 'identifier':
      return spec(IDENTIFIER);
  }
}

/**
 * Membership in a code list. Codes of one or two ASCII characters (nearly all of them) are answered from a table
 * indexed by their character codes, without hashing the value; longer codes from a Set.
 */
function codesSpec(list: readonly string[]): FormatSpec {
  const one = new Uint8Array(128);
  const two = new Uint8Array(128 * 128);
  let long = false;
  for (const c of list) {
    const a = c.charCodeAt(0);
    const b = c.charCodeAt(1);
    if (c.length === 1 && a < 128) one[a] = 1;
    else if (c.length === 2 && a < 128 && b < 128) two[a * 128 + b] = 1;
    else long = true;
  }
  return { kind: CODES, max: 0, one, two, codes: new Set(list), long };
}

/**
 * Whether a non-empty value has the format (the same answers as `parseRecord`, without a zod parse per field).
 *
 * @example
 * passesFormat(formatSpec(variable('DATDEB')!), '2024-02-30'); // false
 */
export function passesFormat(f: FormatSpec, v: string): boolean {
  switch (f.kind) {
    case CODES: {
      const n = v.length;
      if (n === 1) {
        const a = v.charCodeAt(0);
        return a < 128 ? f.one![a] === 1 : f.codes!.has(v);
      }
      if (n === 2) {
        const a = v.charCodeAt(0);
        const b = v.charCodeAt(1);
        return a < 128 && b < 128 ? f.two![a * 128 + b] === 1 : f.codes!.has(v);
      }
      return f.long && f.codes!.has(v);
    }
    case TEXT:
      return v.length <= f.max && !CONTROL.test(v);
    case DATE:
      return isValidFullDate(v);
    case YEAR_MONTH:
      return isValidYearMonth(v);
    case YEAR:
      return v.length === 4 && yearAt(v, 0);
    case MONTH:
      return v.length === 2 && monthAt(v, 0);
    case INTEGER:
      return v.length >= 1 && v.length <= f.max && digitsAt(v, 0, v.length);
    case IDENTIFIER:
      return isIdentifier(v);
    default:
      return false;
  }
}

/**
 * A validity test for the non-empty values of a variable ({@link passesFormat} over its {@link formatSpec}).
 *
 * @example
 * const ok = valueValidator(variable('SEXE')!);
 * ok('2'); // true
 * ok('3'); // false
 */
export function valueValidator(def: VariableDef): (value: string) => boolean {
  const f = formatSpec(def);
  return (v) => passesFormat(f, v);
}

// Character tests equal to the model's patterns (FULL_DATE_PATTERN and the others), without a regular expression:
// a property test keeps them equal.

function digitsAt(v: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `19\d\d|20\d\d|9999` at position p. */
function yearAt(v: string, p: number): boolean {
  const a = v.charCodeAt(p);
  const b = v.charCodeAt(p + 1);
  if (a === 57) return b === 57 && v.charCodeAt(p + 2) === 57 && v.charCodeAt(p + 3) === 57;
  if (!((a === 49 && b === 57) || (a === 50 && b === 48))) return false;
  return digitsAt(v, p + 2, p + 4);
}

/** `0[1-9]|1[0-2]|99` at position p. */
function monthAt(v: string, p: number): boolean {
  const a = v.charCodeAt(p);
  const b = v.charCodeAt(p + 1);
  if (a === 48) return b >= 49 && b <= 57;
  if (a === 49) return b >= 48 && b <= 50;
  return a === 57 && b === 57;
}

/** `0[1-9]|[12]\d|3[01]|99` at position p. */
function dayAt(v: string, p: number): boolean {
  const a = v.charCodeAt(p);
  const b = v.charCodeAt(p + 1);
  if (a === 48) return b >= 49 && b <= 57;
  if (a === 49 || a === 50) return b >= 48 && b <= 57;
  if (a === 51) return b === 48 || b === 49;
  return a === 57 && b === 57;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `FULL_DATE_PATTERN.test(v) && isCalendarDate(v)`, with character tests.
 *
 * @example
 * isValidFullDate('2024-02-29'); // true
 * isValidFullDate('2023-02-29'); // false
 * isValidFullDate('2023-99-99'); // true
 */
export function isValidFullDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  if (!yearAt(v, 0) || !monthAt(v, 5) || !dayAt(v, 8)) return false;
  const year =
    (v.charCodeAt(0) - 48) * 1000 + (v.charCodeAt(1) - 48) * 100 + (v.charCodeAt(2) - 48) * 10 + (v.charCodeAt(3) - 48);
  const month = (v.charCodeAt(5) - 48) * 10 + (v.charCodeAt(6) - 48);
  const day = (v.charCodeAt(8) - 48) * 10 + (v.charCodeAt(9) - 48);
  if (year === 9999 || month === 99 || day === 99) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= days;
}

/**
 * `YEAR_MONTH_PATTERN.test(v)`, with character tests.
 *
 * @example
 * isValidYearMonth('2019-03'); // true
 * isValidYearMonth('2019-13'); // false
 */
export function isValidYearMonth(v: string): boolean {
  return v.length === 7 && v.charCodeAt(4) === 45 && yearAt(v, 0) && monthAt(v, 5);
}

/**
 * `IDENTIFIER_PATTERN.test(v)` (40 hexadecimal characters, either case), with character tests.
 *
 * @example
 * isIdentifier('a'.repeat(40)); // true
 * isIdentifier('g'.repeat(40)); // false
 */
export function isIdentifier(v: string): boolean {
  if (v === lastIdentifier) return true;
  if (v.length !== 40) return false;
  // One table read a character: a pseudonym's digits and letters come in no order, and a test of each one's class
  // (three ranges) was a branch the processor guessed wrong about one time in three (~1.5x the time).
  for (let i = 0; i < 40; i++) {
    const c = v.charCodeAt(i);
    if (c > 127 || HEX_DIGIT[c] !== 1) return false;
  }
  lastIdentifier = v;
  return true;
}

/**
 * The last text {@link isIdentifier} accepted: a line's NUMANONYMANT is often its NUMANONYM, and a young person's
 * lines follow one another (69 % of the checks of a 200,000-line file are the text just accepted), so comparing
 * with it first (one comparison of the strings) spares most scans. One string kept, whatever the run.
 */
let lastIdentifier: string | undefined;

/** 1 at the character code of each hexadecimal digit, either case. */
const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

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
