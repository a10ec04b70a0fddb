/**
 * The two entry points over the same rules: `validateRecord` (synchronous, one record, for forms) and
 * `validateRecords` (streaming over an iterable or async iterable, with young-person and file rules).
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { ageOf } from './age.js';
import { isCrossRule, isRecordRule, rules } from './catalogue.js';
import { fingerprint, recordKey, renderMessage } from './messages.js';
import { editionLayout, readRow, valueReader, type EditionLayout } from './row.js';
import type {
  ColumnStats,
  CrossRule,
  FileStats,
  Finding,
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
export function resolveOptions(options: RuleOptions = {}): ResolvedOptions {
  return {
    edition: options.edition ?? '2016',
    referenceYear: options.referenceYear,
    exportDate: options.exportDate,
    lang: options.lang ?? 'fr',
  };
}

const selections = new Map<string, { record: RecordRule[]; cross: CrossRule[] }>();
function selection(edition: EditionId, only: readonly string[] | undefined): { record: RecordRule[]; cross: CrossRule[] } {
  const key = only ? `${edition}|${only.join(',')}` : edition;
  let s = selections.get(key);
  if (!s) {
    const wanted = only ? new Set(only) : undefined;
    const list = rules(edition).filter((r) => !wanted || wanted.has(r.id));
    s = { record: list.filter(isRecordRule), cross: list.filter(isCrossRule) };
    if (selections.size > 64) selections.clear();
    selections.set(key, s);
  }
  return s;
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
    row: new Array<string | undefined>(plan.layout.names.length).fill(undefined),
    extra: null,
    person: -1,
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

function toFinding(rule: Rule, raw: RawFinding, o: ResolvedOptions, at: Partial<RecordRef> | undefined, key: string): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity: rule.severity,
    scope: rule.scope,
    message: renderMessage(rule.message[o.lang], raw.params, o.lang),
    variables: raw.variables,
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
 *
 * @example
 * const { ok, findings } = validateRecord({ TYPEV: '1', DATFIN: '2019-05-01' });
 * ok; // false
 * findings.map((f) => f.ruleId); // includes "OL16-EVT-DATFIN"
 */
export function validateRecord(record: RecordValues, options: RuleOptions = {}): RecordValidation {
  const o = resolveOptions(options);
  const { record: list } = selection(o.edition, options.only);
  const plan = contextPlan(o.edition);
  const ctx = emptyContext(o, plan);
  ctx.values = record;
  ctx.extra = readRow(record, plan.layout, ctx.row);
  completeContext(ctx, plan);
  let findings: Finding[] | null = null;
  let errored: RecordValidation['errored'] | null = null;
  let key: string | undefined;
  for (let i = 0; i < list.length; i++) {
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
    for (const v of f.variables) (fields[v.name] ??= []).push(f);
  }
  return { ok, findings, fields, errored: errored ?? [] };
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

/** The young people of a run: a number per distinct NUMANONYM (case included), a count per distinct lower case. */
class People {
  private readonly ids = new Map<string, number>();
  /** Lower case of pseudonyms that are not in lower case → whether that lower case was already counted. */
  private readonly mixed = new Set<string>();
  distinct = 0;

  idOf(numanonym: string): number {
    let id = this.ids.get(numanonym);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(numanonym, id);
      const lower = numanonym.toLowerCase();
      if (lower === numanonym) {
        if (!this.mixed.has(lower)) this.distinct++;
      } else if (!this.mixed.has(lower)) {
        if (!this.ids.has(lower)) this.distinct++;
        this.mixed.add(lower);
      }
    }
    return id;
  }
}

/** Per-variable counts of a run, by row position, plus the names outside the edition; in order of first sight. */
class Columns {
  private readonly present: Float64Array;
  private readonly empty: Float64Array;
  private readonly unknown: Float64Array;
  private readonly others = new Map<string, ColumnStats>();
  /** Names in order of first sight (position for the edition's variables, name for the others). */
  private readonly order: (number | string)[] = [];

  constructor(private readonly layout: EditionLayout) {
    const n = layout.names.length;
    this.present = new Float64Array(n);
    this.empty = new Float64Array(n);
    this.unknown = new Float64Array(n);
  }

  /** Reads a record into the row, counts its values and returns the names outside the edition (null when none). */
  read(values: RecordValues, row: (string | undefined)[]): string[] | null {
    row.fill(undefined);
    let extra: string[] | null = null;
    const { index, unknownCodes } = this.layout;
    for (const name in values) {
      const v = values[name];
      const i = index.get(name);
      if (i === undefined) {
        if (v === undefined) continue;
        (extra ??= []).push(name);
        let c = this.others.get(name);
        if (!c) {
          c = { present: 0, empty: 0, unknown: 0 };
          this.others.set(name, c);
          this.order.push(name);
        }
        c.present++;
        if (v === '') c.empty++;
        else if (v === '9999-99-99' || v === '9999-99') c.unknown++;
        continue;
      }
      row[i] = v;
      if (v === undefined) continue;
      if (this.present[i] === 0) this.order.push(i);
      this.present[i] = this.present[i]! + 1;
      if (v === '') this.empty[i] = this.empty[i]! + 1;
      else if (v === unknownCodes[i] || v === '9999-99-99' || v === '9999-99') this.unknown[i] = this.unknown[i]! + 1;
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

function isAsync(source: Iterable<RecordItem> | AsyncIterable<RecordItem>): source is AsyncIterable<RecordItem> {
  return typeof (source as Partial<AsyncIterable<RecordItem>>)[Symbol.asyncIterator] === 'function';
}

/**
 * Validates a stream of records: every record rule on each line (findings yielded as they come), then the
 * young-person and file rules at the end. Memory grows with the number of young people, not of lines: records
 * are not kept, only small per-person keys. The generator's return value is the run's summary, with the status
 * of every rule (passed, failed, skipped with a reason, errored: a rule that throws never stops the others).
 *
 * @example
 * const run = validateRecords([{ NUMANONYM: 'a'.repeat(40), TYPEV: '3', DATDEB: '2019-01-01', DATFIN: '2019-02-01' }], { referenceYear: 2019 });
 * for await (const finding of run) console.log(finding.ruleId);
 */
export async function* validateRecords(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions = {},
): AsyncGenerator<Finding, RunSummary, undefined> {
  const o = resolveOptions(options);
  const { record: recordList, cross: crossList } = selection(o.edition, options.only);
  const nr = recordList.length;
  const nc = crossList.length;
  // Tallies by rule position: record rules first, then cross rules (the order of the statuses).
  const checked = new Float64Array(nr + nc);
  const found = new Float64Array(nr + nc);
  const skips: (string | undefined)[] = new Array<string | undefined>(nr + nc).fill(undefined);
  const errors: (string | undefined)[] = new Array<string | undefined>(nr + nc).fill(undefined);
  const states = crossList.map((r, i) => {
    try {
      return r.init(o);
    } catch (error) {
      errors[nr + i] = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  });
  const plan = contextPlan(o.edition);
  const ctx = emptyContext(o, plan);
  const row = ctx.row;
  const columns = new Columns(plan.layout);
  const people = new People();
  const counts = { error: 0, warning: 0, info: 0 };
  let position = 0;

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
      const item = next.value;
      const maybe = item as { record?: unknown; line?: unknown; index?: unknown };
      const wrapped = typeof maybe.record === 'object' && maybe.record !== null;
      const values = (wrapped ? maybe.record : item) as RecordValues;
      const numanonym = values.NUMANONYM;
      const ref: RecordRef = {
        index: wrapped && typeof maybe.index === 'number' ? maybe.index : position,
        line: wrapped && typeof maybe.line === 'number' ? maybe.line : undefined,
        numanonym: numanonym || undefined,
        key: recordKey(values),
      };
      position++;
      ctx.values = values;
      ctx.extra = columns.read(values, row);
      ctx.person = numanonym ? people.idOf(numanonym) : -1;
      completeContext(ctx, plan);
      for (let r = 0; r < nr; r++) {
        const rule = recordList[r]!;
        let result: RawFinding[] | Skip | null;
        try {
          result = rule.check(ctx);
        } catch (error) {
          errors[r] ??= error instanceof Error ? error.message : String(error);
          continue;
        }
        if (result === null) {
          checked[r] = checked[r]! + 1;
          continue;
        }
        if (isSkip(result)) {
          skips[r] ??= result.skip;
          continue;
        }
        checked[r] = checked[r]! + 1;
        for (const raw of result) {
          found[r] = found[r]! + 1;
          const f = toFinding(rule, raw, o, ref, ref.key);
          counts[f.severity]++;
          yield f;
        }
      }
      for (let i = 0; i < nc; i++) {
        if (errors[nr + i] !== undefined) continue;
        try {
          crossList[i]!.observe(states[i], ctx, ref);
          checked[nr + i] = checked[nr + i]! + 1;
        } catch (error) {
          errors[nr + i] = error instanceof Error ? error.message : String(error);
        }
      }
    }
  } finally {
    if (!exhausted) {
      if (syncIt) syncIt.return?.();
      else await asyncIt!.return?.();
    }
  }

  const stats: FileStats = { records: position, columns: columns.stats() };
  for (let i = 0; i < nc; i++) {
    const rule = crossList[i]!;
    const t = nr + i;
    if (errors[t] !== undefined) continue;
    let result: RawFinding[] | Skip;
    try {
      result = rule.finish(states[i], o, stats);
    } catch (error) {
      errors[t] = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (isSkip(result)) {
      skips[t] = result.skip;
      checked[t] = 0;
      continue;
    }
    result.sort((a, b) => (a.at?.index ?? -1) - (b.at?.index ?? -1));
    for (const raw of result) {
      found[t] = found[t]! + 1;
      const key = raw.at?.key ?? raw.key ?? '';
      const f = toFinding(rule, raw, o, raw.at, key);
      counts[f.severity]++;
      yield f;
    }
  }

  const statuses: RuleStatus[] = [];
  for (let t = 0; t < nr + nc; t++) {
    const ruleId = (t < nr ? recordList[t]! : crossList[t - nr]!).id;
    const error = errors[t];
    if (error !== undefined) statuses.push({ ruleId, status: 'errored', error, findings: found[t]! });
    else if (found[t]! > 0) statuses.push({ ruleId, status: 'failed', checked: checked[t]!, findings: found[t]! });
    else if (checked[t] === 0) statuses.push({ ruleId, status: 'skipped', reason: skips[t] ?? (position === 0 ? 'no-records' : 'not-applicable') });
    else statuses.push({ ruleId, status: 'passed', checked: checked[t]! });
  }
  return {
    edition: o.edition,
    records: position,
    youngPeople: people.distinct,
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
    statuses,
    stats,
  };
}

/**
 * Runs {@link validateRecords} to the end and collects the findings with the summary.
 *
 * @example
 * const { findings, summary } = await collectValidation(records, { referenceYear: 2019 });
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
