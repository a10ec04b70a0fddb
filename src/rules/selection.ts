/**
 * The rules of a run and their prechecks: which record and cross rules an edition (and `only`) selects, and the
 * one precheck that answers a record rule from a single value without calling its `check`.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { isCrossRule, isRecordRule } from './catalogue.js';
import { passesFormat } from './value-formats.js';
import type {
  ConditionNode,
  CrossRule,
  QuickCondition,
  QuickPass,
  RecordContext,
  RecordRule,
  RecordValues,
  Rule,
} from './types.js';

/** The rules of a run, with their prechecks as flat arrays (see {@link RecordRule.precheck}). */
export interface Selection {
  record: RecordRule[];
  cross: CrossRule[];
  /**
   * Each record rule's precheck as one number: -1 when none, else `at * 4 + (1 if an empty value passes) + (2 if a
   * filled value passes)`.
   */
  pre: Int32Array;
  /** Each record rule's {@link RecordRule.quick} (with a precheck), or null. */
  quick: (QuickPass | null)[];
}

function precheckCode(rule: RecordRule): number {
  const p = rule.precheck;
  if (p === undefined) return -1;
  return p.at * 4 + (p.empty === 'pass' ? 1 : 0) + (p.filled === 'pass' ? 2 : 0);
}

/** Where a run takes its rules from: `rules` (files) or `recordRulesOf` (one record). */
export type Catalogue = (edition: EditionId) => readonly Rule[];

const selections = new Map<Catalogue, Map<string, Selection>>();

/**
 * The rules of an edition (those named by `only` when given), built once per catalogue, edition and list. The
 * caller passes the catalogue, so that `validateRecord` alone never references the cross-record rules: a form's
 * bundle (`olinpe/form`) leaves them out. Without shortcuts (`shortcuts: false`, the mode the tests compare the
 * normal path with), no rule has a precheck: every rule's `check` is called on every line.
 */
export function selection(
  edition: EditionId,
  only: readonly string[] | undefined,
  catalogue: Catalogue,
  shortcuts = true,
): Selection {
  const key = `${shortcuts ? '' : 'plain|'}${only ? `${edition}|${only.join(',')}` : edition}`;
  let cached = selections.get(catalogue);
  if (!cached) selections.set(catalogue, (cached = new Map()));
  let s = cached.get(key);
  if (!s) {
    const wanted = only ? new Set(only) : undefined;
    const list = catalogue(edition).filter((r) => !wanted || wanted.has(r.id));
    const record = list.filter(isRecordRule);
    s = {
      record,
      cross: list.filter(isCrossRule),
      pre: shortcuts ? Int32Array.from(record, precheckCode) : new Int32Array(record.length).fill(-1),
      quick: record.map((r) => (shortcuts && r.precheck !== undefined && r.quick !== undefined ? r.quick : null)),
    };
    if (cached.size > 64) cached.clear();
    cached.set(key, s);
  }
  return s;
}

/** {@link precheck}: the rule must be called. */
export const CALL = 0;
/** {@link precheck}: the rule's variable is absent: skipped (`variable-absent`). */
export const ABSENT = 1;
/** {@link precheck}: the rule passes without a call. */
export const PASSED = 2;

/** The skip reason of a rule whose variable is absent (what `check` would say). */
export const ABSENT_REASON = 'variable-absent';

/**
 * Whether record rule r of the selection is settled without a call: {@link ABSENT}, {@link PASSED} (its precheck,
 * then for a filled value its quick test, holds) or {@link CALL}. The only place the prechecks are read:
 * `validateRecord` and `validateRecords` both ask here.
 */
export function precheck(s: Selection, r: number, row: readonly (string | undefined)[], ctx: RecordContext): number {
  const code = s.pre[r]!;
  if (code < 0) return CALL;
  const v = row[code >> 2];
  if (v === undefined) return ABSENT;
  if ((code & (v === '' ? 1 : 2)) !== 0) return PASSED;
  const q = s.quick[r]!;
  if (q === null) return CALL;
  // The format test, the most frequent, apart: the loop stays small enough to be inlined where it runs.
  if (q.kind === 'format') return v !== '' && passesFormat(q.format!, v) ? PASSED : CALL;
  return passesQuick(q, v, ctx) ? PASSED : CALL;
}

/** Whether a rule's {@link RecordRule.quick} test holds for this value on this line. */
function passesQuick(q: QuickPass, v: string, ctx: RecordContext): boolean {
  switch (q.kind) {
    case 'format':
      return v !== '' && passesFormat(q.format!, v);
    case 'events':
      return v !== '' && ctx.event !== undefined && q.events!.has(ctx.event);
    case 'band': {
      const age = ctx.age;
      return v !== '' && age !== undefined && (q.min === null || age >= q.min) && (q.max === null || age <= q.max);
    }
    case 'outside': {
      if (v !== '') return false;
      // In the order `check` asks: the event first (unknown: not settled), then the age, then the conditions.
      if (q.events !== null) {
        if (ctx.event === undefined) return false;
        if (!q.events.has(ctx.event)) return true;
      }
      if (q.min !== null || q.max !== null) {
        const age = ctx.age;
        if (age === undefined) return false;
        if ((q.min !== null && age < q.min) || (q.max !== null && age > q.max)) return true;
      }
      const c = q.condition;
      if (c === null || !allKnown(c, ctx.row, ctx.values)) return false;
      for (let k = 0; k < c.conditions.length; k++) if (!holds(c.conditions[k]!, ctx.row, ctx.values)) return true;
      return false;
    }
    case 'holds': {
      const c = q.condition!;
      if (v === '' || !allKnown(c, ctx.row, ctx.values)) return false;
      for (let k = 0; k < c.conditions.length; k++) if (!holds(c.conditions[k]!, ctx.row, ctx.values)) return false;
      return true;
    }
    case 'reserved': {
      if (!q.codes!.has(v)) return true;
      const age = ctx.age;
      return age !== undefined && (q.min === null || age >= q.min) && (q.max === null || age <= q.max);
    }
  }
}

/** Whether every variable a condition reads is known: present and not its "ne sait pas" code (when it counts). */
function allKnown(c: QuickCondition, row: readonly (string | undefined)[], values: RecordValues): boolean {
  for (let k = 0; k < c.at.length; k++) {
    const i = c.at[k]!;
    const v = i < 0 ? values[c.names[k]!] : row[i];
    if (v === undefined || v === c.unknown[k]) return false;
  }
  return true;
}

/** Whether a condition holds on the line (`evaluateCondition`'s answer, read from the row). */
function holds(n: ConditionNode, row: readonly (string | undefined)[], values: RecordValues): boolean {
  switch (n.op) {
    case 'all':
      for (let k = 0; k < n.parts.length; k++) if (!holds(n.parts[k]!, row, values)) return false;
      return true;
    case 'any':
      for (let k = 0; k < n.parts.length; k++) if (holds(n.parts[k]!, row, values)) return true;
      return false;
    case 'not':
      return !holds(n.parts[0]!, row, values);
    case 'in': {
      const v = n.at < 0 ? values[n.name] : row[n.at];
      return v !== undefined && v !== '' && n.codes!.has(v);
    }
    case 'filled': {
      const v = n.at < 0 ? values[n.name] : row[n.at];
      return (v !== undefined && v !== '') === n.want;
    }
  }
}
