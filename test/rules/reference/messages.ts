/**
 * Message templates with named parameters, fingerprints and record keys.
 *
 * @module
 */
import { shortHash } from './hash.js';
import type { Lang, MessageParams, RecordValues } from './types.js';
import { capValue } from '../../../src/model/index.js';

/**
 * Fills a template: `{name}` is replaced by `params.name` (left as is when the parameter is missing).
 *
 * @example
 * renderMessage('{variable} vaut {value}', { variable: 'SEXE', value: '3' }); // "SEXE vaut 3"
 * renderMessage('{what}', { what: { fr: 'vide', en: 'empty' } }, 'en'); // "empty"
 */
export function renderMessage(template: string, params: MessageParams, lang: Lang = 'fr'): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? v[lang] : capValue(v);
  });
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
  return shortHash(`${ruleId}\u0000${key}\u0000${[...variableNames].sort().join(',')}`);
}
