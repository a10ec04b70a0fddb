/**
 * The two entry points over the same rules: `validateRecord` (synchronous, one record, for forms) and
 * `validateRecords` (streaming over an iterable or async iterable, with young-person and file rules).
 *
 * @module
 */
import { editionData, type EditionId } from '../../../src/nomenclature/index.js';
import { capValue, MAX_QUOTED } from '../../../src/model/index.js';
import { ageAtEvent } from './age.js';
import { isCrossRule, isRecordRule, rules } from './catalogue.js';
import { fingerprint, recordKey, renderMessage } from './messages.js';
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
export function resolveOptions(options: RuleOptions = {}, absent: ResolvedOptions['absent'] = 'empty'): ResolvedOptions {
  return {
    edition: options.edition ?? '2016',
    absent: options.absent ?? absent,
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

/** The record the rules see: with `absent: 'empty'`, every variable of the edition left out is there, empty. */
function seen(values: RecordValues, o: ResolvedOptions): RecordValues {
  if (o.absent === 'skip') return values;
  const out: Record<string, string | undefined> = { ...values };
  for (const v of editionData(o.edition).variables) if (out[v.name] === undefined) out[v.name] = '';
  return out;
}

function contextOf(record: RecordValues, o: ResolvedOptions): RecordContext {
  const values = seen(record, o);
  const ev = values[o.edition === '2016' ? 'TYPEV' : 'CODEV'];
  return {
    values,
    edition: o.edition,
    event: ev === undefined || ev === '' ? undefined : ev,
    age: ageAtEvent(values),
    referenceYear: o.referenceYear,
    exportDate: o.exportDate,
    lang: o.lang,
  };
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
 *
 * @example
 * const { ok, findings } = validateRecord({ TYPEV: '1', DATFIN: '2019-05-01' });
 * ok; // false
 * findings.map((f) => f.ruleId); // includes "OL16-EVT-DATFIN"
 */
export function validateRecord(record: RecordValues, options: RuleOptions = {}): RecordValidation {
  const o = resolveOptions(options, 'skip');
  const { record: list } = selection(o.edition, options.only);
  const ctx = contextOf(record, o);
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

function unwrap(item: RecordItem, position: number): { values: RecordValues; ref: RecordRef } {
  const maybe = item as { record?: unknown };
  const wrapped = typeof maybe.record === 'object' && maybe.record !== null;
  const values = (wrapped ? maybe.record : item) as RecordValues;
  const w = item as { line?: number; index?: number };
  return {
    values,
    ref: {
      index: wrapped && typeof w.index === 'number' ? w.index : position,
      line: wrapped && typeof w.line === 'number' ? w.line : undefined,
      numanonym: values.NUMANONYM || undefined,
      key: '',
    },
  };
}

interface Tally {
  checked: number;
  findings: number;
  skip?: string;
  error?: string;
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
  const tallies = new Map<string, Tally>();
  for (const r of [...recordList, ...crossList]) tallies.set(r.id, { checked: 0, findings: 0 });
  const states = crossList.map((r) => {
    try {
      return r.init(o);
    } catch (error) {
      tallies.get(r.id)!.error = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  });
  const unknownCodes = new Map(editionData(o.edition).variables.map((v) => [v.name, v.unknownCode]));
  const columns = new Map<string, ColumnStats>();
  const people = new Set<string>();
  const counts = { error: 0, warning: 0, info: 0 };
  let position = 0;
  const count = (f: Finding): Finding => {
    counts[f.severity]++;
    return f;
  };

  for await (const item of source as AsyncIterable<RecordItem>) {
    const { values, ref } = unwrap(item, position);
    position++;
    if (values.NUMANONYM) people.add(values.NUMANONYM.toLowerCase());
    for (const name in values) {
      const v = values[name];
      if (v === undefined) continue;
      let c = columns.get(name);
      if (!c) {
        c = { present: 0, empty: 0, unknown: 0 };
        columns.set(name, c);
      }
      c.present++;
      if (v === '') c.empty++;
      else if (v === unknownCodes.get(name) || v === '9999-99-99' || v === '9999-99') c.unknown++;
    }
    const ctx = contextOf(values, o);
    ref.key = recordKey(values);
    for (const rule of recordList) {
      const t = tallies.get(rule.id)!;
      let result: RawFinding[] | Skip | null;
      try {
        result = rule.check(ctx);
      } catch (error) {
        t.error ??= error instanceof Error ? error.message : String(error);
        continue;
      }
      if (isSkip(result)) {
        t.skip ??= result.skip;
        continue;
      }
      t.checked++;
      if (!result) continue;
      for (const raw of result) {
        t.findings++;
        yield count(toFinding(rule, raw, o, ref, ref.key));
      }
    }
    for (let i = 0; i < crossList.length; i++) {
      const rule = crossList[i]!;
      const t = tallies.get(rule.id)!;
      if (t.error !== undefined) continue;
      try {
        rule.observe(states[i], ctx, { ...ref });
        t.checked++;
      } catch (error) {
        t.error = error instanceof Error ? error.message : String(error);
      }
    }
  }

  const stats: FileStats = { records: position, columns };
  for (let i = 0; i < crossList.length; i++) {
    const rule = crossList[i]!;
    const t = tallies.get(rule.id)!;
    if (t.error !== undefined) continue;
    let result: RawFinding[] | Skip;
    try {
      result = rule.finish(states[i], o, stats);
    } catch (error) {
      t.error = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (isSkip(result)) {
      t.skip = result.skip;
      t.checked = 0;
      continue;
    }
    result.sort((a, b) => (a.at?.index ?? -1) - (b.at?.index ?? -1));
    for (const raw of result) {
      t.findings++;
      const key = raw.at?.key ?? raw.key ?? '';
      yield count(toFinding(rule, raw, o, raw.at, key));
    }
  }

  const statuses: RuleStatus[] = [];
  for (const [ruleId, t] of tallies) {
    if (t.error !== undefined) statuses.push({ ruleId, status: 'errored', error: t.error, findings: t.findings });
    else if (t.findings > 0) statuses.push({ ruleId, status: 'failed', checked: t.checked, findings: t.findings });
    else if (t.checked === 0) statuses.push({ ruleId, status: 'skipped', reason: t.skip ?? (position === 0 ? 'no-records' : 'not-applicable') });
    else statuses.push({ ruleId, status: 'passed', checked: t.checked });
  }
  return {
    edition: o.edition,
    records: position,
    youngPeople: people.size,
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
