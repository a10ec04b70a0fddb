/**
 * The hand-written record rules (record-rules.ts, guide-rules.ts) settled in the engine's loop, as the generated
 * rules are by their prechecks (selection.ts): for each line, one call (`settleHand`) goes through every
 * hand-written rule of the run and says which ones must still be called. A rule is settled without a call only
 * where its `check` is known to return `null` (it passes) or a given skip reason; in every other case (a finding
 * possible, a variable absent, a value the test does not read simply) it is called, and says what it finds. The
 * tests read the row by positions found once per edition and parse no date twice; no object is built per line.
 *
 * Why: the 22 hand-written rules cost a call each per line (a closure through `Rule.check`, in a `try`), and several
 * looked names up or built strings (`pick`, the birth month of OL-DAT-001) on every line, passing or not.
 *
 * Only `validateRecords` uses it (run.ts); `validateRecord` calls the hand-written rules (one record: no loop to
 * save). Guarded by test/rules/hand-settle.test.ts (law, fast-check: wherever a rule is settled, its `check` returns
 * `null`, or the skip given) and by test/rules/no-shortcuts.test.ts (the engine without shortcuts, where every rule
 * is called on every line, finds the same findings and statuses), and the golden findings.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { compareDates, dayOfKnownDate, isKnownFullDate, yearOf } from './dates.js';
import { datesWithoutUnknownForm, MENAGEJM_CODES } from './guide-rules.js';
import {
  ADULT_YEARS,
  DECISION_YEAR_MIN,
  datedVariables,
  EVENT_DATES,
  FORMULA_START,
  FREE_TEXTS,
} from './record-rules.js';
import { editionLayout } from './row.js';
import { SKIP } from './skips.js';
import type { RecordContext, RecordRule } from './types.js';

/** What a test says of a rule on a line: call it, it passes, or it skips with the reason of `SKIP` at that index. */
const CALL = -1;
const PASS = -2;
const SKIPS: readonly string[] = [
  SKIP.noExportDate.skip,
  SKIP.noReferenceYear.skip,
  SKIP.noAge.skip,
  'destination-not-onpe',
];
const NO_EXPORT_DATE = 0;
const NO_REFERENCE_YEAR = 1;
const NO_AGE = 2;
const NOT_ONPE = 3;

/** The tests, numbered (the `case`s of `settle`): each rule id and the variables its test reads at positions `at`. */
const VAR_001 = 0;
const DAT_001 = 1;
const DAT_002 = 2;
const DAT_003 = 3;
const DAT_004 = 4;
const DAT_005 = 5;
const DAT_006 = 6;
const DAT_007 = 7;
const DAT_008 = 8;
const DAT_009 = 9;
const DAT_010 = 10;
const COH_001 = 11;
const FORMULA = 12;
const DAT_011 = 13;
const DAT_012 = 14;
const DAT_013 = 15;
const COH_002 = 16;
const COH_003 = 17;
const COH_004 = 18;
const COH_005 = 19;
const COH_006 = 20;
const COH_007 = 21;
const TESTS: readonly (readonly [string, readonly string[]])[] = [
  ['OL-VAR-001', []],
  ['OL-DAT-001', ['ANAIS', 'DATDECPE']],
  ['OL16-DAT-002', ['DATDEB', 'DATFIN']],
  ['OL-DAT-003', []],
  ['OL16-DAT-004', ['DATDEB', 'DATFIN']],
  ['OL16-DAT-005', ['DATDEB', 'DATFIN']],
  ['OL16-DAT-006', []],
  ['OL-DAT-007', [...ADULT_YEARS]],
  ['OL-DAT-008', ['ANAIS', ...ADULT_YEARS]],
  ['OL16-DAT-009', [...EVENT_DATES]],
  ['OL16-DAT-010', [...EVENT_DATES]],
  ['OL16-COH-001', ['NATPDECADM']],
  ['OL-COH-FORMULA', [...FREE_TEXTS]],
  ['OL16-DAT-011', []],
  ['OL16-DAT-012', ['DATDECPE', 'DATDEB']],
  ['OL-DAT-013', ['NOTIFEVAL', 'FINEVAL']],
  ['OL-COH-002', ['TYPINTERDOM', 'NATPDECADM']],
  ['OL-COH-003', ['TYPDECJUD', 'NATDECASSED']],
  ['OL-COH-004', ['LIEUACC', 'LIEUPLAC']],
  ['OL16-COH-005', ['MENAGEJM', 'NATPDECADM']],
  ['OL-COH-006', ['NBFRAT']],
  ['OL16-COH-007', ['UTDP']],
];

/** The hand-written rules of a run with a test: their index in the run's record rules, test and positions. */
export interface HandPlan {
  /** Per rule without a precheck (`always`, in rule order): its test number (`TESTS`), -1 when it has none. */
  readonly tests: Int32Array;
  /** Per rule of `tests`: the row positions of its variables (-1 for a name the edition has not). */
  readonly at: readonly Int32Array[];
  /** Row positions of the dated variables (OL-DAT-003) and of the dates without an unknown form (OL16-DAT-011). */
  readonly dated: Int32Array;
  readonly noUnknownForm: Int32Array;
}

/** The plan of a run's rules without a precheck (`always`, indexes into `record`). */
export function handPlan(edition: EditionId, record: readonly RecordRule[], always: Int32Array): HandPlan {
  const index = editionLayout(edition).index;
  const tests = new Int32Array(always.length).fill(-1);
  const at: Int32Array[] = [];
  for (let k = 0; k < always.length; k++) {
    const rule = record[always[k]!]!;
    const t = TESTS.findIndex(([id]) => id === rule.id);
    const names = t >= 0 ? TESTS[t]![1] : [];
    const positions = Int32Array.from(names, (n) => index.get(n) ?? -1);
    // A rule whose variables are not all in the edition's row is always called (it reads them by name).
    tests[k] = t >= 0 && !positions.includes(-1) ? t : -1;
    at.push(positions);
  }
  return {
    tests,
    at,
    dated: Int32Array.from(datedVariables(edition), (n) => index.get(n)!),
    noUnknownForm: Int32Array.from(datesWithoutUnknownForm(edition).at),
  };
}

/**
 * Settles the rules without a precheck on one line: writes those to call into `calls` (rule numbers, in rule
 * order) and returns how many; a rule settled as skipped is counted in `unchecked` with its reason in `skips`.
 */
export function settleHand(
  plan: HandPlan,
  always: Int32Array,
  ctx: RecordContext,
  unchecked: Float64Array,
  skips: (string | undefined)[],
  calls: Int32Array,
): number {
  const row = ctx.row;
  const tests = plan.tests;
  let n = 0;
  for (let k = 0; k < tests.length; k++) {
    const t = tests[k]!;
    const r = always[k]!;
    const answer = t < 0 ? CALL : settle(t, plan, plan.at[k]!, row, ctx);
    if (answer === PASS) continue;
    if (answer === CALL) calls[n++] = r;
    else {
      unchecked[r] = unchecked[r]! + 1;
      skips[r] ??= SKIPS[answer]!;
    }
  }
  return n;
}

/** Test t (an index of `TESTS`) on a line: PASS, CALL, or the index in `SKIPS` of the reason `check` gives. */
function settle(
  t: number,
  plan: HandPlan,
  at: Int32Array,
  row: readonly (string | undefined)[],
  ctx: RecordContext,
): number {
  switch (t) {
    case VAR_001:
      return ctx.extra === null ? PASS : CALL;
    case DAT_001: {
      // check compares `${ANAIS}-${MNAIS or 99}` with DATDECPE: its first four characters are ANAIS's when ANAIS has
      // four or more, and read as no year otherwise (the '-' falls among them), as ANAIS alone is then no year. A
      // birth year before the decision's, or either year unknown, passes whatever the month.
      const anais = row[at[0]!];
      const decision = row[at[1]!];
      if (anais === undefined || decision === undefined) return CALL;
      const born = yearOf(anais);
      const decided = yearOf(decision);
      return born === undefined || decided === undefined || born < decided ? PASS : CALL;
    }
    case DAT_002: {
      const a = row[at[0]!];
      const b = row[at[1]!];
      return a !== undefined && b !== undefined && compareDates(a, b) !== 1 ? PASS : CALL;
    }
    case DAT_003: {
      const exportDate = ctx.exportDate;
      if (exportDate === undefined) return NO_EXPORT_DATE;
      // compareDates(v, exportDate) is 1 only where both years are known and v's is later, or the same and v's
      // month or day later: the export date's year read once, a value's full comparison only in that year.
      const exportYear = yearOf(exportDate);
      if (exportYear === undefined) return PASS;
      const dated = plan.dated;
      for (let k = 0; k < dated.length; k++) {
        const v = row[dated[k]!];
        if (!v) continue;
        const y = yearOf(v);
        if (y !== undefined && (y > exportYear || (y === exportYear && compareDates(v, exportDate) === 1))) return CALL;
      }
      return PASS;
    }
    case DAT_004: {
      const start = row[at[0]!];
      const end = row[at[1]!];
      if (start === undefined || end === undefined) return CALL;
      if (end === '' || yearOf(end) === undefined) return PASS;
      return start !== '' && yearOf(start) !== undefined ? PASS : CALL;
    }
    case DAT_005: {
      const start = row[at[0]!];
      const end = row[at[1]!];
      if (start === undefined || end === undefined) return CALL;
      if (!isKnownFullDate(start) || !isKnownFullDate(end)) return PASS;
      if (yearOf(end)! - yearOf(start)! <= 1) return PASS;
      // The same count of calendar days as check's: 730 days or fewer pass.
      return dayOfKnownDate(end) - dayOfKnownDate(start) <= 730 ? PASS : CALL;
    }
    case DAT_006: {
      const age = ctx.age;
      if (age === undefined) return NO_AGE;
      return age <= 20 ? PASS : CALL;
    }
    case DAT_007: {
      let seen = false;
      for (let k = 0; k < at.length; k++) {
        const v = row[at[k]!];
        if (v === undefined) continue;
        seen = true;
        const y = yearOf(v);
        if (y !== undefined && y < 1920) return CALL;
      }
      return seen ? PASS : CALL;
    }
    case DAT_008: {
      const anais = row[at[0]!];
      if (anais === undefined) return CALL;
      const birth = yearOf(anais);
      if (birth === undefined) return PASS;
      for (let k = 1; k < at.length; k++) {
        const y = yearOf(row[at[k]!]);
        if (y !== undefined && birth < y + 10) return CALL;
      }
      return PASS;
    }
    case DAT_009: {
      const max = ctx.referenceYear !== undefined ? ctx.referenceYear + 1 : undefined;
      let seen = false;
      for (let k = 0; k < at.length; k++) {
        const v = row[at[k]!];
        if (v === undefined) continue;
        seen = true;
        const y = yearOf(v);
        if (y !== undefined && (y < DECISION_YEAR_MIN || (max !== undefined && y > max))) return CALL;
      }
      return seen ? PASS : CALL;
    }
    case DAT_010: {
      const year = ctx.referenceYear;
      if (year === undefined) return NO_REFERENCE_YEAR;
      let present = false;
      let unknown = false;
      for (let k = 0; k < at.length; k++) {
        const v = row[at[k]!];
        if (v === undefined) continue;
        present = true;
        const y = yearOf(v);
        if (y === year) return PASS;
        if (v !== '' && y === undefined) unknown = true;
      }
      return present && unknown ? PASS : CALL;
    }
    case COH_001: {
      const v = row[at[0]!];
      return v !== undefined && v !== '19' ? PASS : CALL;
    }
    case FORMULA: {
      for (let k = 0; k < at.length; k++) {
        const v = row[at[k]!];
        if (v !== undefined && v !== '' && FORMULA_START[v.charCodeAt(0)] !== undefined) return CALL;
      }
      return PASS;
    }
    case DAT_011: {
      const dates = plan.noUnknownForm;
      for (let k = 0; k < dates.length; k++) if (row[dates[k]!] === '9999-99-99') return CALL;
      return PASS;
    }
    case DAT_012:
    case DAT_013: {
      const a = row[at[0]!];
      const b = row[at[1]!];
      if (a === undefined || b === undefined) return CALL;
      return !isKnownFullDate(a) || !isKnownFullDate(b) || compareDates(a, b) !== 1 ? PASS : CALL;
    }
    case COH_002: {
      const kind = row[at[0]!];
      const nature = row[at[1]!];
      if (kind === undefined || nature === undefined) return CALL;
      return (kind !== '4' && kind !== '5') || nature === '10' || nature === '' || nature === '99' ? PASS : CALL;
    }
    case COH_003: {
      const kind = row[at[0]!];
      const nature = row[at[1]!];
      if (kind === undefined || nature === undefined) return CALL;
      if (kind === '' || nature === '' || nature === '99' || kind === '99') return PASS;
      return (kind === '7' || kind === '8') === (nature === '16') ? PASS : CALL;
    }
    case COH_004: {
      const home = row[at[0]!];
      const placement = row[at[1]!];
      if (home === undefined && placement === undefined) return CALL;
      return home !== '12' && placement !== '12' ? PASS : CALL;
    }
    case COH_005: {
      const m = row[at[0]!];
      const nature = row[at[1]!];
      if (m === undefined || nature === undefined) return CALL;
      return nature !== '21' || m === '' || m === '8' || m === '9' || !MENAGEJM_CODES.has(m) ? PASS : CALL;
    }
    case COH_006: {
      const v = row[at[0]!];
      // check reports only a value made of zeros.
      return v !== undefined && (v === '' || v.charCodeAt(0) !== 48) ? PASS : CALL;
    }
    case COH_007:
      return ctx.destination !== 'onpe' ? NOT_ONPE : CALL;
    default:
      return CALL;
  }
}
