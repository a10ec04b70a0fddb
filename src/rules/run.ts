/**
 * `validateRecords`: a stream of records through every record rule (findings as they come), then the
 * young-person and file rules at the end, with a summary of every rule's status.
 *
 * It follows the library's streaming convention (`src/_lib/stream.ts`): the findings are the stream's items, the
 * run's summary its `summary` property once read to the end; `validateAll` collects both. It reads the items a
 * transmission reader yields as they are (`{ values, line, index }`; headers and errors are passed over), or
 * plain records.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { summarised, type SummarisedStream } from '../_lib/stream.js';
import { Columns } from './columns.js';
import {
  completeContext,
  contextPlan,
  emptyContext,
  isSkip,
  LineRef,
  resolveOptions,
  toFinding,
  type ContextPlan,
} from './line.js';
import { People } from './people.js';
import { rules } from './catalogue.js';
import { handPlan, settleHand, type HandPlan } from './hand-settle.js';
import { ABSENT, ABSENT_REASON, CALL, precheck, selection, settleLine, type Selection } from './selection.js';
import type {
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

/**
 * A record with its place in a file: the shape of the record items `olinpe/transmission`'s readers yield
 * (`{ type: 'record', values, line, index, … }`), taken as they are.
 */
export interface PlacedRecord {
  values: RecordValues;
  /** 1-based line where the record starts. */
  line?: number;
  /** 0-based position among the records read. */
  index?: number;
}

/** An item of a reader's stream that is not a record (a header, a read error): passed over by the rules. */
export interface NotARecord {
  type: 'header' | 'error';
  line: number;
}

/**
 * One item of the input of {@link validateRecords} and `audit`: a located record (a reader's record item), a
 * plain record, or any other item of a reader's stream, passed over.
 */
export type RecordInput = PlacedRecord | RecordValues | NotARecord;

/** What {@link validateRecords} and `audit` read: records, or a transmission reader's stream as it is. */
export type RecordSource = Iterable<RecordInput> | AsyncIterable<RecordInput>;

/** What {@link validateRecords} returns: the findings as they come, the run's summary once read to the end. */
export type ValidationStream = SummarisedStream<Finding, RunSummary>;

/**
 * The values of an input item, or undefined for a stream item that is not a record. A plain record's values are
 * strings, so an object `values` marks a located record, and a numeric `line` a reader's header or error.
 *
 * @internal
 */
export function recordValues(item: RecordInput): RecordValues | undefined {
  const maybe = item as { values?: unknown; line?: unknown; type?: unknown };
  if (typeof maybe.values === 'object' && maybe.values !== null) return maybe.values as RecordValues;
  if (typeof maybe.type === 'string' && typeof maybe.line === 'number') return undefined;
  return item as RecordValues;
}

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

function isAsync(source: RecordSource): source is AsyncIterable<RecordInput> {
  return typeof (source as Partial<AsyncIterable<RecordInput>>)[Symbol.asyncIterator] === 'function';
}

/**
 * Validates a stream of records: every record rule on each line (findings yielded as they come), then the
 * young-person and file rules at the end. Records are not kept: the young-person rules keep numbers, a few dozen
 * bytes a line and a young person (`olinpe validate` peaks at ~285 MB on a file of 1,000,000 lines). Once read to
 * the end, the stream's `summary` is the run's summary, with the status of every rule (passed, failed, skipped
 * with a reason, errored: a rule that throws never stops the others). The items of a transmission reader are taken as they are: `validateAll(readTransmission(file))`.
 * A variable left out of a record reads as empty by default (`absent: 'empty'`, as in a file and at ONPE).
 *
 * @example
 * const run = validateRecords([{ NUMANONYM: 'a'.repeat(40), TYPEV: '3', DATDEB: '2019-01-01', DATFIN: '2019-02-01' }], { referenceYear: 2019 });
 * const ids: string[] = [];
 * for await (const finding of run) ids.push(finding.ruleId);
 * ids.includes('OL-FILE-001'); // true (variables absent from the whole file)
 * run.summary?.records; // 1
 */
export function validateRecords(source: RecordSource, options: RuleOptions = {}): ValidationStream {
  return summarised((end) => findings(source, options, true, end));
}

/**
 * {@link validateRecords} without shortcuts: every rule's `check` called on every line, records read the plain way.
 * Not exported by the door: the tests compare it with the normal path (test/rules/no-shortcuts.test.ts).
 */
export function validateRecordsWithoutShortcuts(source: RecordSource, options: RuleOptions = {}): ValidationStream {
  return summarised((end) => findings(source, options, false, end));
}

async function* findings(
  source: RecordSource,
  options: RuleOptions,
  shortcuts: boolean,
  end: (summary: RunSummary) => void,
): AsyncGenerator<Finding, void, undefined> {
  const run = new Run(options, shortcuts);
  // A synchronous source is read without a promise turn per item; an async one as `for await` would.
  const syncIt = isAsync(source) ? undefined : source[Symbol.iterator]();
  const asyncIt = syncIt ? undefined : (source as AsyncIterable<RecordInput>)[Symbol.asyncIterator]();
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
      const values = recordValues(next.value);
      if (values === undefined) continue;
      const found = run.line(next.value, values);
      if (found !== null) for (const f of found) yield f;
    }
  } finally {
    if (!exhausted) {
      if (syncIt) syncIt.return?.();
      else await asyncIt!.return?.();
    }
  }
  for (let i = 0; i < run.crossCount; i++) {
    const found = run.finishRule(i);
    if (found !== null) for (const f of found) yield f;
  }
  end(run.summary());
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
  /** The record rules a line must call, in rule order (filled by `settleLine`). */
  private readonly calls: Int32Array;
  /** The hand-written rules (those without a precheck) settled in the loop, and those a line must call. */
  private readonly hand: HandPlan | null;
  private readonly handCalls: Int32Array;

  constructor(options: RuleOptions, shortcuts = true) {
    const o = resolveOptions(options);
    this.o = o;
    this.absentEmpty = o.absent === 'empty';
    this.sel = selection(o.edition, options.only, rules, shortcuts);
    const nr = this.sel.record.length;
    const nc = this.sel.cross.length;
    this.nr = nr;
    this.crossCount = nc;
    this.checked = new Float64Array(nr + nc);
    this.found = new Float64Array(nr + nc);
    this.unchecked = new Float64Array(nr);
    this.calls = new Int32Array(nr);
    const always = this.sel.byVariable?.always;
    this.hand = always ? handPlan(o.edition, this.sel.record, always) : null;
    this.handCalls = new Int32Array(always?.length ?? 0);
    this.skips = new Array<string | undefined>(nr + nc).fill(undefined);
    this.errors = new Array<string | undefined>(nr + nc).fill(undefined);
    this.states = this.sel.cross.map((r, i) => {
      try {
        // One options object for every rule of a run: rules may share what they collect (guide-rules.ts); without
        // shortcuts, a copy each, so that each rule keeps its own state.
        return r.init(shortcuts ? o : { ...o });
      } catch (error) {
        this.errors[nr + i] = error instanceof Error ? error.message : String(error);
        return undefined;
      }
    });
    this.plan = contextPlan(o.edition);
    this.ctx = emptyContext(o, this.plan);
    const people = this.people;
    this.ctx.pseudonymOf = (person) => people.textOf(person);
    this.columns = new Columns(this.plan.layout, !shortcuts);
  }

  private emit(
    out: Finding[] | null,
    rule: Rule,
    t: number,
    raw: RawFinding,
    at: Partial<RecordRef> | undefined,
    key: string,
  ): Finding[] {
    this.found[t] = this.found[t]! + 1;
    const f = toFinding(rule, raw, this.o, at, key);
    this.counts[f.severity]++;
    (out ??= []).push(f);
    return out;
  }

  /** Runs every record rule on one line and lets the cross rules observe it; returns the line's findings. */
  line(item: RecordInput, values: RecordValues): Finding[] | null {
    const { sel, ctx, nr, checked, skips, errors } = this;
    const row = ctx.row;
    const maybe = item as { line?: unknown; index?: unknown };
    const wrapped = values !== item;
    const numanonym = values.NUMANONYM;
    const ref = new LineRef(
      wrapped && typeof maybe.index === 'number' ? maybe.index : this.position,
      wrapped && typeof maybe.line === 'number' ? maybe.line : undefined,
      numanonym || undefined,
      values,
    );
    this.position++;
    ctx.values = values;
    // A variable left out reads as empty with `absent: 'empty'` (after the column counts: they still see what the
    // file holds, a variable absent from every line is reported).
    ctx.extra = this.columns.read(values, row, this.absentEmpty ? '' : undefined);
    ctx.person = numanonym ? this.people.idOf(numanonym) : -1;
    ctx.personLower = numanonym ? this.people.lastLower : -1;
    completeContext(ctx, this.plan);
    let out: Finding[] | null = null;
    const recordList = sel.record;
    // A record rule's `checked` is the number of lines less those where it skipped or threw (`unchecked`): the
    // common case, a pass, costs no count.
    const unchecked = this.unchecked;
    this.lines++;
    const b = sel.byVariable;
    if (b === null) {
      // Without shortcuts: every rule asked in turn.
      for (let r = 0; r < nr; r++) {
        const settled = precheck(sel, r, row, ctx);
        if (settled !== CALL) {
          if (settled === ABSENT) {
            unchecked[r] = unchecked[r]! + 1;
            skips[r] ??= ABSENT_REASON;
          }
          continue;
        }
        out = this.call(out, recordList[r]!, r, ctx, ref);
      }
    } else {
      // The prechecks of the whole line first (each value read once), then the calls left, in rule order: those
      // the prechecks did not settle merged with the rules without a precheck.
      // The hand-written rules (without a precheck) likewise settled in one pass (hand-settle.ts).
      const calls = this.calls;
      const n = settleLine(sel, row, ctx, unchecked, skips, calls);
      const always = this.handCalls;
      const m = settleHand(this.hand!, b.always, ctx, unchecked, skips, always);
      let i = 0;
      let j = 0;
      while (i < m || j < n) {
        const r = j >= n || (i < m && always[i]! < calls[j]!) ? always[i++]! : calls[j++]!;
        out = this.call(out, recordList[r]!, r, ctx, ref);
      }
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

  /** Calls record rule r on the line: its findings added to `out`, a skip or an error counted. */
  private call(out: Finding[] | null, rule: RecordRule, r: number, ctx: RecordContext, ref: LineRef): Finding[] | null {
    let result: RawFinding[] | Skip | null;
    try {
      result = rule.check(ctx);
    } catch (error) {
      this.unchecked[r] = this.unchecked[r]! + 1;
      this.errors[r] ??= error instanceof Error ? error.message : String(error);
      return out;
    }
    if (result === null) return out;
    if (isSkip(result)) {
      this.unchecked[r] = this.unchecked[r]! + 1;
      this.skips[r] ??= result.skip;
      return out;
    }
    for (const raw of result) out = this.emit(out, rule, r, raw, ref, ref.key);
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
      else if (checked[t] === 0)
        statuses.push({
          ruleId,
          status: 'skipped',
          reason: skips[t] ?? (position === 0 ? 'no-records' : 'not-applicable'),
        });
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
 * Runs {@link validateRecords} to the end and collects the findings with the summary (the collecting helper,
 * as `readAll` and `writeAll` are of the reader and the writer).
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records.map((values, index) => ({ values, index, line: index + 3 }));
 * const { findings, summary } = await validateAll(records, { referenceYear: 2019 });
 * summary.records === records.length; // true
 */
export async function validateAll(
  source: RecordSource,
  options: RuleOptions = {},
): Promise<{ findings: Finding[]; summary: RunSummary }> {
  const found: Finding[] = [];
  const run = validateRecords(source, options);
  for await (const f of run) found.push(f);
  if (!run.summary) throw new Error('internal: validation ended without a summary');
  return { findings: found, summary: run.summary };
}

/**
 * {@link validateAll} over a synchronous source, synchronously (the engine never waits on a synchronous
 * source): for scripts/generate.ts, which writes the golden findings. Not exported by the door.
 */
export function validateAllSync(
  source: Iterable<RecordInput>,
  options: RuleOptions = {},
  shortcuts = true,
): { findings: Finding[]; summary: RunSummary } {
  const run = new Run(options, shortcuts);
  const findings: Finding[] = [];
  for (const item of source) {
    const values = recordValues(item);
    if (values === undefined) continue;
    const out = run.line(item, values);
    if (out !== null) findings.push(...out);
  }
  for (let i = 0; i < run.crossCount; i++) {
    const out = run.finishRule(i);
    if (out !== null) findings.push(...out);
  }
  return { findings, summary: run.summary() };
}
