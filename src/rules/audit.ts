/**
 * ONPE's "rapport d'audit technique", reproduced: the same sections, in the same order, computed from the
 * findings of the rules (each rule names its audit section) plus two distributions (TYPEV, decision years).
 *
 * @module
 */
import { editionData, type EditionId } from '../nomenclature/index.js';
import { ruleById } from './catalogue.js';
import { yearOf } from './dates.js';
import { AUDIT_MISSING_DECISION, AUDIT_MISSING_EVENT } from './generated.js';
import { validateRecords, type RecordItem } from './engine.js';
import type { Finding, Lang, Text } from './types.js';

/** The sections of the audit, in ONPE's order, with their titles. */
export const AUDIT_SECTIONS: readonly { id: string; title: Text }[] = [
  { id: 'absent-variables', title: { fr: 'Variables absentes', en: 'Absent variables' } },
  { id: 'always-empty', title: { fr: 'Variables toujours vides', en: 'Variables always empty' } },
  { id: 'always-unknown', title: { fr: 'Variables toujours codées « ne sait pas »', en: 'Variables always coded "unknown"' } },
  { id: 'id-inconsistencies', title: { fr: 'Incohérences sur le numéro d’anonymat', en: 'Pseudonym inconsistencies' } },
  { id: 'typev', title: { fr: 'Événements par TYPEV', en: 'Events by TYPEV' } },
  { id: 'date-format', title: { fr: 'Formats de dates incorrects et années aberrantes', en: 'Wrong date formats and implausible years' } },
  { id: 'birth-dates', title: { fr: 'Dates de naissance à vérifier', en: 'Birth dates to check' } },
  { id: 'minor-only-variables', title: { fr: 'Variables réservées aux mineurs', en: 'Variables reserved to minors' } },
  { id: 'minor-only-modalities', title: { fr: 'Modalités réservées aux mineurs', en: 'Modalities reserved to minors' } },
  { id: 'adult-only-variables', title: { fr: 'Variables réservées aux jeunes majeurs', en: 'Variables reserved to young adults' } },
  { id: 'adult-only-modalities', title: { fr: 'Modalités réservées aux jeunes majeurs', en: 'Modalities reserved to young adults' } },
  { id: 'unexpected-variables', title: { fr: 'Variables non attendues', en: 'Unexpected variables' } },
  { id: 'duplicates', title: { fr: 'Doublons', en: 'Duplicates' } },
  { id: 'duplicates-administrative', title: { fr: 'Doublons administratifs', en: 'Administrative duplicates' } },
  { id: 'duplicates-judicial', title: { fr: 'Doublons judiciaires', en: 'Judicial duplicates' } },
  ...AUDIT_MISSING_EVENT.map((v) => missing(v)),
  { id: 'out-of-scope', title: { fr: 'Événements hors périmètre de l’extraction', en: 'Events outside the scope of the extraction' } },
  ...AUDIT_MISSING_DECISION.map((v) => missing(v)),
  { id: 'datfin-not-end', title: { fr: 'DATFIN sur une ligne qui n’est pas une fin (TYPEV ≠ 3)', en: 'DATFIN on a line that is not an end (TYPEV ≠ 3)' } },
  { id: 'end-without-opening', title: { fr: 'Fin sans ligne d’ouverture associée', en: 'End without a matching opening line' } },
  { id: 'excessive-duration', title: { fr: 'Durée excessive (plus de deux ans)', en: 'Excessive duration (over two years)' } },
  { id: 'decision-years', title: { fr: 'Décisions par année (DATDECPE)', en: 'Decisions by year (DATDECPE)' } },
];

function missing(v: string): { id: string; title: Text } {
  return { id: `missing-${v}`, title: { fr: `${v} absent`, en: `${v} missing` } };
}

/** One item of a section: a variable, a pseudonym and line, or a value with its count. */
export interface AuditItem {
  variable?: string;
  numanonym?: string;
  line?: number;
  index?: number;
  value?: string;
  count?: number;
  ruleId?: string;
}

/** One section of the audit. */
export interface AuditSection {
  id: string;
  title: string;
  count: number;
  items: AuditItem[];
}

/** The audit report (its JSON form is exactly this object). */
export interface AuditReport {
  /** Lines read. */
  records: number;
  /** Distinct NUMANONYM. */
  youngPeople: number;
  /** Number of the edition's variables present in the file. */
  variablesPresent: number;
  typev: Record<string, number>;
  decisionYears: Record<string, number>;
  sections: AuditSection[];
}

/** Options of {@link audit}. */
export interface AuditOptions {
  /** The extraction's year N. */
  year: number;
  edition?: EditionId;
  lang?: Lang;
  exportDate?: string;
}

const VARIABLE_SECTIONS = new Set(['absent-variables', 'always-empty', 'always-unknown']);

function itemOf(f: Finding, section: string): AuditItem {
  const item: AuditItem = {};
  const v = f.variables[0];
  if (v) item.variable = v.name;
  if (VARIABLE_SECTIONS.has(section)) return item;
  if (f.numanonym) item.numanonym = f.numanonym;
  if (f.line !== undefined) item.line = f.line;
  if (f.recordIndex !== undefined) item.index = f.recordIndex;
  if (v?.value !== undefined) item.value = v.value;
  item.ruleId = f.ruleId;
  return item;
}

/**
 * Runs every rule over a stream of records and arranges the findings as ONPE's technical audit report.
 * Streaming: records are not kept; the report holds one item per finding.
 *
 * @example
 * const report = await audit(records, { year: 2019 });
 * report.sections.find((s) => s.id === 'missing-DATDEB')?.count;
 */
export async function audit(source: Iterable<RecordItem> | AsyncIterable<RecordItem>, options: AuditOptions): Promise<AuditReport> {
  const lang = options.lang ?? 'fr';
  const edition = options.edition ?? '2016';
  const eventVar = edition === '2016' ? 'TYPEV' : 'CODEV';
  const typev: Record<string, number> = {};
  const decisionYears: Record<string, number> = {};
  async function* tap(): AsyncGenerator<RecordItem> {
    for await (const item of source as AsyncIterable<RecordItem>) {
      const maybe = item as { record?: unknown };
      const values = (typeof maybe.record === 'object' && maybe.record !== null ? maybe.record : item) as Record<string, string | undefined>;
      const t = values[eventVar];
      if (t) typev[t] = (typev[t] ?? 0) + 1;
      if (values.DATDECPE !== undefined) {
        const y = String(yearOf(values.DATDECPE) ?? (values.DATDECPE === '' ? 'vide' : 'inconnue'));
        decisionYears[y] = (decisionYears[y] ?? 0) + 1;
      }
      yield item;
    }
  }
  const bySection = new Map<string, AuditItem[]>();
  const run = validateRecords(tap(), {
    edition,
    referenceYear: options.year,
    lang,
    ...(options.exportDate ? { exportDate: options.exportDate } : {}),
  });
  let summary;
  for (;;) {
    const next = await run.next();
    if (next.done) {
      summary = next.value;
      break;
    }
    const section = ruleById(next.value.ruleId)?.auditSection;
    if (!section) continue;
    const list = bySection.get(section) ?? [];
    list.push(itemOf(next.value, section));
    bySection.set(section, list);
  }
  const sortedTypev: Record<string, number> = {};
  for (const k of Object.keys(typev).sort()) sortedTypev[k] = typev[k]!;
  const sortedYears: Record<string, number> = {};
  for (const k of Object.keys(decisionYears).sort()) sortedYears[k] = decisionYears[k]!;
  const sections: AuditSection[] = AUDIT_SECTIONS.map(({ id, title }) => {
    if (id === 'typev') {
      const items = Object.entries(sortedTypev).map(([value, count]) => ({ value, count }));
      return { id, title: title[lang], count: items.reduce((s, i) => s + i.count, 0), items };
    }
    if (id === 'decision-years') {
      const items = Object.entries(sortedYears).map(([value, count]) => ({ value, count }));
      return { id, title: title[lang], count: items.length, items };
    }
    const items = bySection.get(id) ?? [];
    return { id, title: title[lang], count: items.length, items };
  });
  let variablesPresent = 0;
  for (const v of editionData(edition).variables) if ((summary.stats.columns.get(v.name)?.present ?? 0) > 0) variablesPresent++;
  return {
    records: summary.records,
    youngPeople: summary.youngPeople,
    variablesPresent,
    typev: sortedTypev,
    decisionYears: sortedYears,
    sections,
  };
}

/**
 * The audit as text, French by default: a header, then each section with its count and its first items.
 *
 * @example
 * renderAuditText(report, { lang: 'fr', maxItems: 20 });
 */
export function renderAuditText(report: AuditReport, options: { lang?: Lang; maxItems?: number; year?: number } = {}): string {
  const lang = options.lang ?? 'fr';
  const max = options.maxItems ?? 20;
  const fr = lang === 'fr';
  const out: string[] = [];
  out.push(fr ? `Rapport d’audit technique${options.year ? ` — année ${options.year}` : ''}` : `Technical audit report${options.year ? ` — year ${options.year}` : ''}`);
  out.push('');
  out.push(`${fr ? 'Lignes lues' : 'Lines read'} : ${report.records}`);
  out.push(`${fr ? 'Jeunes distincts (NUMANONYM)' : 'Distinct young people (NUMANONYM)'} : ${report.youngPeople}`);
  out.push(`${fr ? 'Variables présentes' : 'Variables present'} : ${report.variablesPresent}`);
  out.push('');
  report.sections.forEach((s, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${s.title} [${s.id}] : ${s.count}`);
    for (const item of s.items.slice(0, max)) out.push(`      ${describeItem(item, fr)}`);
    if (s.items.length > max) out.push(`      … ${fr ? 'et' : 'and'} ${s.items.length - max} ${fr ? 'autres' : 'more'}`);
  });
  return `${out.join('\n')}\n`;
}

function describeItem(item: AuditItem, fr: boolean): string {
  if (item.count !== undefined) return `${item.value} : ${item.count}`;
  const parts: string[] = [];
  if (item.line !== undefined) parts.push(`${fr ? 'ligne' : 'line'} ${item.line}`);
  else if (item.index !== undefined) parts.push(`${fr ? 'enregistrement' : 'record'} ${item.index + 1}`);
  if (item.numanonym) parts.push(item.numanonym);
  if (item.variable) parts.push(item.value !== undefined ? `${item.variable} = « ${item.value} »` : item.variable);
  return parts.join(' — ');
}
