/**
 * `validateRecords`: a stream of records through every record rule (findings as they come), then the
 * young-person and file rules at the end, with a summary of every rule's status.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { Columns } from './columns.js';
import { absentAsEmpty, completeContext, contextPlan, emptyContext, isSkip, LineRef, resolveOptions, toFinding, type ContextPlan } from './line.js';
import { People } from './people.js';
import { rules } from './catalogue.js';
import { ABSENT, ABSENT_REASON, CALL, precheck, selection, type Selection } from './selection.js';
import type { FileStats, Finding, RawFinding, RecordContext, RecordRef, RecordValues, ResolvedOptions, Rule, RuleOptions, RuleStatus, Skip } from './types.js';

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
export function validateRecords(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions = {},
): AsyncGenerator<Finding, RunSummary, undefined> {
  return stream(source, options, true);
}

/**
 * {@link validateRecords} without shortcuts: every rule's `check` called on every line, records read the plain way.
 * Not exported by the door: the tests compare it with the normal path (test/rules/no-shortcuts.test.ts).
 */
export function validateRecordsWithoutShortcuts(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions = {},
): AsyncGenerator<Finding, RunSummary, undefined> {
  return stream(source, options, false);
}

async function* stream(
  source: Iterable<RecordItem> | AsyncIterable<RecordItem>,
  options: RuleOptions,
  shortcuts: boolean,
): AsyncGenerator<Finding, RunSummary, undefined> {
  const run = new Run(options, shortcuts);
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
    this.columns = new Columns(this.plan.layout, !shortcuts);
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
    // A record rule's `checked` is the number of lines less those where it skipped or threw (`unchecked`): the
    // common case, a pass, costs no count.
    const unchecked = this.unchecked;
    this.lines++;
    for (let r = 0; r < nr; r++) {
      const settled = precheck(sel, r, row, ctx);
      if (settled !== CALL) {
        if (settled === ABSENT) {
          unchecked[r] = unchecked[r]! + 1;
          skips[r] ??= ABSENT_REASON;
        }
        continue;
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

/**
 * {@link collectValidation} over a synchronous source, synchronously (the engine never waits on a synchronous
 * source): for scripts/generate.ts, which writes the golden findings. Not exported by the door.
 */
export function collectValidationSync(
  source: Iterable<RecordItem>,
  options: RuleOptions = {},
  shortcuts = true,
): { findings: Finding[]; summary: RunSummary } {
  const run = new Run(options, shortcuts);
  const findings: Finding[] = [];
  for (const item of source) {
    const out = run.line(item);
    if (out !== null) findings.push(...out);
  }
  for (let i = 0; i < run.crossCount; i++) {
    const out = run.finishRule(i);
    if (out !== null) findings.push(...out);
  }
  return { findings, summary: run.summary() };
}
