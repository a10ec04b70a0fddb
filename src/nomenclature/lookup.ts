import type { BlockDef, CodeDef, EditionData, EditionId, VariableDef } from './data-schema.js';
import { EDITION_DATA } from './editions.js';
import type { VariableName2011, VariableName2016 } from './generated/types.js';

/** A language for labels and messages: French first, English available. */
export type Lang = 'fr' | 'en';

/** Every edition the library knows, newest first. */
export const EDITIONS: readonly EditionId[] = ['2016', '2011'];

interface Index {
  byName: Map<string, VariableDef>;
  codes: Map<string, Map<string, CodeDef>>;
}
const indexes = new Map<EditionId, Index>();

function index(edition: EditionId): Index {
  let idx = indexes.get(edition);
  if (!idx) {
    const byName = new Map<string, VariableDef>();
    const codes = new Map<string, Map<string, CodeDef>>();
    for (const v of editionData(edition).variables) {
      byName.set(v.name, v);
      codes.set(v.name, new Map(v.codes.map((c) => [c.code, c])));
    }
    idx = { byName, codes };
    indexes.set(edition, idx);
  }
  return idx;
}

/**
 * The whole data of an edition: decree, sources, blocks, variables.
 *
 * @example
 * editionData('2016').xsdVersion; // "2.0"
 */
export function editionData(edition: EditionId = '2016'): EditionData {
  const data = isEdition(edition) ? EDITION_DATA[edition] : undefined;
  if (data) return data;
  if (isEdition(edition)) {
    // Only in the form bundle (olinpe/form), which carries the 2016 edition alone.
    throw new RangeError(
      `L’édition ${edition} n’est pas dans ce paquet (olinpe/form : 2016 seulement ; olinpe/rules pour les deux) / edition ${edition} is not in this bundle`,
    );
  }
  throw new RangeError(`Unknown edition "${String(edition)}" (expected 2016 or 2011)`);
}

/** Whether a text names a known edition. */
export function isEdition(value: unknown): value is EditionId {
  return value === '2016' || value === '2011';
}

/**
 * The variables of an edition in the order of the decree, optionally those of one block only.
 *
 * @example
 * variables('2016').length; // 106 (105 of the annex + UTDP)
 * variables('2016', { block: '2a' }).map((v) => v.name); // ["SEXE", "ANAIS", "MNAIS"]
 */
export function variables(edition: EditionId = '2016', options: { block?: string } = {}): VariableDef[] {
  const all = editionData(edition).variables;
  return options.block === undefined ? [...all] : all.filter((v) => v.block === options.block);
}

/**
 * The names of the variables of an edition, in the order of the decree.
 *
 * @example
 * variableNames('2016')[0]; // "UTDP"
 */
export function variableNames(edition: '2016'): VariableName2016[];
export function variableNames(edition: '2011'): VariableName2011[];
export function variableNames(edition?: EditionId): string[];
export function variableNames(edition: EditionId = '2016'): string[] {
  return editionData(edition).variables.map((v) => v.name);
}

/**
 * The blocks (sections of the annex) of an edition.
 *
 * @example
 * blocks('2016')[0]?.id; // "1"
 */
export function blocks(edition: EditionId = '2016'): BlockDef[] {
  return [...editionData(edition).blocks];
}

/**
 * One variable by its short name (case-sensitive, as in the decree), or `undefined`.
 *
 * @example
 * variable('TYPEV')?.codes.map((c) => c.code); // ["1", "2", "3"]
 * variable('CODEV', '2011')?.type; // "code"
 */
export function variable(name: string, edition: EditionId = '2016'): VariableDef | undefined {
  return index(edition).byName.get(name);
}

/**
 * Whether a value is one of the codes of a coded variable. The empty value is not a code.
 *
 * @example
 * isCode('SEXE', '2'); // true
 * isCode('SEXE', '3'); // false
 */
export function isCode(name: string, value: string, edition: EditionId = '2016'): boolean {
  return index(edition).codes.get(name)?.has(value) ?? false;
}

/**
 * The label of a code, or `undefined` when the variable or the code does not exist.
 *
 * @example
 * codeLabel('TYPEV', '3'); // the French label of an end of measure
 * codeLabel('TYPEV', '3', { lang: 'en' });
 */
export function codeLabel(
  name: string,
  code: string,
  options: { edition?: EditionId; lang?: Lang } = {},
): string | undefined {
  const def = index(options.edition ?? '2016')
    .codes.get(name)
    ?.get(code);
  if (!def) return undefined;
  return options.lang === 'en' ? (def.label.en ?? def.label.fr) : def.label.fr;
}

/**
 * The label of a variable in a language (French by default; falls back to French when no English label exists).
 *
 * @example
 * variableLabel('SEXE', { lang: 'en' });
 */
export function variableLabel(name: string, options: { edition?: EditionId; lang?: Lang } = {}): string | undefined {
  const def = variable(name, options.edition ?? '2016');
  if (!def) return undefined;
  return options.lang === 'en' ? (def.label.en ?? def.label.fr) : def.label.fr;
}

/**
 * Whether a value is the variable's "ne sait pas" (unknown) value.
 *
 * @example
 * isUnknownValue('SEXE', '9'); // true
 * isUnknownValue('DATIP', '9999-99-99'); // true
 * isUnknownValue('DATDECPE', '9999-99-99'); // false (an event date has no unknown form)
 */
export function isUnknownValue(name: string, value: string, edition: EditionId = '2016'): boolean {
  const def = variable(name, edition);
  return def !== undefined && def.unknownCode !== null && def.unknownCode === value;
}

/**
 * The 2016 successor of a 2011 variable, or `undefined` when it was removed in 2016.
 *
 * @example
 * successorOf('CODEV')?.name; // "TYPEV"
 * successorOf('NONSCO'); // undefined
 */
export function successorOf(name2011: string): VariableDef | undefined {
  const succ = variable(name2011, '2011')?.successor;
  return succ ? variable(succ.name, '2016') : undefined;
}

/**
 * The 2011 predecessor of a 2016 variable, or `undefined` when the variable is new in 2016.
 *
 * @example
 * predecessorOf('TYPEV')?.name; // "CODEV"
 * predecessorOf('DATDEB'); // undefined
 */
export function predecessorOf(name2016: string): VariableDef | undefined {
  const pred = variable(name2016, '2016')?.predecessor;
  return pred ? variable(pred.name, '2011') : undefined;
}
