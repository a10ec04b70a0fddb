/**
 * The two entry points over the same rules: `validateRecord` (synchronous, one record, for forms) and
 * `validateRecords` (streaming over an iterable or async iterable, with young-person and file rules).
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { capValue, MAX_QUOTED } from '../model/index.js';
import { ageOf } from './age.js';
import { isCrossRule, isRecordRule, rules } from './catalogue.js';
import { fingerprint, recordKey, renderMessage } from './messages.js';
import { editionLayout, readRow, valueReader, type EditionLayout } from './row.js';
import { NumberColumn, PseudonymIndex } from './tables.js';
import { passesFormat } from './values.js';
import type {
  ColumnStats,
  CrossRule,
  FileStats,
  Finding,
  Lang,
  QuickPass,
  RawFinding,
  RecordContext,
  RecordRef,
  RecordRule,
  RecordValues,
  ResolvedOptions,
  Rule,
  RuleOptions,
  RuleStatus,
  Skip,
} from './types.js';

/** Resolves options with their defaults. */
export function resolveOptions(options: RuleOptions = {}, absent: ResolvedOptions['absent'] = 'empty'): ResolvedOptions {
  return {
    edition: options.edition ?? '2016',
    absent: options.absent ?? absent,
    referenceYear: options.referenceYear,
    exportDate: options.exportDate,
    lang: options.lang ?? 'fr',
    destination: options.destination,
  };
}

/** The rules of a run, with their prechecks as flat arrays (see {@link RecordRule.precheck}). */
interface Selection {
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

const selections = new Map<string, Selection>();
function selection(edition: EditionId, only: readonly string[] | undefined): Selection {
  const key = only ? `${edition}|${only.join(',')}` : edition;
  let s = selections.get(key);
  if (!s) {
    const wanted = only ? new Set(only) : undefined;
    const list = rules(edition).filter((r) => !wanted || wanted.has(r.id));
    const record = list.filter(isRecordRule);
    s = {
      record,
      cross: list.filter(isCrossRule),
      pre: Int32Array.from(record, precheckCode),
      quick: record.map((r) => (r.precheck !== undefined && r.quick !== undefined ? r.quick : null)),
    };
    if (selections.size > 64) selections.clear();
    selections.set(key, s);
  }
  return s;
}

/**
 * Whether a record rule's precheck (and format, for a filled value) settles it without a call: 0 no, 1 skipped
 * (variable absent), 2 passed.
 */
function settled(s: Selection, r: number, row: Row, ctx: RecordContext): number {
  const code = s.pre[r]!;
  if (code < 0) return 0;
  const v = row[code >> 2];
  if (v === undefined) return 1;
  if ((code & (v === '' ? 1 : 2)) !== 0) return 2;
  const q = s.quick[r]!;
  return q !== null && v !== '' && passesQuick(q, v, ctx) ? 2 : 0;
}

/** Whether a rule's {@link RecordRule.quick} test holds for a filled value on this line. */
function passesQuick(q: QuickPass, v: string, ctx: RecordContext): boolean {
  switch (q.kind) {
    case 'format':
      return passesFormat(q.format!, v);
    case 'events':
      return ctx.event !== undefined && q.events!.has(ctx.event);
    case 'band': {
      const age = ctx.age;
      return age !== undefined && (q.min === null || age >= q.min) && (q.max === null || age <= q.max);
    }
  }
}

const ABSENT = 'variable-absent';

/** Reads every variable left out of the line as empty (`absent: 'empty'`, see {@link RuleOptions.absent}). */
function absentAsEmpty(row: (string | undefined)[]): void {
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = '';
}

/** A record's reference for findings, its key (for fingerprints) computed only when asked. */
class LineRef implements RecordRef {
  private cached: string | undefined;
  private source: RecordValues | undefined;

  constructor(
    readonly index: number,
    readonly line: number | undefined,
    readonly numanonym: string | undefined,
    values: RecordValues,
  ) {
    this.source = values;
  }

  get key(): string {
    if (this.cached === undefined) {
      this.cached = recordKey(this.source!);
      this.source = undefined;
    }
    return this.cached;
  }
}

/** What the engine reads once per edition to build a line's context. */
interface ContextPlan {
  layout: EditionLayout;
  event: (row: Row, values: RecordValues) => string | undefined;
  anais: (row: Row, values: RecordValues) => string | undefined;
  mnais: (row: Row, values: RecordValues) => string | undefined;
  datdecpe: (row: Row, values: RecordValues) => string | undefined;
  datdeb: (row: Row, values: RecordValues) => string | undefined;
}
type Row = readonly (string | undefined)[];

const plans = new Map<EditionId, ContextPlan>();
function contextPlan(edition: EditionId): ContextPlan {
  let p = plans.get(edition);
  if (!p) {
    const layout = editionLayout(edition);
    p = {
      layout,
      event: valueReader(layout, edition === '2016' ? 'TYPEV' : 'CODEV'),
      anais: valueReader(layout, 'ANAIS'),
      mnais: valueReader(layout, 'MNAIS'),
      datdecpe: valueReader(layout, 'DATDECPE'),
      datdeb: valueReader(layout, 'DATDEB'),
    };
    plans.set(edition, p);
  }
  return p;
}

/** A context to be filled line after line (one object per run: rules never keep it). */
function emptyContext(o: ResolvedOptions, plan: ContextPlan): RecordContext & { row: (string | undefined)[] } {
  return {
    values: {},
    edition: o.edition,
    event: undefined,
    age: undefined,
    referenceYear: o.referenceYear,
    exportDate: o.exportDate,
    lang: o.lang,
    destination: o.destination,
    row: new Array<string | undefined>(plan.layout.names.length).fill(undefined),
    extra: null,
    person: -1,
    personLower: -1,
    shared: { fullHash: undefined },
  };
}

/** Fills the per-line fields of a context whose row and extra names are already read. */
function completeContext(ctx: RecordContext, plan: ContextPlan): void {
  const row = ctx.row;
  const values = ctx.values;
  const ev = plan.event(row, values);
  ctx.event = ev === undefined || ev === '' ? undefined : ev;
  ctx.age = ageOf(plan.anais(row, values), plan.mnais(row, values), plan.datdecpe(row, values), plan.datdeb(row, values));
  ctx.shared.fullHash = undefined;
}

function isSkip(r: RawFinding[] | Skip | null): r is Skip {
  return r !== null && !Array.isArray(r);
}

/**
 * The variables as a finding shows them: each value and expected value capped like a quoted value in a message
 * ({@link capValue}), so that a 1 MB value gives a short finding in the library, the JSON and the HTML report
 * alike. The rules keep full values for their logic; only what is shown is capped. The same array when nothing
 * is long (the usual case: no copy).
 */
function shownVariables(vars: RawFinding['variables']): RawFinding['variables'] {
  const long = (s: string | undefined): boolean => s !== undefined && s.length > MAX_QUOTED;
  if (!vars.some((v) => long(v.value) || long(v.expected))) return vars;
  return vars.map((v) => {
    const out = { ...v };
    if (long(v.value)) out.value = capValue(v.value);
    if (long(v.expected)) out.expected = capValue(v.expected);
    return out;
  });
}

function toFinding(rule: Rule, raw: RawFinding, o: ResolvedOptions, at: Partial<RecordRef> | undefined, key: string): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity: rule.severity,
    scope: rule.scope,
    message: renderMessage(rule.message[o.lang], raw.params, o.lang),
    variables: shownVariables(raw.variables),
    fingerprint: fingerprint(rule.id, key, raw.variables.map((v) => v.name)),
  };
  if (at?.index !== undefined) f.recordIndex = at.index;
  if (at?.line !== undefined) f.line = at.line;
  if (at?.numanonym) f.numanonym = at.numanonym;
  return f;
}

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
  const o = resolveOptions(options, 'skip');
  const { record, findings: inputFindings } = cleanRecord(input, o.lang);
  const sel = selection(o.edition, options.only);
  const list = sel.record;
  const plan = contextPlan(o.edition);
  const ctx = emptyContext(o, plan);
  ctx.values = record;
  ctx.extra = readRow(record, plan.layout, ctx.row);
  if (o.absent === 'empty') absentAsEmpty(ctx.row);
  completeContext(ctx, plan);
  let findings: Finding[] | null = inputFindings.length > 0 ? inputFindings : null;
  let errored: RecordValidation['errored'] | null = null;
  let key: string | undefined;
  for (let i = 0; i < list.length; i++) {
    if (settled(sel, i, ctx.row, ctx) !== 0) continue;
    const rule = list[i]!;
    let result: RawFinding[] | Skip | null;
    try {
      result = rule.check(ctx);
    } catch (error) {
      (errored ??= []).push({ ruleId: rule.id, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (result === null || isSkip(result) || result.length === 0) continue;
    key ??= recordKey(record);
    for (const raw of result) {
      (findings ??= []).push(toFinding(rule, raw, o, record.NUMANONYM ? { numanonym: record.NUMANONYM } : undefined, key));
    }
  }
  if (!findings) return { ok: true, findings: [], fields: EMPTY_FIELDS, errored: errored ?? [] };
  const fields: Record<string, Finding[]> = {};
  let ok = true;
  for (const f of findings) {
    if (f.severity === 'error') ok = false;
    for (const v of f.variables) {
      // An own property even for a name such as __proto__ (a key from JSON.parse): never the prototype's.
      if (!Object.prototype.hasOwnProperty.call(fields, v.name)) {
        Object.defineProperty(fields, v.name, { value: [], enumerable: true, writable: true, configurable: true });
      }
      fields[v.name]!.push(f);
    }
  }
  return { ok, findings, fields, errored: errored ?? [] };
}

/** The rule id of the findings about the shape of the input itself (not an object, a value not a string). */
export const INPUT_RULE_ID = 'OL-INPUT';

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
    fingerprint: fingerprint(INPUT_RULE_ID, name ?? '', variables.map((v) => v.name)),
  };
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
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = describeType(input);
    findings.push(
      inputFinding(lang, undefined, `L'enregistrement doit être un objet ; reçu ${got}.`, `The record must be an object; got ${got}.`),
    );
    return { record, findings };
  }
  let keys: string[];
  try {
    keys = Object.keys(input);
  } catch {
    findings.push(inputFinding(lang, undefined, "L'enregistrement est illisible.", 'The record cannot be read.'));
    return { record, findings };
  }
  for (const name of keys) {
    let value: unknown;
    try {
      value = (input as Record<string, unknown>)[name];
    } catch {
      value = Symbol.for('unreadable');
    }
    if (value === undefined || typeof value === 'string') {
      record[name] = value;
      continue;
    }
    const shownName = capValue(name);
    const got = typeof value === 'symbol' && value === Symbol.for('unreadable') ? 'une valeur illisible' : describeType(value);
    const gotEn = got === 'une valeur illisible' ? 'an unreadable value' : got;
    findings.push(
      inputFinding(
        lang,
        name,
        `${shownName} : la valeur doit être un texte (ou absente) ; reçu ${got}.`,
        `${shownName}: the value must be a string (or absent); got ${gotEn}.`,
      ),
    );
  }
  return { record, findings };
}

/** One item of the input of {@link validateRecords}: a record with its position, or a plain record. */
export type RecordItem = { record: RecordValues; line?: number; index?: number } | RecordValues;

/** What a run reports at its end. */
export interface RunSummary {
  edition: EditionId;
  records: number;
  youngPeople: number;
  errors: number;
  warnings: number;
  infos: number;
  statuses: RuleStatus[];
  stats: FileStats;
}

/**
 * The young people of a run: a number per distinct NUMANONYM (case included), a count per distinct lower case.
 * Pseudonyms are kept in a {@link PseudonymIndex} (160 bits in a typed array, no reference to the reader's text).
 */
class People {
  private readonly ids = new PseudonymIndex();
  /** Lower case of pseudonyms that are not in lower case (numbered as first seen), and the number of that lower case. */
  private readonly mixed = new PseudonymIndex();
  private readonly mixedCanon = new NumberColumn(-1);
  /**
   * Each person's number as the observatory counts them (see RecordContext.personLower), kept only where it is not
   * the person's own number (a pseudonym seen before in another case).
   */
  private readonly lowerAside = new Map<number, number>();
  distinct = 0;
  /** The last pseudonym asked for and its numbers (a young person's lines usually follow one another). */
  private last: string | undefined;
  private lastId = -1;
  lastLower = -1;

  idOf(numanonym: string): number {
    if (numanonym === this.last) return this.lastId;
    const before = this.ids.size;
    const id = this.ids.add(numanonym);
    if (id === before) {
      const lowerText = numanonym.toLowerCase();
      let canon: number;
      if (lowerText === numanonym) {
        const m = this.mixed.indexOf(numanonym);
        canon = m >= 0 ? this.mixedCanon.get(m) : id;
      } else {
        const same = this.ids.indexOf(lowerText);
        const m = this.mixed.indexOf(lowerText);
        canon = same >= 0 ? this.lowerOf(same) : m >= 0 ? this.mixedCanon.get(m) : id;
        if (m < 0) this.mixedCanon.set(this.mixed.add(lowerText), canon);
      }
      if (canon === id) this.distinct++;
      else this.lowerAside.set(id, canon);
    }
    this.last = numanonym;
    this.lastId = id;
    this.lastLower = this.lowerOf(id);
    return id;
  }

  private lowerOf(id: number): number {
    return this.lowerAside.get(id) ?? id;
  }
}

/** Per-variable counts of a run, by row position, plus the names outside the edition; in order of first sight. */
class Columns {
  /** Whether `Object.prototype` has no enumerable key (then a plain record's own keys are all its `for…in` keys). */
  private readonly plainPrototype = !hasEnumerableKey(Object.prototype);

  private readonly present: Float64Array;
  private readonly empty: Float64Array;
  private readonly unknown: Float64Array;
  private readonly others = new Map<string, ColumnStats>();
  /** Names in order of first sight (position for the edition's variables, name for the others). */
  private readonly order: (number | string)[] = [];

  /** Each variable's unknown code, by row position. */
  private readonly unknownCodes: EditionLayout['unknownCodes'];

  constructor(private readonly layout: EditionLayout) {
    this.unknownCodes = layout.unknownCodes;
    const n = layout.names.length;
    this.present = new Float64Array(n);
    this.empty = new Float64Array(n);
    this.unknown = new Float64Array(n);
  }

  /** The keys of the last record and their positions: records of one file share their keys' order. */
  private lastKeys: string[] = [];
  private lastPositions: number[] = [];

  /**
   * Reads a record into the row, counts its values and returns the names outside the edition (null when none).
   * A plain record's keys and values are taken in two calls (`Object.keys`, `Object.values`: the cheapest way
   * measured, for records built key by key as for records cloned from a template), each key's position remembered
   * from the previous record (records of one file share their keys' order). A record with a prototype of its own
   * is enumerated with `for…in`, as `values[name]` sees it.
   */
  read(values: RecordValues, row: (string | undefined)[]): string[] | null {
    const proto = Object.getPrototypeOf(values) as object | null;
    if ((proto !== Object.prototype || !this.plainPrototype) && proto !== null) return this.readKeys(values, row);
    // Which of two exact ways of reading is quicker depends on how the records were built (the engine's own
    // representation of an object): the first lines are read both ways in turn, timed, and the quicker kept.
    const n = this.reads++;
    if (n >= CALIBRATION_END) return this.byName ? this.readByNames(values, row) : this.readEntries(values, row);
    if (n < CALIBRATION_START) return this.readEntries(values, row);
    const t0 = now();
    const byName = ((n - CALIBRATION_START) >> 6) & 1;
    const out = byName ? this.readByNames(values, row) : this.readEntries(values, row);
    this.timing[byName] = this.timing[byName]! + (now() - t0);
    if (n === CALIBRATION_END - 1) this.byName = this.timing[1]! < this.timing[0]!;
    return out;
  }

  private reads = 0;
  private readonly timing = [0, 0];
  private byName = false;

  /** Reads a plain record with `Object.keys` and `Object.values`. */
  private readEntries(values: RecordValues, row: (string | undefined)[]): string[] | null {
    const keys = Object.keys(values);
    const vals = Object.values(values);
    row.fill(undefined);
    let extra: string[] | null = null;
    const index = this.layout.index;
    const { lastKeys, lastPositions } = this;
    for (let j = 0; j < keys.length; j++) {
      const name = keys[j]!;
      const v = vals[j];
      let i: number;
      if (lastKeys[j] === name) i = lastPositions[j]!;
      else {
        i = index.get(name) ?? -1;
        lastKeys[j] = name;
        lastPositions[j] = i;
      }
      if (i < 0) {
        if (v !== undefined) extra = this.other(name, v, extra);
        continue;
      }
      row[i] = v;
      if (v === undefined) continue;
      if (this.present[i] === 0) this.order.push(i);
      this.count(i, v);
    }
    return extra;
  }

  /** Counts a present value of the edition's variable at row position i. */
  private count(i: number, v: string): void {
    this.present[i] = this.present[i]! + 1;
    if (v === '') this.empty[i] = this.empty[i]! + 1;
    else if (v === this.unknownCodes[i] || v === '9999-99-99' || v === '9999-99') this.unknown[i] = this.unknown[i]! + 1;
  }

  /** Counts a value of a name outside the edition; returns the list of such names with it. */
  private other(name: string, v: string, extra: string[] | null): string[] {
    const list = extra ?? [];
    list.push(name);
    let c = this.others.get(name);
    if (!c) {
      c = { present: 0, empty: 0, unknown: 0 };
      this.others.set(name, c);
      this.order.push(name);
    }
    c.present++;
    if (v === '') c.empty++;
    else if (v === '9999-99-99' || v === '9999-99') c.unknown++;
    return list;
  }

  /**
   * Reads a plain record by looking the edition's names up; enumerates its keys only when it may hold other names
   * (more own keys than values found) or brings a variable never seen before (to keep the order of first sight).
   */
  private readByNames(values: RecordValues, row: (string | undefined)[]): string[] | null {
    const names = this.layout.names;
    const present = this.present;
    let defined = 0;
    let fresh = false;
    for (let i = 0; i < names.length; i++) {
      const v = values[names[i]!];
      row[i] = v;
      if (v === undefined) continue;
      defined++;
      if (present[i] === 0) fresh = true;
    }
    if (fresh || Object.keys(values).length !== defined) return this.readEntries(values, row);
    for (let i = 0; i < names.length; i++) {
      const v = row[i];
      if (v !== undefined) this.count(i, v);
    }
    return null;
  }

  /**
   * {@link read} by enumerating the record's keys (`for…in`, as `values[name]` sees them), their positions
   * remembered from the previous record (records of one file share their keys' order).
   */
  private readKeys(values: RecordValues, row: (string | undefined)[]): string[] | null {
    row.fill(undefined);
    let extra: string[] | null = null;
    const index = this.layout.index;
    const lastKeys = this.lastKeys;
    const lastPositions = this.lastPositions;
    let j = 0;
    for (const name in values) {
      const v = values[name];
      let i: number;
      if (lastKeys[j] === name) i = lastPositions[j]!;
      else {
        i = index.get(name) ?? -1;
        lastKeys[j] = name;
        lastPositions[j] = i;
      }
      j++;
      if (i < 0) {
        if (v !== undefined) extra = this.other(name, v, extra);
        continue;
      }
      row[i] = v;
      if (v === undefined) continue;
      if (this.present[i] === 0) this.order.push(i);
      this.count(i, v);
    }
    return extra;
  }

  stats(): Map<string, ColumnStats> {
    const out = new Map<string, ColumnStats>();
    for (const k of this.order) {
      if (typeof k === 'string') out.set(k, this.others.get(k)!);
      else out.set(this.layout.names[k]!, { present: this.present[k]!, empty: this.empty[k]!, unknown: this.unknown[k]! });
    }
    return out;
  }
}

/** Lines read before timing the two ways of reading, and the line from which the quicker is kept. */
const CALIBRATION_START = 256;
const CALIBRATION_END = 256 + 64 * 16;

function now(): number {
  return globalThis.performance ? globalThis.performance.now() : Date.now();
}

function hasEnumerableKey(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function isAsync(source: Iterable<RecordItem> | AsyncIterable<RecordItem>): source is AsyncIterable<RecordItem> {
  return typeof (source as Partial<AsyncIterable<RecordItem>>)[Symbol.asyncIterator] === 'function';
}

/**
 * Validates a stream of records: every record rule on each line (findings yielded as they come), then the
 * young-person and file rules at the end. Memory grows with the number of young people, not of lines: records
 * are not kept, only small per-person keys. The generator's return value is the run's summary, with the status
 * of every rule (passed, failed, skipped with a reason, errored: a rule that throws never stops the others).
 * A variable left out of a record reads as empty by default (`absent: 'empty'`, as in a file and at ONPE).
 *
 * @example
 * const run = validateRecords([{ NUMANONYM: 'a'.repeat(40), TYPEV: '3', DATDEB: '2019-01-01', DATFIN: '2019-02-01' }], { referenceYear: 2019 });
 * const ids: string[] = [];
 * for await (const finding of run) ids.push(finding.ruleId);
 * ids.includes('OL-FILE-001'); // true (variables absent from the whole file)
 */
export async function* validateRecords(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions = {},
): AsyncGenerator<Finding, RunSummary, undefined> {
  const run = new Run(options);
  // A synchronous source is read without a promise turn per item; an async one as `for await` would.
  const syncIt = isAsync(source) ? undefined : source[Symbol.iterator]();
  const asyncIt = syncIt ? undefined : (source as AsyncIterable<RecordItem>)[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      exhausted = true; // a source whose next() throws is not closed (as with for…of)
      const next = syncIt ? syncIt.next() : await asyncIt!.next();
      exhausted = false;
      if (next.done) {
        exhausted = true;
        break;
      }
      // The work of a line is done in a plain method (optimised as such); the generator only hands findings out.
      const findings = run.line(next.value);
      if (findings !== null) for (const f of findings) yield f;
    }
  } finally {
    if (!exhausted) {
      if (syncIt) syncIt.return?.();
      else await asyncIt!.return?.();
    }
  }
  for (let i = 0; i < run.crossCount; i++) {
    const findings = run.finishRule(i);
    if (findings !== null) for (const f of findings) yield f;
  }
  return run.summary();
}

/** The state of one run of {@link validateRecords}. */
class Run {
  private readonly o: ResolvedOptions;
  private readonly sel: Selection;
  private readonly nr: number;
  readonly crossCount: number;
  /** Tallies by rule position: record rules first, then cross rules (the order of the statuses). */
  private readonly checked: Float64Array;
  private readonly found: Float64Array;
  /** Per record rule: lines where it skipped or threw. */
  private readonly unchecked: Float64Array;
  /** Lines run through the record rules. */
  private lines = 0;
  private readonly skips: (string | undefined)[];
  private readonly errors: (string | undefined)[];
  private readonly states: unknown[];
  private readonly plan: ContextPlan;
  private readonly ctx: RecordContext & { row: (string | undefined)[] };
  private readonly columns: Columns;
  private readonly people = new People();
  private readonly counts = { error: 0, warning: 0, info: 0 };
  private position = 0;
  private stats: FileStats | undefined;
  private readonly absentEmpty: boolean;

  constructor(options: RuleOptions) {
    const o = resolveOptions(options);
    this.o = o;
    this.absentEmpty = o.absent === 'empty';
    this.sel = selection(o.edition, options.only);
    const nr = this.sel.record.length;
    const nc = this.sel.cross.length;
    this.nr = nr;
    this.crossCount = nc;
    this.checked = new Float64Array(nr + nc);
    this.found = new Float64Array(nr + nc);
    this.unchecked = new Float64Array(nr);
    this.skips = new Array<string | undefined>(nr + nc).fill(undefined);
    this.errors = new Array<string | undefined>(nr + nc).fill(undefined);
    this.states = this.sel.cross.map((r, i) => {
      try {
        return r.init(o);
      } catch (error) {
        this.errors[nr + i] = error instanceof Error ? error.message : String(error);
        return undefined;
      }
    });
    this.plan = contextPlan(o.edition);
    this.ctx = emptyContext(o, this.plan);
    this.columns = new Columns(this.plan.layout);
  }

  private emit(out: Finding[] | null, rule: Rule, t: number, raw: RawFinding, at: Partial<RecordRef> | undefined, key: string): Finding[] {
    this.found[t] = this.found[t]! + 1;
    const f = toFinding(rule, raw, this.o, at, key);
    this.counts[f.severity]++;
    (out ??= []).push(f);
    return out;
  }

  /** Runs every record rule on one line and lets the cross rules observe it; returns the line's findings. */
  line(item: RecordItem): Finding[] | null {
    const { sel, ctx, nr, checked, skips, errors } = this;
    const row = ctx.row;
    const maybe = item as { record?: unknown; line?: unknown; index?: unknown };
    const wrapped = typeof maybe.record === 'object' && maybe.record !== null;
    const values = (wrapped ? maybe.record : item) as RecordValues;
    const numanonym = values.NUMANONYM;
    const ref = new LineRef(
      wrapped && typeof maybe.index === 'number' ? maybe.index : this.position,
      wrapped && typeof maybe.line === 'number' ? maybe.line : undefined,
      numanonym || undefined,
      values,
    );
    this.position++;
    ctx.values = values;
    ctx.extra = this.columns.read(values, row);
    // After the column counts: they still see what the file holds (a variable absent from every line is reported).
    if (this.absentEmpty) absentAsEmpty(row);
    ctx.person = numanonym ? this.people.idOf(numanonym) : -1;
    ctx.personLower = numanonym ? this.people.lastLower : -1;
    completeContext(ctx, this.plan);
    let out: Finding[] | null = null;
    const recordList = sel.record;
    const pre = sel.pre;
    const quick = sel.quick;
    // A record rule's `checked` is the number of lines less those where it skipped or threw (`unchecked`): the
    // common case, a pass, costs no count.
    const unchecked = this.unchecked;
    this.lines++;
    for (let r = 0; r < nr; r++) {
      const code = pre[r]!;
      if (code >= 0) {
        const v = row[code >> 2];
        if (v === undefined) {
          unchecked[r] = unchecked[r]! + 1;
          skips[r] ??= ABSENT;
          continue;
        }
        if ((code & (v === '' ? 1 : 2)) !== 0) continue;
        // A rule with a quick test on a filled value: tested here, `check` called only when it does not hold.
        const q = quick[r]!;
        if (q !== null && v !== '' && passesQuick(q, v, ctx)) continue;
      }
      const rule = recordList[r]!;
      let result: RawFinding[] | Skip | null;
      try {
        result = rule.check(ctx);
      } catch (error) {
        unchecked[r] = unchecked[r]! + 1;
        errors[r] ??= error instanceof Error ? error.message : String(error);
        continue;
      }
      if (result === null) continue;
      if (isSkip(result)) {
        unchecked[r] = unchecked[r]! + 1;
        skips[r] ??= result.skip;
        continue;
      }
      for (const raw of result) out = this.emit(out, rule, r, raw, ref, ref.key);
    }
    const crossList = sel.cross;
    for (let i = 0; i < crossList.length; i++) {
      const t = nr + i;
      if (errors[t] !== undefined) continue;
      try {
        crossList[i]!.observe(this.states[i], ctx, ref);
        checked[t] = checked[t]! + 1;
      } catch (error) {
        errors[t] = error instanceof Error ? error.message : String(error);
      }
    }
    return out;
  }

  /** Ends cross rule i (in order) and returns its findings. */
  finishRule(i: number): Finding[] | null {
    this.stats ??= { records: this.position, columns: this.columns.stats() };
    const rule = this.sel.cross[i]!;
    const t = this.nr + i;
    if (this.errors[t] !== undefined) return null;
    let result: RawFinding[] | Skip;
    try {
      result = rule.finish(this.states[i], this.o, this.stats);
    } catch (error) {
      this.errors[t] = error instanceof Error ? error.message : String(error);
      return null;
    }
    if (isSkip(result)) {
      this.skips[t] = result.skip;
      this.checked[t] = 0;
      return null;
    }
    result.sort((a, b) => (a.at?.index ?? -1) - (b.at?.index ?? -1));
    let out: Finding[] | null = null;
    for (const raw of result) out = this.emit(out, rule, t, raw, raw.at, raw.at?.key ?? raw.key ?? '');
    return out;
  }

  summary(): RunSummary {
    const { nr, sel, errors, found, checked, skips, position } = this;
    this.stats ??= { records: position, columns: this.columns.stats() };
    for (let r = 0; r < nr; r++) checked[r] = this.lines - this.unchecked[r]!;
    const statuses: RuleStatus[] = [];
    for (let t = 0; t < nr + this.crossCount; t++) {
      const ruleId = (t < nr ? sel.record[t]! : sel.cross[t - nr]!).id;
      const error = errors[t];
      if (error !== undefined) statuses.push({ ruleId, status: 'errored', error, findings: found[t]! });
      else if (found[t]! > 0) statuses.push({ ruleId, status: 'failed', checked: checked[t]!, findings: found[t]! });
      else if (checked[t] === 0) statuses.push({ ruleId, status: 'skipped', reason: skips[t] ?? (position === 0 ? 'no-records' : 'not-applicable') });
      else statuses.push({ ruleId, status: 'passed', checked: checked[t]! });
    }
    return {
      edition: this.o.edition,
      records: position,
      youngPeople: this.people.distinct,
      errors: this.counts.error,
      warnings: this.counts.warning,
      infos: this.counts.info,
      statuses,
      stats: this.stats,
    };
  }
}

/**
 * Runs {@link validateRecords} to the end and collects the findings with the summary.
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records.map((record, index) => ({ record, index, line: index + 3 }));
 * const { findings, summary } = await collectValidation(records, { referenceYear: 2019 });
 * summary.records === records.length; // true
 */
export async function collectValidation(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions = {},
): Promise<{ findings: Finding[]; summary: RunSummary }> {
  const findings: Finding[] = [];
  const run = validateRecords(source, options);
  for (;;) {
    const next = await run.next();
    if (next.done) return { findings, summary: next.value };
    findings.push(next.value);
  }
}
