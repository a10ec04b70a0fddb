/**
 * The input of the HTML report: plain data, as `olinpe validate` and `olinpe audit` produce it (their JSON
 * forms), so the report knows no rule engine and no file format.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';

/** A language for labels: French first, English available. */
export type ReportLang = 'fr' | 'en';

/** A severity as the rules report it. */
export type ReportSeverity = 'error' | 'warning' | 'info';

/** One variable involved in a finding. */
export interface ReportFindingVariable {
  name: string;
  value?: string | undefined;
  expected?: string | undefined;
}

/** A finding as the report needs it (a subset of the rules' `Finding`). */
export interface ReportFinding {
  ruleId: string;
  severity: ReportSeverity;
  message: string;
  /** The message in both languages, when known: the page's language switch then shows the reader's. */
  messages?: { fr: string; en: string };
  scope?: string;
  recordIndex?: number;
  line?: number;
  numanonym?: string;
  variables?: readonly ReportFindingVariable[];
}

/**
 * One section of the observatory's audit as the report reads it (the JSON form of an `AuditSection` of
 * olinpe/rules' `audit(…)`, every field but the id, title and count optional).
 */
export interface ReportAuditSection {
  id: string;
  title: string | { fr: string; en?: string };
  count: number;
  items?: readonly unknown[];
  /** ONPE's section number and title (null for olinpe's own sections). */
  onpe?: string | null;
  onpeTitle?: string | null;
  /** What the section counts (lines, variables…). */
  unit?: string;
  /** Where ONPE's own tool counts differently, and why. */
  discrepancies?: readonly AuditDiscrepancyInfo[];
}

/** A recorded difference between ONPE's audit tool and olinpe's (JSON form of the audit's `discrepancies`). */
export interface AuditDiscrepancyInfo {
  id: string;
  onpeDoes: { fr: string; en?: string };
  olinpeDoes: { fr: string; en?: string };
  why: { fr: string; en?: string };
  source?: { doc: string; ref: string; page?: number };
}

/** The JSON form of the audit: counts and sections. Unknown extra fields are ignored. */
export interface AuditResult {
  records?: number;
  /** Lines less the full duplicates. */
  distinctLines?: number;
  youngPeople?: number;
  /** The size of the variable list `variablesPresent` counts against. */
  variablesTotal?: number;
  /** The reference year and where it comes from. */
  year?: { value: number | null; source: string; inferred?: number | null; warning?: string };
  /** Discrepancies of the header figures. */
  discrepancies?: readonly AuditDiscrepancyInfo[];
  /**
   * How many of the edition's variables the file holds (a number), or variable → number of records where
   * it is filled, or the list of the variables present.
   */
  variablesPresent?: number | Readonly<Record<string, number>> | readonly string[];
  /** TYPEV code → number of records. */
  typev?: Readonly<Record<string, number>>;
  /** Year of decision → number of records. */
  decisionYears?: Readonly<Record<string, number>>;
  sections?: readonly ReportAuditSection[];
}

/** How often one variable is filled, empty, unknown ("ne sait pas") or absent over the records. */
export interface FillRate {
  name: string;
  filled: number;
  unknown: number;
  empty: number;
  absent: number;
}

/** A rule's title, to name the groups of findings. */
export interface ReportRuleInfo {
  id: string;
  title: string | { fr: string; en?: string };
}

/** How the reading went: shown first, so that no report says a file can be sent when part of it could not be read. */
export interface ReportReading {
  /** Records read. */
  records: number;
  /** Fragments that could not be read. */
  unreadable: number;
  /** False when a fatal error stopped the reading or a fragment could not be read. */
  complete: boolean;
  /** What to say when the reading is not complete. */
  message?: { fr: string; en: string };
  /** When the file mixes both editions. */
  mixed?: { fr: string; en: string };
  /** Records per detected edition. */
  editions?: Record<EditionId, number>;
  /** The read errors and warnings, in file order. */
  errors?: readonly { line: number; severity: 'fatal' | 'error' | 'warning'; message: { fr: string; en: string } }[];
}

/** Everything the report shows. Every part is optional: the report shows what it is given. */
export interface ReportInput {
  /** What produced the input, shown in the title. */
  kind: 'validate' | 'audit' | 'validate+audit';
  /** The file checked (a name only; never contents). */
  source?: string;
  edition?: EditionId;
  /** ISO date-time of the run (the report adds none itself, so it stays reproducible). */
  generatedAt?: string;
  /** Number of records read. */
  records?: number;
  /** How the reading went (shown first). */
  reading?: ReportReading;
  findings?: readonly ReportFinding[];
  /** Rule titles by id, to name groups of findings. */
  rules?: readonly ReportRuleInfo[];
  fillRates?: readonly FillRate[];
  audit?: AuditResult;
}

/** Options of {@link renderReportHtml}. */
export interface ReportOptions {
  /** Language shown first (`'fr'` by default); the reader can switch in the page. */
  lang?: ReportLang;
  /** At most this many findings listed per rule (all are counted). Default 500. */
  maxFindingsPerRule?: number;
  /** A title; a default one is built from `kind` and `source`. */
  title?: string;
}
