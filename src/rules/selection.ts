/**
 * The rules of a run and their prechecks: which record and cross rules an edition (and `only`) selects, and the
 * one precheck that answers a record rule from a single value without calling its `check` (`precheck`, one rule;
 * `settleLine`, every rule of a line with each value read once). In `settleLine`, the tests' kinds are read from
 * typed arrays and the line's event is numbered once, each test's events read as a byte by that number instead of a
 * set lookup per test (`precheck`, the plain form, asks the sets). Those tables are also compiled once per selection
 * into one function (settle-compiled.ts), which `settleLine` runs where code can be compiled; the tables are read
 * otherwise (`settleLineByTables`). Guarded by test/rules/no-shortcuts.test.ts and test/rules/settle-compiled.test.ts
 * (the compiled function = the tables).
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { isCrossRule, isRecordRule } from './catalogue.js';
import { compileSettle, type CompiledSettle, type SettleTables } from './settle-compiled.js';
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
  /** The prechecks grouped by variable, for a whole line at once ({@link settleLine}); null without shortcuts. */
  byVariable: ByVariable | null;
}

/**
 * The prechecked record rules grouped by the row position they read, so that a line reads each value once and
 * looks only at the rules that value does not settle by itself (an empty value settles the format, event and age
 * rules, a filled one the required and missing rules). For `positions[k]`, the rules are
 * `all[allFrom[k]..allFrom[k+1])`, those an empty value leaves open `empty[emptyFrom[k]..emptyFrom[k+1])`, those a
 * filled value leaves open `filled[…]` likewise; `always` lists the rules without a precheck. All in rule order.
 */
interface ByVariable extends SettleTables {
  always: Int32Array;
  /** The quick test of each rule of `empty` and `filled`, at the same index (read without going through the rule). */
  emptyQuick: (QuickPass | null)[];
  filledQuick: (QuickPass | null)[];
  /** The kind of each of those tests as a number (`K_…`), read from a typed array rather than through the test. */
  emptyKind: Uint8Array;
  filledKind: Uint8Array;
  /**
   * The event codes any test names, numbered (see {@link eventNumber}); and for each test of `empty` and `filled`
   * that names events, one byte per number (1: one of its events), plus a last byte (0) for an event none names.
   */
  events: ReadonlyMap<string, number>;
  emptyEvents: (Uint8Array | null)[];
  filledEvents: (Uint8Array | null)[];
  /** The same prechecks compiled into one function (settle-compiled.ts), null where code cannot be compiled. */
  compiled: CompiledSettle | null;
}

/** The kinds of quick tests (`ByVariable.emptyKind`, `filledKind`): none (call the rule), then `QuickPass.kind`. */
const K_CALL = 0;
const K_FORMAT = 1;
const K_EVENTS = 2;
const K_BAND = 3;
const K_OUTSIDE = 4;
const K_HOLDS = 5;
const K_RESERVED = 6;
const KINDS: readonly QuickPass['kind'][] = ['format', 'events', 'band', 'outside', 'holds', 'reserved'];
const kindOf = (q: QuickPass | null): number => (q === null ? K_CALL : KINDS.indexOf(q.kind) + 1);

/**
 * The number of a line's event among `events` (the codes the tests name): -1 when the event is unknown, and
 * `events.size` for an event no test names (every test's byte there is 0).
 */
function eventNumber(events: ReadonlyMap<string, number>, event: string | undefined): number {
  if (event === undefined) return -1;
  return events.get(event) ?? events.size;
}

function byVariable(pre: Int32Array, quick: readonly (QuickPass | null)[]): ByVariable {
  const events = new Map<string, number>();
  for (const q of quick) for (const code of q?.events ?? []) if (!events.has(code)) events.set(code, events.size);
  const eventBytes = (q: QuickPass | null): Uint8Array | null => {
    if (q === null || q.events === null) return null;
    const bytes = new Uint8Array(events.size + 1);
    for (const code of q.events) bytes[events.get(code)!] = 1;
    return bytes;
  };
  const at = new Map<number, number[]>();
  const always: number[] = [];
  for (let r = 0; r < pre.length; r++) {
    const code = pre[r]!;
    if (code < 0) always.push(r);
    else {
      const list = at.get(code >> 2);
      if (list) list.push(r);
      else at.set(code >> 2, [r]);
    }
  }
  const positions = [...at.keys()].sort((a, b) => a - b);
  const all: number[] = [];
  const empty: number[] = [];
  const filled: number[] = [];
  const allFrom = [0];
  const emptyFrom = [0];
  const filledFrom = [0];
  for (const p of positions) {
    for (const r of at.get(p)!) {
      all.push(r);
      if ((pre[r]! & 1) === 0) empty.push(r);
      if ((pre[r]! & 2) === 0) filled.push(r);
    }
    allFrom.push(all.length);
    emptyFrom.push(empty.length);
    filledFrom.push(filled.length);
  }
  const b: Omit<ByVariable, 'compiled'> = {
    always: Int32Array.from(always),
    positions: Int32Array.from(positions),
    all: Int32Array.from(all),
    allFrom: Int32Array.from(allFrom),
    empty: Int32Array.from(empty),
    emptyFrom: Int32Array.from(emptyFrom),
    filled: Int32Array.from(filled),
    filledFrom: Int32Array.from(filledFrom),
    emptyQuick: empty.map((r) => quick[r]!),
    filledQuick: filled.map((r) => quick[r]!),
    emptyKind: Uint8Array.from(empty, (r) => kindOf(quick[r]!)),
    filledKind: Uint8Array.from(filled, (r) => kindOf(quick[r]!)),
    events,
    emptyEvents: empty.map((r) => eventBytes(quick[r]!)),
    filledEvents: filled.map((r) => eventBytes(quick[r]!)),
  };
  return { ...b, compiled: compileSettle(b, ABSENT_REASON, passesFormat) };
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
  // The usual key (all rules, with shortcuts) is the edition itself: no string built on each validateRecord call.
  const key = only
    ? `${shortcuts ? '' : 'plain|'}${edition}|${only.join(',')}`
    : shortcuts
      ? edition
      : `plain|${edition}`;
  let cached = selections.get(catalogue);
  if (!cached) selections.set(catalogue, (cached = new Map()));
  let s = cached.get(key);
  if (!s) {
    const wanted = only ? new Set(only) : undefined;
    const list = catalogue(edition).filter((r) => !wanted || wanted.has(r.id));
    const record = list.filter(isRecordRule);
    const pre = shortcuts ? Int32Array.from(record, precheckCode) : new Int32Array(record.length).fill(-1);
    const quick = record.map((r) => (shortcuts && r.precheck !== undefined && r.quick !== undefined ? r.quick : null));
    s = {
      record,
      cross: list.filter(isCrossRule),
      pre,
      quick,
      byVariable: shortcuts ? byVariable(pre, quick) : null,
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
 * then for a filled value its quick test, holds) or {@link CALL}. With {@link settleLine}, the only place the
 * prechecks are read: `validateRecords` and `validateRecord` ask {@link settleLine} for a whole line (and here rule
 * after rule without shortcuts, where every rule is called).
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

/**
 * {@link precheck} for every prechecked rule of a line at once, each value read once (see {@link ByVariable}):
 * counts the rules whose variable is absent in `unchecked` (their skip reason in `skips`), and writes the rules
 * that must be called into `calls`, in rule order; returns how many. The rules without a precheck
 * (`byVariable.always`) are left to the caller. Nothing a rule's `check` does changes what a precheck reads (the
 * row, the event, the age, the values), so settling the whole line before calling any rule gives the same answer
 * as asking {@link precheck} rule after rule.
 */
export function settleLine(
  s: Selection,
  row: readonly (string | undefined)[],
  ctx: RecordContext,
  unchecked: Float64Array,
  skips: (string | undefined)[],
  calls: Int32Array,
): number {
  const b = s.byVariable!;
  const compiled = b.compiled;
  return sortCalls(
    calls,
    compiled !== null ? compiled(row, ctx, unchecked, skips, calls) : byTables(b, row, ctx, unchecked, skips, calls),
  );
}

/** What settling a line reads and writes, after the selection (see {@link settleLine}). */
type LineArgs = [
  row: readonly (string | undefined)[],
  ctx: RecordContext,
  unchecked: Float64Array,
  skips: (string | undefined)[],
  calls: Int32Array,
];

/**
 * {@link settleLine} read from the tables, without the compiled function (for test/rules/settle-compiled.test.ts,
 * which compares both; settleLine itself reads the tables where code cannot be compiled).
 */
export function settleLineByTables(s: Selection, ...line: LineArgs): number {
  return sortCalls(line[4], byTables(s.byVariable!, ...line));
}

/**
 * The prechecks of a line read from the tables: the calls in visiting order, their number returned. Its parameters
 * are written out as settleLine's are (not `...line: LineArgs`): both run on every line, where a rest parameter
 * would make an array a call.
 */
function byTables(
  b: ByVariable,
  row: readonly (string | undefined)[],
  ctx: RecordContext,
  unchecked: Float64Array,
  skips: (string | undefined)[],
  calls: Int32Array,
): number {
  const positions = b.positions;
  const e = eventNumber(b.events, ctx.event);
  let n = 0;
  for (let k = 0; k < positions.length; k++) {
    const v = row[positions[k]!];
    if (v === undefined) {
      for (let j = b.allFrom[k]!, end = b.allFrom[k + 1]!; j < end; j++) {
        const r = b.all[j]!;
        unchecked[r] = unchecked[r]! + 1;
        skips[r] ??= ABSENT_REASON;
      }
      continue;
    }
    const empty = v === '';
    const list = empty ? b.empty : b.filled;
    const from = empty ? b.emptyFrom : b.filledFrom;
    const kinds = empty ? b.emptyKind : b.filledKind;
    for (let j = from[k]!, end = from[k + 1]!; j < end; j++) {
      const kind = kinds[j]!;
      if (kind === K_CALL) calls[n++] = list[j]!;
      else if (kind === K_FORMAT) {
        if (empty || !passesFormat(b.filledQuick[j]!.format!, v)) calls[n++] = list[j]!;
      } else if (kind === K_EVENTS) {
        // `events` on a filled value: the event is known and one of the test's (passesQuick, by number).
        if (empty || e < 0 || b.filledEvents[j]![e] === 0) calls[n++] = list[j]!;
      } else if (
        !(empty
          ? passesKind(kind, b.emptyQuick[j]!, v, ctx, e, b.emptyEvents[j]!)
          : passesKind(kind, b.filledQuick[j]!, v, ctx, e, b.filledEvents[j]!))
      )
        calls[n++] = list[j]!;
    }
  }
  return n;
}

/** Positions are visited in row order, not rule order: puts the n calls back in rule order (usually none or few). */
function sortCalls(calls: Int32Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const r = calls[i]!;
    let j = i - 1;
    while (j >= 0 && calls[j]! > r) {
      calls[j + 1] = calls[j]!;
      j--;
    }
    calls[j + 1] = r;
  }
  return n;
}

/**
 * Whether a rule's {@link RecordRule.quick} test holds for this value on this line. With `bytes` (the test's
 * events by number, see {@link ByVariable.events}) and `e` (the line's {@link eventNumber}), the event is tested by
 * number; without (`null`, as {@link precheck} asks), with the test's set.
 */
function passesQuick(q: QuickPass, v: string, ctx: RecordContext): boolean {
  return passesKind(kindOf(q), q, v, ctx, -1, null);
}

/** {@link passesQuick} with the test's kind as its number (`K_…`), and its events by number when `bytes` is given. */
function passesKind(
  kind: number,
  q: QuickPass,
  v: string,
  ctx: RecordContext,
  e: number,
  bytes: Uint8Array | null,
): boolean {
  switch (kind) {
    case K_FORMAT:
      return v !== '' && passesFormat(q.format!, v);
    case K_EVENTS:
      if (bytes !== null) return v !== '' && e >= 0 && bytes[e] === 1;
      return v !== '' && ctx.event !== undefined && q.events!.has(ctx.event);
    case K_BAND: {
      const age = ctx.age;
      return v !== '' && age !== undefined && (q.min === null || age >= q.min) && (q.max === null || age <= q.max);
    }
    case K_OUTSIDE: {
      if (v !== '') return false;
      // In the order `check` asks: the event first (unknown: not settled), then the age, then the conditions.
      if (q.events !== null) {
        if (ctx.event === undefined) return false;
        if (bytes !== null ? bytes[e] === 0 : !q.events.has(ctx.event)) return true;
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
    case K_HOLDS: {
      const c = q.condition!;
      if (v === '' || !allKnown(c, ctx.row, ctx.values)) return false;
      for (let k = 0; k < c.conditions.length; k++) if (!holds(c.conditions[k]!, ctx.row, ctx.values)) return false;
      return true;
    }
    case K_RESERVED: {
      if (!q.codes!.has(v)) return true;
      const age = ctx.age;
      return age !== undefined && (q.min === null || age >= q.min) && (q.max === null || age <= q.max);
    }
    default:
      return false;
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
