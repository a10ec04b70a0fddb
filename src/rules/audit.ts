/**
 * ONPE's "rapport d'audit technique", reproduced: ONPE's sections in ONPE's order, each with ONPE's number, unit and
 * condition as ONPE intends them (onpe-audit.ts; ONPE's known bugs recorded in onpe-discrepancies.ts), then
 * olinpe's own checks (from the rules' findings) in sections of their own.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { ruleById } from './catalogue.js';
import { recordValues, validateRecords, type RecordInput, type RecordSource } from './run.js';
import { discrepanciesOf, type OnpeDiscrepancy } from './onpe-discrepancies.js';
import {
  MISSING_DECISION_ORDER,
  MISSING_ONPE,
  MISSING_ORDER,
  OnpeAudit,
  UNEXPECTED_0013,
  type AuditItem,
} from './onpe-audit.js';
import type { Finding, Lang, Text } from './types.js';
import { capValue, shortPseudonym } from '../model/index.js';

export type { AuditItem } from './onpe-audit.js';

/** What a section counts. */
export type AuditUnit = 'variables' | 'lines' | 'findings' | 'messages' | 'values' | 'years' | 'persons';

/** One section of the audit as defined: olinpe's id, ONPE's number and title (null for olinpe's own sections). */
export interface AuditSectionDef {
  id: string;
  /** ONPE's section number (`'0035'`), or null for a section of olinpe's own. */
  onpe: string | null;
  /** ONPE's title as printed in its PDF (French), or null. */
  onpeTitle: string | null;
  title: Text;
  unit: AuditUnit;
}

const S = (
  id: string,
  onpe: string | null,
  onpeTitle: string | null,
  fr: string,
  en: string,
  unit: AuditUnit,
): AuditSectionDef => ({
  id,
  onpe,
  onpeTitle,
  title: { fr, en },
  unit,
});

const MISSING_TITLES: Record<string, string> = {
  DECISION: 'Variable DECISION non renseignée',
  DATDECPE: 'Date de décision non renseignée',
  DATDEB: 'Date de début effective non renseignée',
  DATFIN: 'Date de fin effective non renseignée',
  MOTFININT: 'Motif de fin non précisé',
  NATPDECADM: 'Nature de la décision administrative absente',
  TYPINTERDOM: 'Aide à domicile - type d’intervention',
  LIEUACC: 'Accueil provisoire - principal lieu d’accueil',
  ACCMOD: 'Accueil provisoire - caractère modulable ou non',
  AUTRLIEUACC: 'Accueil provisoire administratif - autre lieu d’accueil',
  NATDECASSED: 'Nature de la décision judiciaire absente',
  TYPDECJUD: 'MJIE ou AEMO - type d’intervention',
  INSTITPLAC: 'Placement judiciaire - à qui est confié l’enfant',
  NATDECPLAC: 'Nature de la décision judiciaire de placement absente',
  LIEUPLAC: 'Placement judiciaire - principal lieu d’accueil',
  PLACMOD: 'Placement judiciaire - caractère modulable de l’accueil',
  AUTRLIEUAR: 'Placement judiciaire - autre lieu d’accueil régulier',
  CHGLIEU: 'Changement de lieu d’accueil',
};

function missing(v: string): AuditSectionDef {
  return S(`missing-${v}`, MISSING_ONPE[v]!, MISSING_TITLES[v]!, `${v} absent`, `${v} missing`, 'lines');
}

/**
 * The sections of the audit: ONPE's, in ONPE's order (number and title of ONPE's report), then olinpe's own checks,
 * in sections of their own whose id starts with `olinpe-`.
 */
export const AUDIT_SECTIONS: readonly AuditSectionDef[] = [
  S('absent-variables', '0002', 'Variables absentes du fichier', 'Variables absentes', 'Absent variables', 'variables'),
  S(
    'always-empty',
    '0003',
    'Variables toujours vides',
    'Variables toujours vides',
    'Variables always empty',
    'variables',
  ),
  S(
    'always-unknown',
    '0004',
    'Variables toujours codées par "Ne sait pas"',
    'Variables toujours codées « ne sait pas »',
    'Variables always coded "unknown"',
    'variables',
  ),
  S(
    'id-inconsistencies',
    '0005',
    'Incohérences pour un même identifiant',
    'Incohérences sur le numéro d’anonymat (lignes dont ANAIS|MNAIS|SEXE diffèrent de la première ligne du jeune)',
    'Pseudonym inconsistencies (lines whose ANAIS|MNAIS|SEXE differ from the young person’s first line)',
    'lines',
  ),
  S(
    'typev',
    '0007',
    'Répartition par type d’évènement (variable TYPEV)',
    'Événements par TYPEV',
    'Events by TYPEV',
    'lines',
  ),
  S(
    'date-format',
    '0009',
    'Format incorrect et valeur aberrante sur certaines dates',
    'Formats de dates incorrects et années aberrantes',
    'Wrong date formats and implausible years',
    'findings',
  ),
  S(
    'birth-dates',
    '0010',
    'Dates de naissance à vérifier',
    'Dates de naissance à vérifier',
    'Birth dates to check',
    'messages',
  ),
  S(
    'minor-only-variables',
    '0011',
    'Variables ou modalitées réservées aux mineurs',
    'Variables réservées aux mineurs',
    'Variables reserved to minors',
    'findings',
  ),
  S(
    'minor-only-modalities',
    '0011',
    'Variables ou modalitées réservées aux mineurs',
    'Modalités réservées aux mineurs',
    'Modalities reserved to minors',
    'findings',
  ),
  S(
    'adult-only-variables',
    '0012',
    'Variables ou modalitées réservées aux jeunes majeurs',
    'Variables réservées aux jeunes majeurs',
    'Variables reserved to young adults',
    'findings',
  ),
  S(
    'adult-only-modalities',
    '0012',
    'Variables ou modalitées réservées aux jeunes majeurs',
    'Modalités réservées aux jeunes majeurs',
    'Modalities reserved to young adults',
    'findings',
  ),
  S(
    'unexpected-variables',
    '0013',
    'Variables non-attendues',
    'Variables non attendues',
    'Unexpected variables',
    'findings',
  ),
  S('duplicates', '0018', 'Doublons concernant les mesures/prestations', 'Doublons', 'Duplicates', 'lines'),
  S(
    'duplicates-administrative',
    '0022',
    'Doublons concernant les prestations administratives',
    'Doublons administratifs (lignes en trop)',
    'Administrative duplicates (extra lines)',
    'lines',
  ),
  S(
    'duplicates-judicial',
    '0026',
    'Doublons concernant les mesures judiciaires',
    'Doublons judiciaires (lignes en trop)',
    'Judicial duplicates (extra lines)',
    'lines',
  ),
  ...MISSING_ORDER.map((v) => missing(v)),
  S(
    'out-of-scope',
    '0036',
    'Périmètre de l’extraction',
    'Événements hors périmètre de l’extraction',
    'Events outside the scope of the extraction',
    'lines',
  ),
  ...MISSING_DECISION_ORDER.map((v) => missing(v)),
  S(
    'datfin-not-end',
    '0058',
    'Date de fin renseignée pour un évènement qui n’est pas une fin de Prestation/Mesure',
    'DATFIN sur une ligne qui n’est pas une fin (TYPEV ≠ 3)',
    'DATFIN on a line that is not an end (TYPEV ≠ 3)',
    'lines',
  ),
  S(
    'end-without-opening',
    '0060',
    'Présence d’une ligne "Début" pour chaque ligne "Fin"',
    'Fin sans ligne d’ouverture associée',
    'End without a matching opening line',
    'lines',
  ),
  S(
    'excessive-duration',
    '0095',
    'Durée excessive d’une prestation ou d’une mesure',
    'Durée excessive (plus de deux ans)',
    'Excessive duration (over two years)',
    'lines',
  ),
  S(
    'decision-years',
    '0099',
    'Autres anomalies constatées',
    'Décisions par année (DATDECPE) : lignes et jeunes',
    'Decisions by year (DATDECPE): lines and young people',
    'years',
  ),
  S(
    'olinpe-date-validity',
    null,
    null,
    'olinpe : dates et années invalides ou invraisemblables (hors section ONPE)',
    'olinpe: invalid or implausible dates and years (no ONPE section)',
    'findings',
  ),
  S(
    'olinpe-birth-after-decision',
    null,
    null,
    'olinpe : naissance après la décision',
    'olinpe: birth after the decision',
    'findings',
  ),
  S(
    'olinpe-identity-per-person',
    null,
    null,
    'olinpe : un jeune, deux valeurs de SEXE, ANAIS ou MNAIS (une par jeune et variable)',
    'olinpe: one young person, two values of SEXE, ANAIS or MNAIS (one per person and variable)',
    'persons',
  ),
  S(
    'olinpe-chaining',
    null,
    null,
    'olinpe : chaînage NUMANONYMANT incohérent',
    'olinpe: inconsistent NUMANONYMANT chaining',
    'findings',
  ),
  S(
    'olinpe-unexpected-variables',
    null,
    null,
    'olinpe : autres variables non attendues (variables non contrôlées par ONPE, noms hors nomenclature)',
    'olinpe: other unexpected variables (variables ONPE does not check, names outside the nomenclature)',
    'findings',
  ),
  S(
    'olinpe-datfin-without-datdeb',
    null,
    null,
    'olinpe : DATFIN sans DATDEB (section 0080 d’ONPE, non publiée)',
    'olinpe: DATFIN without DATDEB (ONPE’s unpublished section 0080)',
    'lines',
  ),
];

/** A recorded ONPE discrepancy as the report carries it (see {@link ONPE_DISCREPANCIES}). */
export type AuditDiscrepancy = Omit<OnpeDiscrepancy, 'onpe'>;

/** One section of the audit. */
export interface AuditSection {
  id: string;
  /** ONPE's section number (`'0035'`), or null for olinpe's own sections. */
  onpe: string | null;
  onpeTitle: string | null;
  title: string;
  unit: AuditUnit;
  count: number;
  items: AuditItem[];
  /** Where ONPE's tool counts differently, and why olinpe does not copy it. */
  discrepancies: AuditDiscrepancy[];
}

/** The reference year of the audit: given (--year), inferred as ONPE does, or none. */
export interface AuditYear {
  value: number | null;
  source: 'given' | 'inferred' | 'none';
  /** The year ONPE would infer from the data (most frequent known DATDECPE year, ties to the highest). */
  inferred: number | null;
  /** Set when the year given is not the one the data point to. */
  warning?: string;
}

/** The audit report (its JSON form is exactly this object). */
export interface AuditReport {
  /** Lines read. */
  records: number;
  /** Lines less the full duplicates (ONPE's "M distinctes"). */
  distinctLines: number;
  /** Distinct NUMANONYM. */
  youngPeople: number;
  /** Variables of ONPE's list present in at least one record (even empty), out of {@link variablesTotal}. */
  variablesPresent: number;
  variablesTotal: number;
  year: AuditYear;
  typev: Record<string, number>;
  decisionYears: Record<string, number>;
  /** Discrepancies of the header figures. */
  discrepancies: AuditDiscrepancy[];
  sections: AuditSection[];
}

/** Options of {@link audit}. */
export interface AuditOptions {
  /** The extraction's year N; when left out, inferred from the data as ONPE does (and the report says so). */
  year?: number;
  edition?: EditionId;
  lang?: Lang;
  exportDate?: string;
}

function itemOf(f: Finding): AuditItem {
  const item: AuditItem = {};
  const v = f.variables[0];
  if (v) item.variable = v.name;
  if (f.numanonym) item.numanonym = f.numanonym;
  if (f.line !== undefined) item.line = f.line;
  else if (f.recordIndex !== undefined) item.index = f.recordIndex;
  if (v?.value !== undefined) item.value = v.value;
  item.ruleId = f.ruleId;
  return item;
}

const ONPE_0013 = new Set<string>([...UNEXPECTED_0013, 'DATFIN']);

/** The olinpe section of a rule's finding, or undefined when the finding belongs to no olinpe section. */
function olinpeSection(f: Finding): string | undefined {
  const id = f.ruleId;
  if (/-FMT-(ANAIS|MNAIS)$/.test(id) || id === 'OL-DAT-003' || id === 'OL16-DAT-009') return 'olinpe-date-validity';
  if (id === 'OL-DAT-001' || id === 'OL16-DAT-001') return 'olinpe-birth-after-decision';
  if (/^OL-YP-00[123]$/.test(id)) return 'olinpe-identity-per-person';
  if (id === 'OL-YP-008' || id === 'OL-YP-009') return 'olinpe-chaining';
  if (id === 'OL16-DAT-004') return 'olinpe-datfin-without-datdeb';
  if (id === 'OL-VAR-001') return 'olinpe-unexpected-variables';
  const rule = ruleById(id);
  if (
    rule?.auditSection === 'unexpected-variables' &&
    /-(EVT|COND|AGE)-/.test(id) &&
    !ONPE_0013.has(f.variables[0]?.name ?? '')
  )
    return 'olinpe-unexpected-variables';
  return undefined;
}

function localised(d: OnpeDiscrepancy): AuditDiscrepancy {
  const { onpe: _onpe, ...rest } = d;
  return rest;
}

/**
 * Reproduces ONPE's technical audit report over a stream of records: ONPE's sections as ONPE intends them (its
 * known bugs fixed and recorded next to the section they affect), then olinpe's own checks in sections of their
 * own. Records are not kept.
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records.map((values, index) => ({ values, index, line: index + 3 }));
 * const report = await audit(records, { year: 2019 });
 * report.sections.find((s) => s.id === 'missing-DATDEB')?.count;
 */
export async function audit(source: RecordSource, options: AuditOptions = {}): Promise<AuditReport> {
  const lang = options.lang ?? 'fr';
  const edition = options.edition ?? '2016';
  const onpe = new OnpeAudit(edition);
  let position = 0;
  async function* tap(): AsyncGenerator<RecordInput> {
    for await (const item of source as AsyncIterable<RecordInput>) {
      const values = recordValues(item);
      if (values === undefined) continue;
      const maybe = item as { line?: unknown; index?: unknown };
      const wrapped = values !== item;
      const index = wrapped && typeof maybe.index === 'number' ? maybe.index : position;
      const line = wrapped && typeof maybe.line === 'number' ? maybe.line : undefined;
      position++;
      onpe.observe(values, line === undefined ? { index } : { index, line });
      yield item;
    }
  }
  const bySection = new Map<string, AuditItem[]>();
  const run = validateRecords(tap(), {
    edition,
    absent: 'empty',
    ...(options.year !== undefined ? { referenceYear: options.year } : {}),
    lang,
    ...(options.exportDate ? { exportDate: options.exportDate } : {}),
  });
  for (;;) {
    const next = await run.next();
    if (next.done) break;
    const section = olinpeSection(next.value);
    if (!section) continue;
    const list = bySection.get(section) ?? [];
    list.push(itemOf(next.value));
    bySection.set(section, list);
  }
  const result = onpe.finish(options.year);
  const sections: AuditSection[] = AUDIT_SECTIONS.map((def) => {
    const items = def.onpe === null ? (bySection.get(def.id) ?? []) : (result.sections.get(def.id) ?? []);
    const count = def.id === 'typev' ? items.reduce((s, i) => s + (i.count ?? 0), 0) : items.length;
    return {
      id: def.id,
      onpe: def.onpe,
      onpeTitle: def.onpeTitle,
      title: def.title[lang],
      unit: def.unit,
      count,
      items,
      discrepancies: def.onpe === null ? [] : discrepanciesOf(def.onpe).map(localised),
    };
  });
  const year: AuditYear =
    options.year !== undefined
      ? { value: options.year, source: 'given', inferred: result.inferredYear }
      : result.inferredYear !== null
        ? { value: result.inferredYear, source: 'inferred', inferred: result.inferredYear }
        : { value: null, source: 'none', inferred: null };
  if (options.year !== undefined && result.inferredYear !== null && result.inferredYear !== options.year) {
    year.warning =
      lang === 'fr'
        ? `Les données désignent l’année ${result.inferredYear} (DATDECPE la plus fréquente), pas ${options.year}.`
        : `The data point to year ${result.inferredYear} (most frequent DATDECPE year), not ${options.year}.`;
  }
  return {
    records: result.records,
    distinctLines: result.distinctLines,
    youngPeople: result.youngPeople,
    variablesPresent: result.variablesPresent,
    variablesTotal: result.variablesTotal,
    year,
    typev: result.typev,
    decisionYears: result.decisionYears,
    discrepancies: discrepanciesOf('header').map(localised),
    sections,
  };
}

const UNITS: Record<AuditUnit, [string, string]> = {
  variables: ['variables', 'variables'],
  lines: ['lignes', 'lines'],
  findings: ['anomalies', 'findings'],
  messages: ['messages', 'messages'],
  values: ['valeurs', 'values'],
  years: ['années', 'years'],
  persons: ['jeunes', 'young people'],
};

/**
 * The recorded ONPE discrepancies as text lines (for a section or the header), indented.
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records.map((values, index) => ({ values, index, line: index + 3 }));
 * const section = (await audit(records, { year: 2019 })).sections.find((s) => s.discrepancies.length > 0)!;
 * discrepancyLines(section.discrepancies, 'fr');
 */
export function discrepancyLines(list: readonly AuditDiscrepancy[], lang: Lang, indent = '      '): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  for (const d of list) {
    const src = `${d.source.doc} ${d.source.ref}${d.source.page !== undefined ? `, p. ${d.source.page}` : ''}`;
    out.push(`${indent}≠ ONPE [${d.id}] : ${d.onpeDoes[lang]}`);
    out.push(`${indent}  olinpe : ${d.olinpeDoes[lang]}`);
    out.push(`${indent}  ${fr ? 'pourquoi' : 'why'} : ${d.why[lang]} (${src})`);
  }
  return out;
}

/**
 * The audit as text, French by default: a header (with the reference year and where it comes from), then each
 * section with ONPE's number, its count and unit, its first items, and the recorded ONPE discrepancies.
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records.map((values, index) => ({ values, index, line: index + 3 }));
 * const report = await audit(records, { year: 2019 });
 * renderAuditText(report, { lang: 'fr', maxItems: 20 });
 */
export function renderAuditText(
  report: AuditReport,
  options: { lang?: Lang; maxItems?: number; year?: number } = {},
): string {
  const lang = options.lang ?? 'fr';
  const max = options.maxItems ?? 20;
  const fr = lang === 'fr';
  const out: string[] = [];
  const y = report.year;
  out.push(
    fr
      ? `Rapport d’audit technique${y.value !== null ? ` — année ${y.value}` : ''}`
      : `Technical audit report${y.value !== null ? ` — year ${y.value}` : ''}`,
  );
  out.push('');
  out.push(
    `${fr ? 'Lignes' : 'Lines'} : ${report.records} (${report.distinctLines} ${fr ? 'distinctes' : 'distinct'})`,
  );
  out.push(`${fr ? 'Jeunes distincts (NUMANONYM)' : 'Distinct young people (NUMANONYM)'} : ${report.youngPeople}`);
  out.push(`${fr ? 'Variables saisies' : 'Variables present'} : ${report.variablesPresent} / ${report.variablesTotal}`);
  const source =
    y.source === 'given'
      ? fr
        ? 'donnée par --year'
        : 'given with --year'
      : y.source === 'inferred'
        ? fr
          ? 'déduite des données comme ONPE : année de DATDECPE la plus fréquente'
          : 'inferred from the data as ONPE does: most frequent DATDECPE year'
        : fr
          ? 'aucune : ni --year ni DATDECPE'
          : 'none: neither --year nor DATDECPE';
  out.push(`${fr ? 'Année concernée' : 'Reference year'} : ${y.value ?? '—'} (${source})`);
  if (y.warning) out.push(`${fr ? 'Attention' : 'Warning'} : ${y.warning}`);
  const typev = ['1', '2', '3'].map((k) => `${k} : ${report.typev[k] ?? 0}`).join(', ');
  out.push(`TYPEV : ${typev}`);
  out.push(...discrepancyLines(report.discrepancies, lang, '  '));
  out.push('');
  report.sections.forEach((s, i) => {
    const onpe = s.onpe ? ` (ONPE ${s.onpe} « ${s.onpeTitle} »)` : '';
    out.push(`${String(i + 1).padStart(2)}. ${s.title} [${s.id}]${onpe} : ${s.count} ${UNITS[s.unit][fr ? 0 : 1]}`);
    for (const item of s.items.slice(0, max)) out.push(`      ${describeItem(item, fr)}`);
    if (s.items.length > max)
      out.push(`      … ${fr ? 'et' : 'and'} ${s.items.length - max} ${fr ? 'autres' : 'more'}`);
    out.push(...discrepancyLines(s.discrepancies, lang));
  });
  return `${out.join('\n')}\n`;
}

function describeItem(item: AuditItem, fr: boolean): string {
  if (item.count !== undefined)
    return `${item.value} : ${item.count}${item.people !== undefined ? ` (${item.people} ${fr ? 'jeunes' : 'young people'})` : ''}`;
  const parts: string[] = [];
  if (item.line !== undefined) parts.push(`${fr ? 'ligne' : 'line'} ${item.line}`);
  else if (item.index !== undefined) parts.push(`${fr ? 'enregistrement' : 'record'} ${item.index + 1}`);
  if (item.numanonym) parts.push(shortPseudonym(item.numanonym));
  if (item.variable)
    parts.push(item.value !== undefined ? `${item.variable} = « ${capValue(item.value)} »` : item.variable);
  else if (item.value !== undefined) parts.push(item.value);
  if (item.detail) parts.push(item.detail[fr ? 'fr' : 'en']);
  return parts.join(' — ');
}
