/**
 * `olinpe/form`: what a web form needs to check a 2016-edition record as it is being filled, and nothing more:
 * `validateRecord` and the labels of the variables and codes.
 *
 * The same functions as `olinpe/rules` and `olinpe/nomenclature`, fixed to the 2016 edition (the one in force;
 * use `olinpe/rules` for 2011 records). Built as its own bundle (tsup.config.ts): the 2011 data, the
 * young-person and file rules, the audit, the readers, the generator and zod are not in it, and the copy of the
 * nomenclature it carries leaves out what no rule and no label reads (notes, recorded discrepancies). Its cost
 * in a browser bundle is measured by `test/form/bundle.test.ts` and stated in the README.
 *
 * @module form
 */
import {
  blocks as blocksOf,
  codeLabel as codeLabelOf,
  isCode as isCodeOf,
  variable as variableOf,
  variableLabel as variableLabelOf,
  variables as variablesOf,
  type BlockDef,
  type VariableDef,
} from '../nomenclature/index.js';
import {
  validateRecord as validate,
  type Lang,
  type RecordValidation,
  type RecordValues,
  type RuleOptions,
} from '../rules/index.js';

export type { BlockDef, CodeDef, VariableDef, VariableName2016 } from '../nomenclature/index.js';
export type { Finding, FindingVariable, Lang, RecordValidation, RecordValues, Severity } from '../rules/index.js';

/** The options of {@link validateRecord}: those of `olinpe/rules`, without the edition (always 2016). */
export type FormOptions = Omit<RuleOptions, 'edition'>;

/**
 * Checks one 2016-edition record (see `validateRecord` of `olinpe/rules`: the same findings). A variable left
 * out of the record is not known yet and its rules wait (`absent: 'skip'`), as suits a form being filled.
 *
 * @example
 * const { ok, fields } = validateRecord({ TYPEV: '1', SEXE: '3' });
 * ok; // false
 * fields.SEXE?.[0]?.ruleId; // "OL16-FMT-SEXE"
 */
export function validateRecord(record: RecordValues, options: FormOptions = {}): RecordValidation {
  return validate(record, { ...options, edition: '2016' });
}

/**
 * The label of a code of a 2016 variable, or `undefined` when the variable or the code does not exist.
 *
 * @example
 * codeLabel('SEXE', '2'); // "Féminin"
 */
export function codeLabel(name: string, code: string, lang: Lang = 'fr'): string | undefined {
  return codeLabelOf(name, code, { edition: '2016', lang });
}

/**
 * The label of a 2016 variable (French by default).
 *
 * @example
 * variableLabel('SEXE', 'en'); // "Sex of the child or young adult"
 */
export function variableLabel(name: string, lang: Lang = 'fr'): string | undefined {
  return variableLabelOf(name, { edition: '2016', lang });
}

/** A 2016 variable by name (its type, codes with labels, applicability), or `undefined`. */
export function variable(name: string): VariableDef | undefined {
  return variableOf(name, '2016');
}

/** The 2016 variables in the order of the decree, optionally those of one block (a form's section). */
export function variables(options: { block?: string } = {}): VariableDef[] {
  return variablesOf('2016', options);
}

/** The blocks of the 2016 edition (a form's sections), in order. */
export function blocks(): BlockDef[] {
  return blocksOf('2016');
}

/** Whether a value is a code of a 2016 variable. */
export function isCode(name: string, value: string): boolean {
  return isCodeOf(name, value, '2016');
}
