/**
 * Message templates with named parameters, fingerprints and record keys.
 *
 * @module
 */
import { hex53, StreamHash } from './hash.js';
import type { Lang, MessageParams, RecordValues, Text } from './types.js';
import { capValue } from '../model/index.js';

/**
 * Fills a template: `{name}` is replaced by `params.name` (left as is when the parameter is missing).
 *
 * @example
 * renderMessage('{variable} vaut {value}', { variable: 'SEXE', value: '3' }); // "SEXE vaut 3"
 * renderMessage('{what}', { what: { fr: 'vide', en: 'empty' } }, 'en'); // "empty"
 */
export function renderMessage(template: string, params: MessageParams, lang: Lang = 'fr'): string {
  const parts = templateParts(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const v = params[name];
    out += (v === undefined ? `{${name}}` : typeof v === 'object' ? v[lang] : capValue(v)) + parts[i + 1]!;
  }
  return out;
}

/**
 * Where a record is, as one number a rule can keep: its line in the file (positive) when known, else its position
 * in the input + 1, negated (plain records have no line, and their position must never be called a line).
 *
 * @example
 * placeOf({ index: 4, line: 12 }); // 12
 * placeOf({ index: 4 }); // -5
 */
export function placeOf(ref: { index: number; line?: number | undefined }): number {
  return ref.line ?? -(ref.index + 1);
}

/**
 * A place ({@link placeOf}) as a message writes it: "ligne 12" is always the file's line; a record without a line is
 * "enregistrement 5" (its position from 1).
 *
 * @example
 * placeText(12); // { fr: "ligne 12", en: "line 12" }
 * placeText(-5); // { fr: "enregistrement 5", en: "record 5" }
 * placeText(-5, true); // { fr: "l’enregistrement 5", en: "record 5" } (after « de », « à »)
 */
export function placeText(place: number, article = false): Text {
  if (place > 0) return { fr: `${article ? 'la ' : ''}ligne ${place}`, en: `line ${place}` };
  return { fr: `${article ? 'l’' : ''}enregistrement ${-place}`, en: `record ${-place}` };
}

/** Templates split once: text, parameter name, text, … (a rule's templates are few and fixed). */
const templates = new Map<string, string[]>();
function templateParts(template: string): string[] {
  let parts = templates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{([A-Za-z0-9_]+)\}/);
    if (templates.size > 4096) templates.clear();
    templates.set(template, parts);
  }
  return parts;
}

/** The variables that identify an event across two extractions (there is no measure number in 2016). */
export const RECORD_KEY_VARIABLES = [
  'NUMANONYM',
  'TYPEV',
  'CODEV',
  'DATDECPE',
  'DATDEB',
  'DECISION',
  'NATPDECADM',
  'NATDECASSED',
] as const;

/**
 * The key of a record for fingerprints: its pseudonym, event type, decision dates and nature — what stays the
 * same when the same event is extracted again, whatever its position in the file.
 *
 * @example
 * recordKey({ NUMANONYM: 'ab', TYPEV: '1', DATDECPE: '2019-01-02' }); // "ab|1||2019-01-02||||"
 */
export function recordKey(values: RecordValues): string {
  let key = '';
  for (let i = 0; i < RECORD_KEY_VARIABLES.length; i++) {
    if (i > 0) key += '|';
    key += values[RECORD_KEY_VARIABLES[i]!] ?? '';
  }
  return key;
}

/**
 * The fingerprint of a finding: a short hash of the rule id, the record key and the sorted variable names.
 * Same rule + same record key + same variables → same fingerprint, across runs and line orders.
 *
 * @example
 * fingerprint('OL16-EVT-DATFIN', 'ab|1', ['DATFIN']) === fingerprint('OL16-EVT-DATFIN', 'ab|1', ['DATFIN']); // true
 */
export function fingerprint(ruleId: string, key: string, variableNames: readonly string[]): string {
  // shortHash(`${ruleId}\u0000${key}\u0000${names}`), fed piece by piece: the text is never built.
  const h = startFingerprint(ruleId, key);
  const n = variableNames.length;
  if (n === 1) h.string(variableNames[0]!);
  else if (n === 2) feedPair(h, variableNames[0]!, variableNames[1]!);
  else if (n > 2) feedSorted(h, [...variableNames]);
  return hex53(h.value());
}

/**
 * {@link fingerprint} of a finding's variables (their names), without the array of names (one or two variables,
 * the usual case, allocate nothing but the result).
 */
export function fingerprintOfVariables(
  ruleId: string,
  key: string,
  variables: readonly { readonly name: string }[],
): string {
  const h = startFingerprint(ruleId, key);
  const n = variables.length;
  if (n === 1) h.string(variables[0]!.name);
  else if (n === 2) feedPair(h, variables[0]!.name, variables[1]!.name);
  else if (n > 2)
    feedSorted(
      h,
      variables.map((v) => v.name),
    );
  return hex53(h.value());
}

function startFingerprint(ruleId: string, key: string): StreamHash {
  const h = FINGERPRINT.reset();
  h.string(ruleId);
  h.char(0);
  h.string(key);
  h.char(0);
  return h;
}

/** Two names as `[a, b].sort().join(',')` gives them (the default sort compares code units, as `<` does). */
function feedPair(h: StreamHash, a: string, b: string): void {
  h.string(b < a ? b : a);
  h.char(COMMA);
  h.string(b < a ? a : b);
}

/** `names.sort().join(',')`, fed piece by piece (sorts the array given). */
function feedSorted(h: StreamHash, names: string[]): void {
  names.sort();
  for (let i = 0; i < names.length; i++) {
    if (i > 0) h.char(COMMA);
    h.string(names[i]!);
  }
}

const COMMA = 44;

/** The hash fingerprints are fed to (one at a time: fingerprinting is synchronous). */
const FINGERPRINT = new StreamHash();
