/**
 * The gap between the guide's conventions (which the model follows) and the official schemas
 * (ONPE's XSD 2.0 for 2016, ONED's XSD 1.22 for 2011): which elements the schema knows, in which order,
 * and how a value is written so the schema accepts it.
 *
 * @module
 */
import type { EditionId, VariableDef } from '../nomenclature/index.js';
import { editionData, variable, variables } from '../nomenclature/index.js';

const orders = new Map<string, string[]>();

/**
 * The children of `<DONNEE>` in the order of the schema's `xs:sequence`: the variable names sorted
 * alphabetically (by code point, as the official schemas list them). With `strict`, only the variables
 * the official schema declares (UTDP, which ONPE's XSD 2.0 does not have, is left out).
 *
 * @example
 * elementOrder('2016').slice(0, 3); // ["ACCFAM", "ACCMOD", "ALLOC"]
 * elementOrder('2016').includes('UTDP'); // true
 * elementOrder('2016', { strict: true }).includes('UTDP'); // false
 */
export function elementOrder(edition: EditionId = '2016', options: { strict?: boolean } = {}): string[] {
  const key = `${edition}:${options.strict ? 's' : 'g'}`;
  let order = orders.get(key);
  if (!order) {
    order = variables(edition)
      .filter((v) => !options.strict || inOfficialSchema(v, edition))
      .map((v) => v.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    orders.set(key, order);
  }
  return [...order];
}

/** Whether the official schema of the edition declares a variable (it lists a source of kind `xsd`). */
export function inOfficialSchema(def: VariableDef, edition: EditionId): boolean {
  const sources = editionData(edition).sources;
  return def.sources.some((s) => sources[s.source]?.kind === 'xsd');
}

/**
 * Variables whose official schema accepts a full date with unknown parts (`99`), unlike the other full
 * dates. Fact of ONED's XSD 1.22: DATDECMIN.
 */
export const PARTIAL_DATES_IN_SCHEMA: Readonly<Record<EditionId, readonly string[]>> = {
  '2016': [],
  '2011': ['DATDECMIN'],
};

/** One value the strict form could not keep as it was. */
export interface StrictLoss {
  variable: string;
  value: string;
  /** What was written instead (`undefined`: the element is left out). */
  written: string | undefined;
  message: string;
  messageEn: string;
}

const PARTIAL = /(^9999|-99)/;

/**
 * Rewrites the values of a record (already valid for the model) so the official schema accepts them, and
 * lists what is lost. 2016 (XSD 2.0): an unknown date `9999-99-99` becomes `0000-00-00` (the schema's
 * own "unknown"), a partly known date (`2019-05-99`) also becomes `0000-00-00` and its known part is
 * lost, UTDP is left out; 2011 (XSD 1.22): a partly known full date becomes `9999-99-99` (except
 * DATDECMIN). In both, an empty NUMANONYMANT is left out (its pattern refuses the empty value).
 * `refused` is set when the record cannot be written at all (no NUMANONYM, which both schemas require).
 *
 * @example
 * toStrictXsd({ NUMANONYM: 'a'.repeat(40), DATDECPE: '9999-99-99', DATDEB: '2019-05-99' }, '2016').values;
 * // { NUMANONYM: "aaa…", DATDECPE: "0000-00-00", DATDEB: "0000-00-00" }  (one loss: DATDEB)
 */
export function toStrictXsd(
  values: Readonly<Record<string, string | undefined>>,
  edition: EditionId = '2016',
): { values: Record<string, string>; losses: StrictLoss[]; refused?: { message: string; messageEn: string } } {
  const out: Record<string, string> = {};
  const losses: StrictLoss[] = [];
  const partialOk = PARTIAL_DATES_IN_SCHEMA[edition];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const def = variable(name, edition);
    if (!def) {
      out[name] = value;
      continue;
    }
    if (!inOfficialSchema(def, edition)) {
      if (value !== '') {
        losses.push({
          variable: name,
          value,
          written: undefined,
          message: `${name} n'existe pas dans le schéma officiel : valeur non transmise.`,
          messageEn: `${name} is not in the official schema: value not written.`,
        });
      }
      continue;
    }
    if (def.type === 'identifier' && value === '' && name !== 'NUMANONYM') continue;
    if (def.type === 'date' && value !== '' && !partialOk.includes(name)) {
      const unknown = edition === '2016' ? '0000-00-00' : '9999-99-99';
      if (value === '9999-99-99') {
        out[name] = unknown;
        continue;
      }
      if (PARTIAL.test(value)) {
        out[name] = unknown;
        losses.push({
          variable: name,
          value,
          written: unknown,
          message: `${name} : date partiellement connue ${value} écrite ${unknown} (inconnue) ; la partie connue est perdue.`,
          messageEn: `${name}: partly known date ${value} written ${unknown} (unknown); the known part is lost.`,
        });
        continue;
      }
    }
    out[name] = value;
  }
  const id = out.NUMANONYM;
  if (id === undefined || id === '') {
    return {
      values: out,
      losses,
      refused: {
        message: 'NUMANONYM absent ou vide : le schéma officiel exige un pseudonyme sur chaque enregistrement.',
        messageEn: 'NUMANONYM missing or empty: the official schema requires a pseudonym on every record.',
      },
    };
  }
  return { values: out, losses };
}

/**
 * Reads back the official schema's "unknown" values as the guide writes them: `0000-00-00` →
 * `9999-99-99`, `0000-00` → `9999-99`, `0000` → `9999` (for variables of those types). Use it on records
 * read from a file written for the official schema.
 *
 * @example
 * fromStrictXsd({ DATDECPE: '0000-00-00', ANAIS: '0000', SEXE: '1' }); // { DATDECPE: "9999-99-99", ANAIS: "9999", SEXE: "1" }
 */
export function fromStrictXsd(
  values: Readonly<Record<string, string>>,
  edition: EditionId = '2016',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = variable(name, edition)?.type;
    if (type === 'date' && value === '0000-00-00') out[name] = '9999-99-99';
    else if (type === 'year-month' && value === '0000-00') out[name] = '9999-99';
    else if (type === 'year' && value === '0000') out[name] = '9999';
    else out[name] = value;
  }
  return out;
}
