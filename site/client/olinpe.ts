/**
 * The library as the site's pages use it: one place that binds the pages to `olinpe`'s concerns, bundled for
 * the browser by scripts/build-site.ts (esbuild, platform 'browser'). Nothing here talks to a server.
 *
 * The rules engine is reached through its documented API. While a part of it (the audit) is not in the build,
 * a small stand-in (marked `fallback`) keeps the pages usable: model checks only (`parseRecord`), counts
 * computed here. `capabilities` says which is in use, and the pages say it.
 */
import * as rulesModule from '../../src/rules/index.js';
import { writeAll } from '../../src/transmission/index.js';
import { parseRecord } from '../../src/model/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import type { AuditResult, ReportFinding } from '../../src/report/index.js';

/** A record as the pages hold it: variable → text ('' = empty / not applicable). */
export type Values = Record<string, string>;

/** The subset of `olinpe/rules` the pages call. */
interface RulesApi {
  validateRecord(
    record: Values,
    options?: { edition?: EditionId; lang?: 'fr' | 'en'; referenceYear?: number },
  ): { findings: ReportFinding[] } | ReportFinding[];
  validateRecords(
    source: Iterable<RecordAt> | AsyncIterable<RecordAt>,
    options?: { edition?: EditionId; lang?: 'fr' | 'en'; referenceYear?: number; exportDate?: string },
  ): AsyncIterable<ReportFinding>;
  audit(
    records: Iterable<RecordAt> | AsyncIterable<RecordAt>,
    options: { year?: number; edition?: EditionId },
  ): unknown;
  auditToJson?(result: unknown): AuditResult;
  rules?(edition?: EditionId): { id: string; title: { fr: string; en: string } }[];
}

/** A record with its place in the file (the shape of the readers' record items). */
export interface RecordAt {
  values: Values;
  line?: number;
  index: number;
}

const rulesApi = rulesModule as unknown as Partial<RulesApi>;

/** Which parts of the library the build carries (the pages show it). */
export const capabilities = {
  rules: typeof rulesApi.validateRecord === 'function',
  streamingRules: typeof rulesApi.validateRecords === 'function',
  audit: typeof rulesApi.audit === 'function',
};

export { readTransmission, editionOfCounts, mixedEditions } from '../../src/transmission/index.js';

/** Findings of one record: the rules engine's when present, else the model's issues (fallback). */
export function checkRecord(values: Values, edition: EditionId = '2016', lang: 'fr' | 'en' = 'fr'): ReportFinding[] {
  if (rulesApi.validateRecord) {
    const result = rulesApi.validateRecord(values, { edition, lang });
    return Array.isArray(result) ? result : result.findings;
  }
  // fallback: the model's checks of codes and formats only.
  const { issues } = parseRecord(values, { edition });
  return issues.map((i) => ({
    ruleId: `MODEL-${i.kind}`,
    severity: 'error' as const,
    message: lang === 'en' ? i.messageEn : i.message,
    variables: [
      {
        name: i.variable,
        value: typeof i.value === 'string' ? i.value : undefined,
        expected: lang === 'en' ? i.expectedEn : i.expected,
      },
    ],
  }));
}

async function collect<T>(x: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of x) out.push(item);
  return out;
}

/** Findings over every record of a file (cross-record rules included when the engine is present). */
export async function checkRecords(
  records: Iterable<RecordAt> | AsyncIterable<RecordAt>,
  options: {
    edition: EditionId;
    referenceYear?: number | undefined;
    exportDate?: string | undefined;
    lang?: 'fr' | 'en';
  },
): Promise<ReportFinding[]> {
  const lang = options.lang ?? 'fr';
  if (rulesApi.validateRecords) {
    const opts = {
      edition: options.edition,
      lang,
      ...(options.referenceYear ? { referenceYear: options.referenceYear } : {}),
      ...(options.exportDate ? { exportDate: options.exportDate } : {}),
    };
    return (await collect(rulesApi.validateRecords(records, opts))).filter(isFinding);
  }
  return (await collect(records)).flatMap((r) =>
    checkRecord(r.values, options.edition, lang).map((f) => ({
      ...f,
      recordIndex: r.index,
      ...(r.line ? { line: r.line } : {}),
    })),
  );
}

function isFinding(x: unknown): x is ReportFinding {
  return typeof x === 'object' && x !== null && 'ruleId' in x && 'severity' in x && 'message' in x;
}

/** The observatory's audit (JSON form), or the counts the page can compute itself (fallback). */
export async function auditRecords(
  source: Iterable<RecordAt> | AsyncIterable<RecordAt>,
  year: number | undefined,
  edition: EditionId,
): Promise<AuditResult> {
  if (rulesApi.audit) {
    const result = await Promise.resolve(rulesApi.audit(source, { ...(year ? { year } : {}), edition }));
    return rulesApi.auditToJson ? rulesApi.auditToJson(result) : (result as AuditResult);
  }
  const typev: Record<string, number> = {};
  const decisionYears: Record<string, number> = {};
  const people = new Set<string>();
  const records = (await collect(source)).map((l) => l.values);
  for (const r of records) {
    const ev = edition === '2016' ? r.TYPEV : r.CODEV;
    if (ev) typev[ev] = (typev[ev] ?? 0) + 1;
    const y = r.DATDECPE?.slice(0, 4);
    if (y) decisionYears[y] = (decisionYears[y] ?? 0) + 1;
    if (r.NUMANONYM) people.add(r.NUMANONYM);
  }
  return { records: records.length, youngPeople: people.size, typev, decisionYears, sections: [] };
}

/** Rule titles, to name the groups of findings in the report. */
export function ruleTitles(edition: EditionId): { id: string; title: { fr: string; en: string } }[] {
  return rulesApi.rules ? rulesApi.rules(edition) : [];
}

/** Writes records as a transmission file (XML `<DECRET>` or `;` CSV), with every variable of the edition. */
export async function writeFile(
  records: readonly Values[],
  format: 'xml' | 'csv',
  dateExport: string,
): Promise<string> {
  const { text } = await writeAll(records, { format, edition: '2016', dateExport, allVariables: true });
  return text;
}
