/**
 * What the engine computes once per line for every rule: the options with their defaults, the line's context
 * (row, event, age, person numbers, shared results) and the record's reference for findings; and how a rule's raw
 * result becomes a finding.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { capValue, MAX_QUOTED } from '../model/index.js';
import { ageOf } from './age.js';
import { fingerprintOfVariables, recordKey, renderMessage } from './messages.js';
import { editionLayout, valueReader, type EditionLayout } from './row.js';
import type {
  Finding,
  RawFinding,
  RecordContext,
  RecordRef,
  RecordValues,
  ResolvedOptions,
  Rule,
  RuleOptions,
  Skip,
} from './types.js';

/** Resolves options with their defaults. */
export function resolveOptions(
  options: RuleOptions = {},
  absent: ResolvedOptions['absent'] = 'empty',
): ResolvedOptions {
  return {
    edition: options.edition ?? '2016',
    absent: options.absent ?? absent,
    referenceYear: options.referenceYear,
    exportDate: options.exportDate,
    lang: options.lang ?? 'fr',
    bothLanguages: options.bothLanguages === true,
    destination: options.destination,
  };
}

/** Reads every variable left out of the line as empty (`absent: 'empty'`, see {@link RuleOptions.absent}). */
export function absentAsEmpty(row: (string | undefined)[]): void {
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = '';
}

/** A record's reference for findings, its key (for fingerprints) computed only when asked. */
export class LineRef implements RecordRef {
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
export interface ContextPlan {
  layout: EditionLayout;
  event: (row: Row, values: RecordValues) => string | undefined;
  anais: (row: Row, values: RecordValues) => string | undefined;
  mnais: (row: Row, values: RecordValues) => string | undefined;
  datdecpe: (row: Row, values: RecordValues) => string | undefined;
  datdeb: (row: Row, values: RecordValues) => string | undefined;
  /** Row position of NUMANONYM (a variable of both editions). */
  numanonym: number;
}
export type Row = readonly (string | undefined)[];

const plans = new Map<EditionId, ContextPlan>();
export function contextPlan(edition: EditionId): ContextPlan {
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
      numanonym: layout.index.get('NUMANONYM')!,
    };
    plans.set(edition, p);
  }
  return p;
}

const noPseudonym = (): undefined => undefined;

/** A context to be filled line after line (one object per run: rules never keep it). */
export function emptyContext(o: ResolvedOptions, plan: ContextPlan): RecordContext & { row: (string | undefined)[] } {
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
    pseudonymOf: noPseudonym,
    shared: { fullHash: undefined },
  };
}

/** Fills the per-line fields of a context whose row and extra names are already read. */
export function completeContext(ctx: RecordContext, plan: ContextPlan): void {
  const row = ctx.row;
  const values = ctx.values;
  const ev = plan.event(row, values);
  ctx.event = ev === undefined || ev === '' ? undefined : ev;
  ctx.age = ageOf(
    plan.anais(row, values),
    plan.mnais(row, values),
    plan.datdecpe(row, values),
    plan.datdeb(row, values),
  );
  ctx.shared.fullHash = undefined;
}

export function isSkip(r: RawFinding[] | Skip | null): r is Skip {
  return r !== null && !Array.isArray(r);
}

/**
 * The variables as a finding shows them: each value and expected value capped like a quoted value in a message
 * ({@link capValue}), so that a 1 MB value gives a short finding in the library, the JSON and the HTML report
 * alike. The rules keep full values for their logic; only what is shown is capped. The same array when nothing
 * is long (the usual case: no copy).
 */
function shownVariables(vars: RawFinding['variables']): RawFinding['variables'] {
  let i = 0;
  for (; i < vars.length; i++) if (isLong(vars[i]!.value) || isLong(vars[i]!.expected)) break;
  if (i === vars.length) return vars;
  return vars.map((v) => {
    const out = { ...v };
    if (isLong(v.value)) out.value = capValue(v.value);
    if (isLong(v.expected)) out.expected = capValue(v.expected);
    return out;
  });
}

function isLong(s: string | undefined): boolean {
  return s !== undefined && s.length > MAX_QUOTED;
}

/**
 * {@link toFinding} for `validateRecord`'s normal path (no position, at most a NUMANONYM): built as one object
 * literal with the same keys in the same order, instead of growing a finding key by key (a property added to a
 * literal moves it to a new shape and allocates a backing store). The path without shortcuts calls
 * {@link toFinding} (test/rules/no-shortcuts.test.ts compares both, their JSON included).
 */
export function toRecordFinding(
  rule: Rule,
  raw: RawFinding,
  o: ResolvedOptions,
  numanonym: string | undefined,
  key: string,
): Finding {
  if (o.bothLanguages || !numanonym) return toFinding(rule, raw, o, numanonym ? { numanonym } : undefined, key);
  return {
    ruleId: rule.id,
    severity: rule.severity,
    scope: rule.scope,
    message: renderMessage(rule.message[o.lang], raw.params, o.lang),
    variables: shownVariables(raw.variables),
    fingerprint: fingerprintOfVariables(rule.id, key, raw.variables),
    numanonym,
  };
}

export function toFinding(
  rule: Rule,
  raw: RawFinding,
  o: ResolvedOptions,
  at: Partial<RecordRef> | undefined,
  key: string,
): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity: rule.severity,
    scope: rule.scope,
    message: renderMessage(rule.message[o.lang], raw.params, o.lang),
    variables: shownVariables(raw.variables),
    fingerprint: fingerprintOfVariables(rule.id, key, raw.variables),
  };
  if (o.bothLanguages) {
    const other = o.lang === 'en' ? 'fr' : 'en';
    const text = renderMessage(rule.message[other], raw.params, other);
    f.messages = o.lang === 'en' ? { fr: text, en: f.message } : { fr: f.message, en: text };
  }
  if (at?.index !== undefined) f.recordIndex = at.index;
  if (at?.line !== undefined) f.line = at.line;
  if (at?.numanonym) f.numanonym = at.numanonym;
  return f;
}
