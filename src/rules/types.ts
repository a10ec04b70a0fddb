/**
 * The rule model: a rule is typed data (id, titles, severity, scope, editions and dates, variables read,
 * citations, message templates) plus a pure check. Findings are plain objects.
 *
 * @module
 */
import type { FormatSpec } from './value-formats.js';
import type { EditionId } from '../nomenclature/index.js';

/** A language for messages: French first, English available. */
export type Lang = 'fr' | 'en';

/** How serious a finding is. `error` makes `olinpe validate` exit with 1. */
export type Severity = 'error' | 'warning' | 'info';

/** What a rule looks at: one line, every line of one NUMANONYM, or the whole file. */
export type Scope = 'record' | 'young-person' | 'file';

/** The rule families, used in ids (`OL16-EVT-DATFIN`) and in the catalogue's pages. */
export type Family =
  | 'FMT' // code and format validity of one variable
  | 'VAR' // variable names
  | 'EVT' // applicability by event type (TYPEV / CODEV)
  | 'AGE' // applicability by age band
  | 'MOD' // modalities reserved to an age band
  | 'COND' // applicability by a condition on another variable
  | 'REQ' // required and missing
  | 'MISS' // applicable and left empty: a "valeur manquante" (G18 p15)
  | 'DAT' // dates and years
  | 'COH' // other coherence of one line
  | 'YP' // young-person scope
  | 'FILE'; // file scope

/** A text in French and English. */
export interface Text {
  fr: string;
  en: string;
}

/**
 * Where a rule comes from. `source` is a key of the edition's `sources` table (`D2016`, `G18`, `D2011`, …)
 * or `ONPE-AUDIT` for a section of the observatory's technical audit report.
 */
export interface Citation {
  source: string;
  ref?: string;
  page?: number;
}

/** One variable involved in a finding: its name, the value found (absent: `undefined`), what was expected. */
export interface FindingVariable {
  name: string;
  value?: string | undefined;
  expected?: string | undefined;
}

/** A problem found by a rule. Plain data; never carries identity (only the pseudonym NUMANONYM). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  scope: Scope;
  /** The message in the requested language (French by default). */
  message: string;
  /** The message in both languages, when asked with {@link RuleOptions.bothLanguages} (a report the reader switches). */
  messages?: { fr: string; en: string };
  /** 0-based position of the record in the input, when the finding concerns one record. */
  recordIndex?: number;
  /** Line number in the source file, when known. */
  line?: number;
  /** The pseudonym of the young person concerned, when any. */
  numanonym?: string;
  variables: FindingVariable[];
  /** Short stable hash of rule id + record key + variable names: compare two extractions with it. */
  fingerprint: string;
}

/** Named parameters of a message template: `{name}` in the template is replaced by `params.name`. */
export type MessageParams = Record<string, string | number | Text>;

/**
 * What a check returns for one problem, before the engine adds rule id, severity, message, position and
 * fingerprint. Cross-record rules set the position themselves (`at`).
 */
export interface RawFinding {
  params: MessageParams;
  variables: FindingVariable[];
  /** For cross-record findings: the record concerned (index, line, NUMANONYM, key for the fingerprint). */
  at?: RecordRef;
  /** For file findings: a key for the fingerprint (e.g. the variable name). */
  key?: string;
}

/** A reference to a record kept by cross-record rules (never the record itself). */
export interface RecordRef {
  index: number;
  line?: number | undefined;
  numanonym?: string | undefined;
  /** The record key used by fingerprints (see {@link recordKey}). */
  key: string;
}

/** A check that did not run, and why (e.g. a variable it needs is absent). */
export interface Skip {
  skip: string;
}

/** A record as the rules see it: variable name → raw text; `undefined` = absent, `''` = empty. */
export type RecordValues = Readonly<Record<string, string | undefined>>;

/** Options shared by every entry point. */
export interface RuleOptions {
  /** Edition of the records (`'2016'` by default). */
  edition?: EditionId;
  /** The extraction's year N (scope of the file, orphan ends). */
  referenceYear?: number;
  /** The export date (`AAAA-MM-JJ`): no date may be after it. */
  exportDate?: string;
  /** Language of messages (`'fr'` by default). */
  lang?: Lang;
  /** Also give each finding's message in French and English (`Finding.messages`), for a bilingual report. */
  bothLanguages?: boolean;
  /** Run only these rule ids. */
  only?: readonly string[];
  /**
   * What a variable of the edition left out of a record (key missing or `undefined`) means to the rules.
   *
   * - `'empty'`: the same as present and empty (`''`). A required or applicable variable left out is missing.
   *   This is what ONPE's import does (it stores a left-out element as empty) and what a file means: real exports
   *   leave empty elements out, and olinpe's own writer leaves absent variables out. Default of
   *   {@link validateRecords} (files, the CLI, the browser validator, the audit).
   * - `'skip'`: not known yet; the rules about that variable are skipped (status `variable-absent`). For a record
   *   being built in code, such as a form still being filled. Default of {@link validateRecord}.
   *
   * Whatever the choice, the file-level rule on a variable absent from every record of a file (OL-FILE-…) and the
   * column statistics still see the element as absent.
   */
  absent?: 'empty' | 'skip';
  /**
   * Who the file is for: `'onpe'` (the national observatory: UTDP must not be sent, G18 p16) or `'odpe'` (the
   * département's observatory). Unset: the UTDP check does not run.
   */
  destination?: 'onpe' | 'odpe';
}

/** What a record check receives: the values and what the engine computed once for the line. */
export interface RecordContext {
  /**
   * The record as given. Record rules read the edition's variables from the engine's row of values (by position)
   * and `values[name]` only for names outside the edition: `validateRecord` keeps only those here.
   */
  values: RecordValues;
  edition: EditionId;
  /** The event code (TYPEV in 2016, CODEV in 2011), when filled. */
  event: string | undefined;
  /** Age in completed years at the decision (see {@link ageAtEvent}); `undefined` when unknown. */
  age: number | undefined;
  referenceYear: number | undefined;
  exportDate: string | undefined;
  lang: Lang;
  /** See {@link RuleOptions.destination}. */
  destination: 'onpe' | 'odpe' | undefined;
  /**
   * The values of the edition's variables by their position in `editionData(edition).variables` (the same as
   * `values[name]`, read once per line by the engine so that rules index an array instead of looking names up).
   *
   * @internal
   */
  row: readonly (string | undefined)[];
  /**
   * Names present with a value that are not variables of the edition, in the record's key order; null when none.
   *
   * @internal
   */
  extra: readonly string[] | null;
  /**
   * A number the engine gives each distinct NUMANONYM of a run (0, 1, 2, …; the same pseudonym, the same number,
   * case included); -1 when NUMANONYM is absent or empty, and in `validateRecord`.
   *
   * @internal
   */
  person: number;
  /**
   * The number of the young person as the observatory counts them (pseudonyms equal but for case share it: the
   * `person` number of the first of them); -1 when NUMANONYM is absent or empty, and in `validateRecord`.
   *
   * @internal
   */
  personLower: number;
  /**
   * The NUMANONYM of a `person` number of this run, as given (case included); undefined for a number not given
   * (always in `validateRecord`). For rules that keep a young person's number and write the pseudonym only in a
   * finding.
   *
   * @internal
   */
  pseudonymOf: (person: number) => string | undefined;
  /**
   * Per-line results shared by several rules (computed by the first rule that needs them); engine-owned.
   *
   * @internal
   */
  shared: LineShared;
}

/**
 * Per-line results shared by several rules. Reset by the engine on every line.
 *
 * @internal
 */
export interface LineShared {
  /** A 53-bit hash of every present variable and its value (order-independent: a full duplicate has the same). */
  fullHash: number | undefined;
}

/** Metadata common to every rule. */
export interface RuleMeta {
  /** Stable id, never reused: `OL16-…` (2016 only), `OL11-…` (2011 only), `OL-…` (both editions). */
  id: string;
  family: Family;
  title: Text;
  severity: Severity;
  scope: Scope;
  editions: readonly EditionId[];
  /** First day the rule applies (the edition's entry into force). */
  validFrom: string;
  /** Last day the rule applies, or null while in force. */
  validTo: string | null;
  /** The variables the rule reads. */
  variables: readonly string[];
  citations: readonly Citation[];
  message: Text;
  /** The ONPE audit section the rule's findings go to, if any. */
  auditSection?: string;
  /** Example records for the catalogue and the tests: at least one passing and one failing. */
  examples: readonly RuleExample[];
  /** Whether the rule was generated from the nomenclature (not written by hand). */
  generated: boolean;
}

/** A named example: a (list of) record(s) and whether the rule must report something on it. */
export interface RuleExample {
  name: string;
  records: readonly RecordValues[];
  fails: boolean;
  options?: Pick<RuleOptions, 'referenceYear' | 'exportDate' | 'destination'>;
  /** The edition the example is written for, when the rule covers both and the example does not. */
  edition?: EditionId;
}

/** A rule on one record. */
export interface RecordRule extends RuleMeta {
  scope: 'record';
  check(ctx: RecordContext): RawFinding[] | Skip | null;
  /**
   * What `check` is known to return from one variable alone, so the engine may answer without calling it: the
   * variable at row position `at` absent → `{ skip: 'variable-absent' }`; empty → `null` when `empty` is `'pass'`;
   * filled → `null` when `filled` is `'pass'`. Any other case calls `check`. Generated rules declare it.
   *
   * @internal
   */
  precheck?: RecordPrecheck;
  /**
   * For the value state its precheck leaves to `check` (filled for most rules, empty for the required and missing
   * ones), a test that, when it holds, means `check` returns `null`: the engine then does not call it (it runs these
   * tests for all its rules in one loop, without a call through each rule; when the test does not hold, `check` is
   * called and says what it finds). Every generated rule declares it (format, event type, age band, reserved
   * modalities, condition, required, missing).
   *
   * @internal
   */
  quick?: QuickPass;
}

/**
 * See {@link RecordRule.quick}: one shape for every kind. On a filled value: `format`, the value has the format
 * ({@link passesFormat}); `events`, the line's event is known and one of `events`; `band`, the young person's age is
 * known and within `min`..`max` (null: no bound); `holds`, every variable of `condition` is known and each of its
 * conditions holds. On an empty value: `outside`, the variable does not apply to the line: the event is known and
 * not one of `events` (null: every event), or else the age is known and outside `min`..`max` (both null: any
 * age), or else every variable of `condition` (when set) is known and one of its conditions does not hold. On any
 * value: `reserved`, the value is not one of `codes`, or the age is known and within `min`..`max`.
 *
 * @internal
 */
export interface QuickPass {
  readonly kind: 'format' | 'events' | 'band' | 'outside' | 'holds' | 'reserved';
  readonly format: FormatSpec | null;
  readonly events: ReadonlySet<string> | null;
  readonly min: number | null;
  readonly max: number | null;
  /** `holds` and `outside`: the conditions read, as data; null when none. */
  readonly condition: QuickCondition | null;
  /** `reserved`: the codes reserved to the band. */
  readonly codes: ReadonlySet<string> | null;
}

/**
 * The conditions a {@link QuickPass} reads, as data the engine evaluates (see `src/rules/selection.ts`).
 *
 * @internal
 */
export interface QuickCondition {
  /** The variables the conditions read: row position (-1 for a name outside the edition, read by name). */
  readonly at: readonly number[];
  readonly names: readonly string[];
  /** Per variable, a value that counts as unknown besides absence (its "ne sait pas" code), or null. */
  readonly unknown: readonly (string | null)[];
  readonly conditions: readonly ConditionNode[];
}

/**
 * A condition of the nomenclature compiled over row positions: `all`, `any` and `not` of `parts`; `in`, the
 * variable (row position `at`, or `name` when -1) is filled with one of `codes`; `filled`, it is filled (`want`
 * true) or empty or absent (`want` false).
 *
 * @internal
 */
export interface ConditionNode {
  readonly op: 'all' | 'any' | 'not' | 'in' | 'filled';
  readonly parts: readonly ConditionNode[];
  readonly at: number;
  readonly name: string;
  readonly codes: ReadonlySet<string> | null;
  readonly want: boolean;
}

/**
 * See {@link RecordRule.precheck}.
 *
 * @internal
 */
export interface RecordPrecheck {
  at: number;
  empty: 'pass' | 'check';
  filled: 'pass' | 'check';
}

/** A rule over several records: observes each record, reports at the end. State stays small per young person. */
export interface CrossRule<S = unknown> extends RuleMeta {
  scope: 'young-person' | 'file';
  init(options: ResolvedOptions): S;
  observe(state: S, ctx: RecordContext, ref: RecordRef): void;
  finish(state: S, options: ResolvedOptions, stats: FileStats): RawFinding[] | Skip;
}

/** What the engine counts per variable over a whole run, for file-scope rules and the audit. */
export interface ColumnStats {
  /** Lines where the variable is present (even empty). */
  present: number;
  /** Lines where it is present and empty. */
  empty: number;
  /** Lines where it holds its "ne sait pas" value. */
  unknown: number;
}

/** Counts over a whole run. */
export interface FileStats {
  records: number;
  columns: ReadonlyMap<string, ColumnStats>;
}

/** Any rule. */
export type Rule = RecordRule | CrossRule<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Options after defaults. */
export interface ResolvedOptions {
  edition: EditionId;
  /** See {@link RuleOptions.absent}. */
  absent: 'empty' | 'skip';
  referenceYear: number | undefined;
  exportDate: string | undefined;
  lang: Lang;
  bothLanguages: boolean;
  destination: 'onpe' | 'odpe' | undefined;
}

/** The status of one rule in a run. */
export type RuleStatus =
  | { ruleId: string; status: 'passed'; checked: number }
  | { ruleId: string; status: 'failed'; checked: number; findings: number }
  | { ruleId: string; status: 'skipped'; reason: string }
  | { ruleId: string; status: 'errored'; error: string; findings: number };
