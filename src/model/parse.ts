import type { EditionId, VariableDef } from '../nomenclature/index.js';
import { variable } from '../nomenclature/index.js';
import { recordSchema2011, recordSchema2016, type Record2011, type Record2016 } from './generated/schemas.js';
import { capValue, sentenceStart, shownName } from './shown.js';

/** What went wrong with one value. */
export type ModelIssueKind =
  | 'invalid-code'
  | 'invalid-date'
  | 'invalid-year-month'
  | 'invalid-year'
  | 'invalid-month'
  | 'invalid-integer'
  | 'invalid-text'
  | 'invalid-identifier'
  | 'not-a-string'
  | 'unknown-variable'
  | 'not-a-record';

/** A located problem found while parsing a record: which variable, which value, what was expected. */
export interface ModelIssue {
  kind: ModelIssueKind;
  /** The variable concerned (empty for `not-a-record`). */
  variable: string;
  /** The value found. Free-text values are not repeated (they may hold anything), only their length. */
  value: unknown;
  /** What the variable accepts, in French. */
  expected: string;
  /** What the variable accepts, in English. */
  expectedEn: string;
  /** A sentence for people, in French. */
  message: string;
  /** The same sentence in English. */
  messageEn: string;
}

/** The result of parsing: the record (valid values only when there are issues) and the issues. */
export interface ParseResult<R> {
  ok: boolean;
  /** The valid values of the input. When `ok` is false, invalid values are left out. */
  record: R;
  issues: ModelIssue[];
}

/** Any record, whichever the edition. */
export type AnyRecord = Record2016 | Record2011;

const KIND_BY_TYPE: Record<VariableDef['type'], ModelIssueKind> = {
  code: 'invalid-code',
  date: 'invalid-date',
  'year-month': 'invalid-year-month',
  year: 'invalid-year',
  month: 'invalid-month',
  integer: 'invalid-integer',
  text: 'invalid-text',
  identifier: 'invalid-identifier',
};

/**
 * What a variable accepts, in words, in French and in English.
 *
 * @example
 * expectedValues(variable('SEXE')!).fr; // "un code parmi 1, 2, 9, ou vide"
 */
export function expectedValues(def: VariableDef): { fr: string; en: string } {
  switch (def.type) {
    case 'code':
      if (def.codes.length === 0) {
        return {
          fr: `un texte de ${def.format?.maxLength ?? 40} caractères au plus`,
          en: `a text of at most ${def.format?.maxLength ?? 40} characters`,
        };
      }
      {
        const list = def.codes.map((c) => c.code).join(', ');
        return { fr: `un code parmi ${list}, ou vide`, en: `one of the codes ${list}, or empty` };
      }
    case 'date':
      return {
        fr: 'une date AAAA-MM-JJ (jour ou mois 99 si inconnu, année 9999 si inconnue, 9999-99-99 si inconnue), ou vide',
        en: 'a date YYYY-MM-DD (day or month 99 when unknown, year 9999 when unknown, 9999-99-99 when unknown), or empty',
      };
    case 'year-month':
      return {
        fr: 'une année et un mois AAAA-MM (mois 99 si inconnu, 9999-99 si inconnus), ou vide',
        en: 'a year and month YYYY-MM (month 99 when unknown, 9999-99 when unknown), or empty',
      };
    case 'year':
      return { fr: 'une année AAAA (9999 si inconnue), ou vide', en: 'a year YYYY (9999 when unknown), or empty' };
    case 'month':
      return {
        fr: 'un mois de 01 à 12 (99 si inconnu), ou vide',
        en: 'a month from 01 to 12 (99 when unknown), or empty',
      };
    case 'integer': {
      const digits = def.format?.maxDigits ?? 2;
      return {
        fr: `un nombre de ${digits} chiffres au plus, ou vide`,
        en: `a number of at most ${digits} digits, or empty`,
      };
    }
    case 'text': {
      const max = def.format?.maxLength ?? 40;
      return {
        fr: `un texte de ${max} caractères au plus, sans caractère de contrôle`,
        en: `a text of at most ${max} characters, without control characters`,
      };
    }
    case 'identifier':
      return {
        fr: 'un pseudonyme de 40 caractères hexadécimaux, ou vide',
        en: 'a pseudonym of 40 hexadecimal characters, or empty',
      };
  }
}

function shown(def: VariableDef | undefined, value: unknown): unknown {
  if (typeof value === 'string' && def && (def.type === 'text' || (def.type === 'code' && def.codes.length === 0))) {
    return `(${value.length} caractères)`;
  }
  return value;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `« ${capValue(value)} »` : capValue(value);
}

function issueFor(variableName: string, value: unknown, edition: EditionId): ModelIssue {
  const def = variable(variableName, edition);
  if (!def) {
    // The name may be any text (a person's name used as a key or tag): capped, or only described.
    const name = shownName(variableName);
    return {
      kind: 'unknown-variable',
      variable: name.fr,
      value: undefined,
      expected: `une variable de l'édition ${edition}`,
      expectedEn: `a variable of the ${edition} edition`,
      message: `${sentenceStart(name.fr)} n'est pas une variable de l'édition ${edition}.`,
      messageEn: `${sentenceStart(name.en)} is not a variable of the ${edition} edition.`,
    };
  }
  const expected = expectedValues(def);
  if (typeof value !== 'string') {
    return {
      kind: 'not-a-string',
      variable: variableName,
      value,
      expected: expected.fr,
      expectedEn: expected.en,
      message: `${variableName} : la valeur doit être un texte (${expected.fr}) ; reçu ${value === null ? 'null' : typeof value}.`,
      messageEn: `${variableName}: the value must be a string (${expected.en}); got ${value === null ? 'null' : typeof value}.`,
    };
  }
  const v = shown(def, value);
  return {
    kind: KIND_BY_TYPE[def.type],
    variable: variableName,
    value: v,
    expected: expected.fr,
    expectedEn: expected.en,
    message: `${variableName} : valeur ${quote(v)} invalide ; attendu ${expected.fr}.`,
    messageEn: `${variableName}: invalid value ${typeof v === 'string' ? `"${capValue(v)}"` : capValue(v)}; expected ${expected.en}.`,
  };
}

/** Stands for a value whose getter threw. */
const UNREADABLE = Symbol('unreadable');

const SCHEMAS = { '2016': recordSchema2016, '2011': recordSchema2011 } as const;

/**
 * Parses one event record (one `<DONNEE>` line) of an edition. Never throws on bad data: every
 * problem comes back as a located issue (variable, value, expected). Values are strings; `undefined`
 * (or a missing key) means absent, `''` means empty (not applicable), the unknown code means "ne sait pas".
 *
 * @example
 * const { ok, issues } = parseRecord({ TYPEV: '4', SEXE: '2' });
 * ok; // false
 * issues[0]?.variable; // "TYPEV"
 * issues[0]?.message; // "TYPEV : valeur « 4 » invalide ; attendu un code parmi 1, 2, 3, ou vide."
 */
export function parseRecord(input: unknown, options?: { edition?: '2016' }): ParseResult<Record2016>;
export function parseRecord(input: unknown, options: { edition: '2011' }): ParseResult<Record2011>;
export function parseRecord(input: unknown, options?: { edition?: EditionId }): ParseResult<AnyRecord>;
export function parseRecord(input: unknown, options: { edition?: EditionId } = {}): ParseResult<AnyRecord> {
  const edition = options.edition ?? '2016';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      record: {},
      issues: [
        {
          kind: 'not-a-record',
          variable: '',
          value: Array.isArray(input) ? 'array' : input === null ? null : typeof input,
          expected: 'un objet dont les clés sont des noms de variables',
          expectedEn: 'an object whose keys are variable names',
          message: "L'enregistrement doit être un objet dont les clés sont des noms de variables.",
          messageEn: 'The record must be an object whose keys are variable names.',
        },
      ],
    };
  }
  // A copy of the own enumerable values, read once: a getter that throws gives a value that fails the model
  // (an issue, not an exception), and keys such as __proto__ are plain names.
  const source = Object.create(null) as Record<string, unknown>;
  let keys: string[];
  try {
    keys = Object.keys(input);
  } catch {
    keys = [];
  }
  for (const key of keys) {
    let value: unknown;
    try {
      value = (input as Record<string, unknown>)[key];
    } catch {
      value = UNREADABLE;
    }
    source[key] = value;
  }
  const schema = SCHEMAS[edition];
  const result = schema.safeParse(source);
  if (result.success) return { ok: true, record: result.data, issues: [] };
  const bad = new Set<string>();
  const issues: ModelIssue[] = [];
  for (const zi of result.error.issues) {
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) {
        bad.add(key);
        issues.push(issueFor(key, source[key], edition));
      }
      continue;
    }
    const key = String(zi.path[0] ?? '');
    if (bad.has(key)) continue;
    bad.add(key);
    issues.push(issueFor(key, source[key], edition));
  }
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!bad.has(key) && value !== undefined) record[key] = value as string;
  }
  return { ok: false, record: record as AnyRecord, issues };
}
