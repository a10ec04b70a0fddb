/**
 * The kit for writing rules by hand or from the nomenclature: the editions and dates in force, citation helpers,
 * the rule-id tag, the builders that give a rule its metadata defaults, and the builders of example records
 * (an age, a condition made true or false) that rules use for their passing and failing examples.
 *
 * @module
 */
import {
  conditionVariables,
  describeCondition,
  editionData,
  evaluateCondition,
  type AgeBand,
  type Condition,
  type EditionId,
  type VariableDef,
} from '../nomenclature/index.js';
import { sampleValue } from './value-formats.js';
import type { Citation, CrossRule, RawFinding, RecordContext, RecordRule, Skip } from './types.js';

/** Rules of both editions. */
export const BOTH: readonly EditionId[] = ['2016', '2011'];
/** Rules of the 2016 edition only. */
export const ONLY_2016: readonly EditionId[] = ['2016'];
/** Rules of the 2011 edition only. */
export const ONLY_2011: readonly EditionId[] = ['2011'];
/** The first day of the 2011 edition (décret 2011-222). */
export const FROM_2011 = '2011-06-01';
/** The first day of the 2016 edition (décret 2016-1966). */
export const FROM_2016 = '2017-01-01';
/** A page of the ONPE guide of 2018 (2016 edition). */
export const G18 = (ref: string, page: number): Citation => ({ source: 'G18', ref, page });
/** A page of the ONED data-entry aid of 2015 (2011 edition). */
export const O15 = (ref: string, page: number): Citation => ({ source: 'O15', ref, page });
/** A section of ONPE's technical audit. */
export const AUDIT = (ref: string): Citation => ({ source: 'ONPE-AUDIT', ref });

/** The edition tag used in rule ids. */
export function editionTag(edition: EditionId): string {
  return edition === '2016' ? 'OL16' : 'OL11';
}

/** What a hand-written record rule's `check` is. */
export type RecordCheck = (ctx: RecordContext) => RawFinding[] | Skip | null;
/** A hand-written record rule's metadata (`validTo` defaults to null: in force). */
export type RecordRuleMeta = Omit<RecordRule, 'check' | 'scope' | 'generated' | 'validTo'> & {
  validTo?: string | null;
};

/** A hand-written record rule. */
export function rule(meta: RecordRuleMeta, check: RecordCheck): RecordRule {
  return { validTo: null, ...meta, scope: 'record', generated: false, check };
}

/** A hand-written cross-record rule's metadata. */
export type CrossRuleMeta<S> = Omit<CrossRule<S>, 'generated' | 'validTo' | 'init' | 'observe' | 'finish'> & {
  validTo?: string | null;
};

/** A hand-written cross-record rule (young person or file). */
export function cross<S>(
  meta: CrossRuleMeta<S>,
  impl: Pick<CrossRule<S>, 'init' | 'observe' | 'finish'>,
): CrossRule<S> {
  return { validTo: null, ...meta, generated: false, ...impl };
}

/** Whether an age band has no bound. */
export function isOpen(b: AgeBand): boolean {
  return b.min === null && b.max === null;
}

/** An age inside a band, and one outside it (null when the band is open). */
export function agesFor(b: AgeBand): { inside: number; outside: number | null } {
  const inside = b.min !== null ? b.min : b.max !== null ? Math.min(b.max, 10) : 10;
  const outside = b.max !== null ? b.max + 1 : b.min !== null ? b.min - 1 : null;
  return { inside, outside };
}

/** Birth and decision values giving an age (decision on 2019-06-15, born in January). */
export function agedRecord(age: number): Record<string, string> {
  return { ANAIS: String(2019 - age), MNAIS: '01', DATDECPE: '2019-06-15', DATDEB: '2019-06-20' };
}

/**
 * Values of the condition's variables that make it true (`want`) or false: a first guess from the condition's
 * shape, checked with `evaluateCondition`, then a bounded search over the codes when the guess conflicts.
 */
export function assignmentFor(condition: Condition, want: boolean, edition: EditionId): Record<string, string> {
  const data = editionData(edition);
  const defOf = (name: string): VariableDef | undefined => data.variables.find((v) => v.name === name);
  const walk = (c: Condition, w: boolean): Record<string, string> => {
    // Every variable read gets a value: for `all` false, the first part is false and the others true; for `any`
    // true, the first part is true and the others false.
    if ('all' in c) return Object.assign({}, ...c.all.map((x, i) => walk(x, w || i > 0)).reverse());
    if ('any' in c) return Object.assign({}, ...c.any.map((x, i) => walk(x, w && i === 0)).reverse());
    if ('not' in c) return walk(c.not, !w);
    const def = defOf(c.var);
    if ('filled' in c) return { [c.var]: c.filled === w ? (def ? sampleValue(def) : 'x') : '' };
    if (w) return { [c.var]: c.in[0]! };
    const other = def?.codes.map((x) => x.code).find((code) => !c.in.includes(code) && code !== def.unknownCode);
    return { [c.var]: other ?? '' };
  };
  const guess = walk(condition, want);
  const holds = (a: Record<string, string>): boolean => evaluateCondition(condition, (n) => a[n]) === want;
  if (holds(guess)) return guess;
  const names = conditionVariables(condition);
  const candidates = names.map((n) => {
    const def = defOf(n);
    return [
      '',
      ...(def
        ? def.codes.length > 0
          ? def.codes.map((c) => c.code).filter((c) => c !== def.unknownCode)
          : [sampleValue(def)]
        : []),
    ];
  });
  const total = candidates.reduce((p, c) => p * c.length, 1);
  for (let k = 0; k < Math.min(total, 100_000); k++) {
    const a: Record<string, string> = {};
    let rest = k;
    names.forEach((n, i) => {
      const list = candidates[i]!;
      a[n] = list[rest % list.length]!;
      rest = Math.floor(rest / list.length);
    });
    if (holds(a)) return a;
  }
  throw new Error(`No assignment makes ${describeCondition(condition)} ${want}`);
}
