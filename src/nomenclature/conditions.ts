import type { AgeBand, Condition } from './data-schema.js';

/** Read access to the values of one record: the raw text of a variable, `undefined` when absent. */
export type ValueLookup = (name: string) => string | undefined;

/**
 * Evaluates an applicability condition against a record.
 *
 * A variable counts as filled when its value is present and not empty. `in` is false when the
 * other variable is absent or empty.
 *
 * @example
 * const record = { NATDECASSED: '17' };
 * evaluateCondition({ var: 'NATDECASSED', in: ['17', '18'] }, (n) => record[n]); // true
 * evaluateCondition({ var: 'LIENA1', filled: true }, (n) => record[n]); // false
 */
export function evaluateCondition(condition: Condition, get: ValueLookup): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, get));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, get));
  if ('not' in condition) return !evaluateCondition(condition.not, get);
  const value = get(condition.var);
  const filled = value !== undefined && value !== '';
  if ('filled' in condition) return filled === condition.filled;
  return filled && condition.in.includes(value);
}

/** The variables a condition reads, in order of first appearance, without duplicates. */
export function conditionVariables(condition: Condition | null | undefined): string[] {
  const out: string[] = [];
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if (!out.includes(c.var)) out.push(c.var);
  };
  if (condition) walk(condition);
  return out;
}

/**
 * Whether an age (completed years) is inside an age band. An unknown age (`undefined`) is
 * inside every band: nothing can be said about it.
 *
 * @example
 * isInAgeBand(17, { min: null, max: 17 }); // true
 * isInAgeBand(18, { min: null, max: 17 }); // false
 */
export function isInAgeBand(age: number | undefined, band: AgeBand): boolean {
  if (age === undefined) return true;
  if (band.min !== null && age < band.min) return false;
  if (band.max !== null && age > band.max) return false;
  return true;
}

/**
 * Describes a condition in French or English, e.g. `NATDECASSED ∈ {17, 18}`.
 *
 * @example
 * describeCondition({ var: 'DECISION', in: ['1'] }, 'fr'); // "DECISION = 1"
 */
export function describeCondition(condition: Condition, lang: 'fr' | 'en' = 'fr'): string {
  const and = lang === 'fr' ? ' et ' : ' and ';
  const or = lang === 'fr' ? ' ou ' : ' or ';
  if ('all' in condition) return condition.all.map((c) => describeCondition(c, lang)).join(and);
  if ('any' in condition) return condition.any.map((c) => `(${describeCondition(c, lang)})`).join(or);
  if ('not' in condition) return `${lang === 'fr' ? 'non' : 'not'} (${describeCondition(condition.not, lang)})`;
  if ('filled' in condition) {
    if (lang === 'fr') return `${condition.var} ${condition.filled ? 'renseignée' : 'vide'}`;
    return `${condition.var} ${condition.filled ? 'filled' : 'empty'}`;
  }
  if (condition.in.length === 1) return `${condition.var} = ${condition.in[0]}`;
  return `${condition.var} ∈ {${condition.in.join(', ')}}`;
}

/**
 * Describes an age band, e.g. `moins de 18 ans` / `under 18`.
 *
 * @example
 * describeAgeBand({ min: 18, max: null }, 'en'); // "18 and over"
 */
export function describeAgeBand(band: AgeBand, lang: 'fr' | 'en' = 'fr'): string {
  const { min, max } = band;
  if (min === null && max === null) return lang === 'fr' ? 'tous âges' : 'any age';
  if (min === null) return lang === 'fr' ? `moins de ${max! + 1} ans` : `under ${max! + 1}`;
  if (max === null) return lang === 'fr' ? `${min} ans et plus` : `${min} and over`;
  return lang === 'fr' ? `de ${min} à ${max} ans` : `aged ${min} to ${max}`;
}
