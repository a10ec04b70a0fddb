/**
 * A fast yes/no "does this record fit the model?" for the streaming hot paths, compiled from the
 * nomenclature (code sets, the model's date and identifier forms checked character by character). It only
 * ever answers early: when it says no, or for types it does not compile (free text), the callers ask
 * `parseRecord`, which stays the reference and gives the located issues. A property test keeps both in
 * agreement.
 *
 * @module
 */
import { recordShape2011, recordShape2016 } from '../model/index.js';
import type { EditionId, VariableDef } from '../nomenclature/index.js';
import { variables } from '../nomenclature/index.js';

/** A compiled value check: true when the value is one the variable accepts (`''` included). */
export type ValueCheck = (value: string) => boolean;

/** One variable's compiled check, and whether an accepted value may hold a character XML must escape. */
export interface CompiledVariable {
  check: ValueCheck;
  /** False when every accepted value is made of digits, letters and `-` only (codes, dates, pseudonyms). */
  mayNeedEscape: boolean;
  /** For coded variables: the accepted values, `''` included (the check is a lookup in this set). */
  codes?: ReadonlySet<string>;
}

const d = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
};

/** `19xx`, `20xx` or `9999` at 0..3; returns the year or -1. */
function yearAt(s: string): number {
  const a = d(s, 0);
  const b = d(s, 1);
  const c = d(s, 2);
  const e = d(s, 3);
  if (c < 0 || e < 0) return -1;
  if ((a === 1 && b === 9) || (a === 2 && b === 0) || (a === 9 && b === 9 && c === 9 && e === 9))
    return a * 1000 + b * 100 + c * 10 + e;
  return -1;
}

/** `01`..`12` or `99` at i; returns the month or -1. */
function monthAt(s: string, i: number): number {
  const a = d(s, i);
  const b = d(s, i + 1);
  if (a < 0 || b < 0) return -1;
  const m = a * 10 + b;
  return (m >= 1 && m <= 12) || m === 99 ? m : -1;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Same answer as `FULL_DATE_PATTERN.test(v) && isCalendarDate(v)`, without regex or allocation. */
function isFullDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const year = yearAt(v);
  const month = monthAt(v, 5);
  if (year < 0 || month < 0) return false;
  const a = d(v, 8);
  const b = d(v, 9);
  if (a < 0 || b < 0) return false;
  const day = a * 10 + b;
  if (day === 99) return true;
  if (day < 1 || day > 31) return false;
  if (year === 9999 || month === 99) return true;
  if (day > DAYS[month - 1]!) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return true;
}

function isYearMonth(v: string): boolean {
  return v.length === 7 && v.charCodeAt(4) === 45 && yearAt(v) >= 0 && monthAt(v, 5) >= 0;
}

function isHex40(v: string): boolean {
  if (v.length !== 40) return false;
  for (let i = 0; i < 40; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** 1 to `max` ASCII digits (the model's `count(max)`). */
function isDigits(v: string, max: number): boolean {
  if (v.length === 0 || v.length > max) return false;
  for (let i = 0; i < v.length; i++) if (d(v, i) < 0) return false;
  return true;
}

const SAFE = /^[0-9A-Za-z-]*$/;

function compile(def: VariableDef, edition: EditionId): CompiledVariable {
  switch (def.type) {
    case 'code':
      if (def.codes.length > 0) {
        const codes = new Set(['', ...def.codes.map((c) => c.code)]);
        return { check: (v) => codes.has(v), mayNeedEscape: !def.codes.every((c) => SAFE.test(c.code)), codes };
      }
      break;
    case 'date':
      return { check: (v) => v === '' || isFullDate(v), mayNeedEscape: false };
    case 'year-month':
      return { check: (v) => v === '' || isYearMonth(v), mayNeedEscape: false };
    case 'year':
      return { check: (v) => v === '' || (v.length === 4 && yearAt(v) >= 0), mayNeedEscape: false };
    case 'month':
      return { check: (v) => v === '' || (v.length === 2 && monthAt(v, 0) >= 0), mayNeedEscape: false };
    case 'identifier':
      return { check: (v) => v === '' || isHex40(v), mayNeedEscape: false };
    case 'integer': {
      const max = def.format?.maxDigits ?? 2;
      return { check: (v) => v === '' || isDigits(v, max), mayNeedEscape: false };
    }
    default:
      break;
  }
  // Anything else (free text, counts): the model's own field schema.
  const shape = (edition === '2016' ? recordShape2016 : recordShape2011) as Record<
    string,
    { safeParse(v: unknown): { success: boolean } }
  >;
  const field = shape[def.name];
  if (!field) return { check: () => false, mayNeedEscape: true };
  return { check: (v) => field.safeParse(v).success, mayNeedEscape: true };
}

const compiled = new Map<EditionId, Map<string, CompiledVariable>>();

/**
 * The compiled check of every variable of an edition, by name (built once, then cached).
 *
 * @example
 * compiledVariables('2016').get('SEXE')?.check('1'); // true
 */
export function compiledVariables(edition: EditionId = '2016'): Map<string, CompiledVariable> {
  let map = compiled.get(edition);
  if (!map) {
    map = new Map(variables(edition).map((def) => [def.name, compile(def, edition)]));
    compiled.set(edition, map);
  }
  return map;
}

/**
 * Whether a record fits the model of an edition (every key a variable, every value a string the variable
 * accepts; `undefined` values are absent). Same answer as `parseRecord(record, { edition }).ok`, faster.
 *
 * @example
 * fitsModel({ TYPEV: '1', DATDEB: '2024-02-29' }); // true
 * fitsModel({ TYPEV: '4' }); // false
 */
export function fitsModel(record: Readonly<Record<string, unknown>>, edition: EditionId = '2016'): boolean {
  const map = compiledVariables(edition);
  for (const name in record) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return false;
    const c = map.get(name);
    if (!c?.check(value)) return false;
  }
  return true;
}
