/**
 * `validateRecord`: one record, synchronously, against the record rules (for forms), and what it accepts of any
 * JavaScript value.
 *
 * @module
 */
import { capValue } from '../model/index.js';
import {
  completeContext,
  contextPlan,
  emptyContext,
  isSkip,
  resolveOptions,
  absentAsEmpty,
  toFinding,
  toRecordFinding,
  type ContextPlan,
} from './line.js';
import { fingerprint, RECORD_KEY_VARIABLES, recordKey } from './messages.js';
import { readRow, type EditionLayout } from './row.js';
import { recordRulesOf } from './catalogue.js';
import { CALL, precheck, selection, settleLine, type Selection } from './selection.js';
import type {
  Finding,
  Lang,
  RawFinding,
  RecordContext,
  RecordValues,
  ResolvedOptions,
  RuleOptions,
  Skip,
} from './types.js';

/** The result of validating one record. */
export interface RecordValidation {
  /** No finding of severity `error`. */
  ok: boolean;
  findings: Finding[];
  /** Findings by variable name, for a form to show them next to each field. */
  fields: Record<string, Finding[]>;
  /** Rules that threw (the others ran): id and message. Empty when all went well. */
  errored: { ruleId: string; error: string }[];
}

const EMPTY_FIELDS: Record<string, Finding[]> = Object.freeze({}) as Record<string, Finding[]>;

/**
 * Validates one record against every record-scope rule of the edition. Synchronous and allocation-light: a
 * form can call it on every keystroke. A rule that throws is listed in `errored` and never stops the others.
 * A variable left out of the record is skipped by default (`absent: 'skip'`: a form still being filled); pass
 * `absent: 'empty'` to check a record as it will be in the file (see {@link RuleOptions.absent}).
 *
 * @example
 * const { ok, findings } = validateRecord({ TYPEV: '1', DATFIN: '2019-05-01' });
 * ok; // false
 * findings.map((f) => f.ruleId); // includes "OL16-EVT-DATFIN"
 */
export function validateRecord(input: RecordValues, options: RuleOptions = {}): RecordValidation {
  return validate(input, options, true);
}

/**
 * {@link validateRecord} without shortcuts: every rule's `check` called. Not exported by the door: the tests compare
 * it with the normal path (test/rules/no-shortcuts.test.ts).
 */
export function validateRecordWithoutShortcuts(input: RecordValues, options: RuleOptions = {}): RecordValidation {
  return validate(input, options, false);
}

function validate(input: RecordValues, options: RuleOptions, shortcuts: boolean): RecordValidation {
  const o = resolveOptions(options, 'skip');
  const sel = selection(o.edition, options.only, recordRulesOf, shortcuts);
  const plan = contextPlan(o.edition);
  // The context of the last call is reused (row refilled, options set again) unless a call is under way: a getter
  // of the input may call validateRecord while it is read.
  const spare = shortcuts ? spareContexts.get(plan) : undefined;
  const ctx = spare !== undefined && !spare.busy ? spare : emptyContext(o, plan);
  if (ctx === spare) {
    spare.busy = true;
    ctx.row.fill(undefined);
    ctx.referenceYear = o.referenceYear;
    ctx.exportDate = o.exportDate;
    ctx.lang = o.lang;
    ctx.destination = o.destination;
  } else if (shortcuts && spare === undefined) spareContexts.set(plan, Object.assign(ctx, { busy: true }));
  try {
    return validateIn(ctx, input, o, sel, plan, shortcuts);
  } finally {
    if (ctx === spareContexts.get(plan)) {
      (ctx as SpareContext).busy = false;
      ctx.values = NO_OTHERS;
      ctx.extra = null;
    }
  }
}

type SpareContext = RecordContext & { row: (string | undefined)[]; busy: boolean };
const spareContexts = new Map<ContextPlan, SpareContext>();

function validateIn(
  ctx: RecordContext & { row: (string | undefined)[] },
  input: RecordValues,
  o: ResolvedOptions,
  sel: Selection,
  plan: ContextPlan,
  shortcuts: boolean,
): RecordValidation {
  const list = sel.record;
  let inputFindings: Finding[];
  let record: RecordValues;
  if (shortcuts) {
    // One pass over the input into the row; only the names outside the edition are kept as an object (what rules
    // read by name), the whole record being rebuilt only for a finding's key (see readInput).
    const read = readInput(input, plan.layout, ctx.row, o.lang);
    inputFindings = read.findings;
    ctx.values = read.others;
    ctx.extra = read.extra;
    record = ctx.values;
  } else {
    const clean = cleanRecord(input, o.lang);
    inputFindings = clean.findings;
    record = clean.record;
    ctx.values = record;
    ctx.extra = readRow(record, plan.layout, ctx.row);
  }
  const numanonym = shortcuts ? ctx.row[plan.numanonym] : record.NUMANONYM;
  if (o.absent === 'empty') absentAsEmpty(ctx.row);
  completeContext(ctx, plan);
  let findings: Finding[] | null = inputFindings.length > 0 ? inputFindings : null;
  let errored: RecordValidation['errored'] | null = null;
  let key: string | undefined;
  // With shortcuts, the rules to call are settled first for the whole line, each value read once (settleLine, as
  // validateRecords does), then called in rule order; without, each rule asks precheck (every one is called).
  const by = sel.byVariable;
  let order: Int32Array | null = null;
  let count = list.length;
  if (by !== null) {
    const s = scratchOf(sel);
    count = mergeCalls(by.always, s.calls, settleLine(sel, ctx.row, ctx, s.unchecked, s.skips, s.calls), s.order);
    order = s.order;
  }
  for (let k = 0; k < count; k++) {
    let i = k;
    if (order !== null) i = order[k]!;
    else if (precheck(sel, i, ctx.row, ctx) !== CALL) continue;
    const rule = list[i]!;
    let result: RawFinding[] | Skip | null;
    try {
      result = rule.check(ctx);
    } catch (error) {
      (errored ??= []).push({ ruleId: rule.id, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (result === null || isSkip(result) || result.length === 0) continue;
    key ??= shortcuts ? keyOfRow(ctx.row, plan.layout, record) : recordKey(record);
    for (const raw of result) {
      (findings ??= []).push(
        shortcuts
          ? toRecordFinding(rule, raw, o, numanonym, key)
          : toFinding(rule, raw, o, numanonym ? { numanonym } : undefined, key),
      );
    }
  }
  if (!findings) return { ok: true, findings: [], fields: EMPTY_FIELDS, errored: errored ?? [] };
  const fields: Record<string, Finding[]> = {};
  let ok = true;
  for (const f of findings) {
    if (f.severity === 'error') ok = false;
    for (const v of f.variables) {
      const name = v.name;
      if (Object.prototype.hasOwnProperty.call(fields, name)) fields[name]!.push(f);
      // An own property even for a name such as __proto__ (a key from JSON.parse): never the prototype's.
      else if (name === '__proto__')
        Object.defineProperty(fields, name, { value: [f], enumerable: true, writable: true, configurable: true });
      else fields[name] = [f];
    }
  }
  return { ok, findings, fields, errored: errored ?? [] };
}

/** What settleLine writes for one selection (the counts and skip reasons it keeps are not read here). */
interface Scratch {
  calls: Int32Array;
  order: Int32Array;
  unchecked: Float64Array;
  skips: (string | undefined)[];
}
const scratches = new WeakMap<Selection, Scratch>();

/**
 * The scratch arrays of a selection, shared by the calls of validateRecord: no code of the caller runs between
 * settleLine and the last rule (a getter of the input runs before, while the input is read).
 */
function scratchOf(sel: Selection): Scratch {
  let s = scratches.get(sel);
  if (s === undefined) {
    const n = sel.record.length;
    s = { calls: new Int32Array(n), order: new Int32Array(n), unchecked: new Float64Array(n), skips: new Array(n) };
    scratches.set(sel, s);
  }
  return s;
}

/** The rules without a precheck and the `n` calls settleLine left, merged in rule order into `out`; their count. */
function mergeCalls(always: Int32Array, calls: Int32Array, n: number, out: Int32Array): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < always.length || j < n)
    out[k++] = j >= n || (i < always.length && always[i]! < calls[j]!) ? always[i++]! : calls[j++]!;
  return k;
}

/** The rule id of the findings about the shape of the input itself (not an object, a value not a string). */
export const INPUT_RULE_ID = 'OL-INPUT';

/** The finding on a value that is neither a string nor undefined (or that could not be read). */
function valueFinding(lang: Lang, name: string, value: unknown): Finding {
  const shownName = capValue(name);
  const got = value === UNREADABLE ? 'une valeur illisible' : describeType(value);
  const gotEn = got === 'une valeur illisible' ? 'an unreadable value' : got;
  return inputFinding(
    lang,
    name,
    `${shownName} : la valeur doit être un texte (ou absente) ; reçu ${got}.`,
    `${shownName}: the value must be a string (or absent); got ${gotEn}.`,
  );
}

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function inputFinding(lang: Lang, name: string | undefined, fr: string, en: string): Finding {
  const variables = name === undefined ? [] : [{ name }];
  return {
    ruleId: INPUT_RULE_ID,
    severity: 'error',
    scope: 'record',
    message: lang === 'en' ? en : fr,
    variables,
    fingerprint: fingerprint(
      INPUT_RULE_ID,
      name ?? '',
      variables.map((v) => v.name),
    ),
  };
}

const NO_OTHERS: RecordValues = Object.freeze(Object.create(null) as Record<string, string | undefined>);
const UNREADABLE = Symbol.for('unreadable');
const keyMemos = new Map<EditionLayout, { keys: string[]; positions: number[] }>();
/** Keys remembered at most (a record with many more names outside the edition is not kept alive by the memo). */
const MEMO_KEYS = 256;

/**
 * {@link cleanRecord} and {@link readRow} in one pass, without building the clean record: each own enumerable
 * value of the input goes to its row position; names outside the edition go to `others` (an object without
 * prototype, shared and empty when there are none) and, when they hold a value, to `extra`. Rules read the row,
 * and `values[name]` only for names outside the edition, so `others` is all they need of the record. The same
 * findings as cleanRecord for what is not a record or not a string (test/rules/no-shortcuts.test.ts compares
 * both paths on hostile values).
 */
function readInput(
  input: unknown,
  layout: EditionLayout,
  row: (string | undefined)[],
  lang: Lang,
): { others: RecordValues; extra: string[] | null; findings: Finding[] } {
  let others = NO_OTHERS as Record<string, string | undefined>;
  let extra: string[] | null = null;
  const findings: Finding[] = [];
  const keys = recordKeys(input, lang, findings);
  if (keys === undefined) return { others, extra, findings };
  const index = layout.index;
  // Each key's position, remembered from the record before (a form's records keep their keys' order).
  let memo = keyMemos.get(layout);
  if (memo === undefined) keyMemos.set(layout, (memo = { keys: [], positions: [] }));
  const { keys: lastKeys, positions } = memo;
  for (let j = 0; j < keys.length; j++) {
    const name = keys[j]!;
    // Key by key (Object.values is several times slower on a record in dictionary mode, as many built ones are).
    const value = valueAt(input, name);
    if (value === undefined || typeof value === 'string') {
      let i: number;
      if (lastKeys[j] === name) i = positions[j]!;
      else {
        i = index.get(name) ?? -1;
        if (j < MEMO_KEYS) {
          lastKeys[j] = name;
          positions[j] = i;
        }
      }
      if (i >= 0) row[i] = value;
      else {
        if (others === NO_OTHERS) others = Object.create(null) as Record<string, string | undefined>;
        others[name] = value;
        if (value !== undefined) (extra ??= []).push(name);
      }
      continue;
    }
    findings.push(valueFinding(lang, name, value));
  }
  return { others, extra, findings };
}

/** {@link recordKey} of the record, from the row and the names outside the edition. */
function keyOfRow(row: readonly (string | undefined)[], layout: EditionLayout, others: RecordValues): string {
  let at = keyPositions.get(layout);
  if (at === undefined) {
    at = RECORD_KEY_VARIABLES.map((name) => layout.index.get(name) ?? -1);
    keyPositions.set(layout, at);
  }
  let key = '';
  for (let k = 0; k < at.length; k++) {
    if (k > 0) key += '|';
    const i = at[k]!;
    key += (i < 0 ? others[RECORD_KEY_VARIABLES[k]!] : row[i]) ?? '';
  }
  return key;
}
const keyPositions = new Map<EditionLayout, number[]>();

/**
 * The own enumerable keys of a record, or undefined with a finding in `findings` when it is not an object (an
 * array, null, a number…) or its keys cannot be read (a proxy that throws): how {@link readInput} and
 * {@link cleanRecord} begin.
 */
function recordKeys(input: unknown, lang: Lang, findings: Finding[]): string[] | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describeType(input);
    findings.push(
      inputFinding(
        lang,
        undefined,
        `L'enregistrement doit être un objet ; reçu ${got}.`,
        `The record must be an object; got ${got}.`,
      ),
    );
    return undefined;
  }
  try {
    return Object.keys(input);
  } catch {
    findings.push(inputFinding(lang, undefined, "L'enregistrement est illisible.", 'The record cannot be read.'));
    return undefined;
  }
}

/** A record's value by name, or UNREADABLE when reading it throws (a getter, a proxy). */
function valueAt(input: unknown, name: string): unknown {
  try {
    return (input as Record<string, unknown>)[name];
  } catch {
    return UNREADABLE;
  }
}

/**
 * What validateRecord reads of any JavaScript value: the own enumerable string values of an object, in an
 * object without prototype (a key such as `__proto__` or `constructor` is a name like any other). Anything else
 * (not an object, a value that is not a string or undefined, a getter that throws) is a finding, never an
 * exception; `toString` is never called.
 */
function cleanRecord(input: unknown, lang: Lang): { record: RecordValues; findings: Finding[] } {
  const record = Object.create(null) as Record<string, string | undefined>;
  const findings: Finding[] = [];
  const keys = recordKeys(input, lang, findings);
  if (keys === undefined) return { record, findings };
  for (const name of keys) {
    const value = valueAt(input, name);
    if (value === undefined || typeof value === 'string') {
      record[name] = value;
      continue;
    }
    findings.push(valueFinding(lang, name, value));
  }
  return { record, findings };
}
