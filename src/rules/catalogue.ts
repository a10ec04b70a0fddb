/**
 * The catalogue: every rule of an edition, generated nomenclature rules first, then the hand-written ones.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { crossRules } from './cross-rules.js';
import { nomenclatureRules } from './nomenclature-rules.js';
import { guideCrossRules, guideRecordRules } from './guide-rules.js';
import { recordRules } from './record-rules.js';
import type { CrossRule, RecordRule, Rule } from './types.js';

const cache = new Map<EditionId, readonly Rule[]>();
const recordCache = new Map<EditionId, readonly RecordRule[]>();

/**
 * The record rules of an edition (those `validateRecord` runs), in catalogue order. Kept apart from
 * {@link rules} so that a bundle validating one record (`olinpe/form`) does not carry the young-person and
 * file rules.
 *
 * @example
 * recordRulesOf('2016').every((r) => r.scope === 'record'); // true
 */
export function recordRulesOf(edition: EditionId = '2016'): readonly RecordRule[] {
  let list = recordCache.get(edition);
  if (!list) {
    list = [
      ...nomenclatureRules(edition),
      ...recordRules.filter((r) => r.editions.includes(edition)),
      ...guideRecordRules.filter((r) => r.editions.includes(edition)),
    ];
    recordCache.set(edition, list);
  }
  return list;
}

/**
 * Every rule of an edition (record rules, then young-person and file rules). Built once, from the
 * nomenclature data and the hand-written rules.
 *
 * @example
 * rules('2016').find((r) => r.id === 'OL16-EVT-DATFIN')?.severity; // "error"
 * rules('2011').some((r) => r.id === 'OL11-EVT-DATJE'); // true
 */
export function rules(edition: EditionId = '2016'): readonly Rule[] {
  let list = cache.get(edition);
  if (!list) {
    list = [
      ...recordRulesOf(edition),
      ...crossRules.filter((r) => r.editions.includes(edition)),
      ...guideCrossRules.filter((r) => r.editions.includes(edition)),
    ];
    cache.set(edition, list);
  }
  return list;
}

/**
 * One rule by id, from either edition.
 *
 * @example
 * ruleById('OL-YP-005')?.title.fr; // "Doublon complet"
 */
export function ruleById(id: string): Rule | undefined {
  return rules('2016').find((r) => r.id === id) ?? rules('2011').find((r) => r.id === id);
}

/** Whether a rule looks at one record. */
export function isRecordRule(rule: Rule): rule is RecordRule {
  return rule.scope === 'record';
}

/** Whether a rule looks at several records. */
export function isCrossRule(rule: Rule): rule is CrossRule {
  return rule.scope !== 'record';
}
