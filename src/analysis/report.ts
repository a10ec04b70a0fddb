/**
 * Report renderers: JSON, CSV (long format, `;`), an `.xlsx` workbook of the tables, and one self-contained
 * HTML page with inline SVG charts (no external resource). Pure functions of the indicators and the quality
 * lists. The HTML is built with the reports' one rendering kit (`olinpe/report`: escaping, French number format,
 * bilingual labels, tables, charts, workbook); the tables and their labels are in `report-tables.ts`.
 */
import { humanCsvCell as reportCsvCell } from '../report/index.js';
import type { Indicators } from './indicators.js';
import type { Trajectories } from './link.js';

/** Examples of what could not be linked: a category, its count, why, and up to `limit` locations (file:line). */
export interface QualityItem {
  id: string;
  fr: string;
  en: string;
  count: number;
  examples: string[];
}

const QUALITY_TEXT: Record<string, [string, string]> = {
  endsWithoutOpening: [
    'Fins sans ouverture ni renouvellement, alors que DATDEB tombe dans les années des fichiers',
    "Ends with no opening, DATDEB within the files' years",
  ],
  endsBeforeWindow: [
    "Fins dont l'ouverture précède le premier fichier (DATDEB antérieure) : ouverture dans un fichier absent",
    'Ends whose opening predates the first file',
  ],
  renewalsWithoutOpening: [
    'Renouvellements sans période antérieure de même nature',
    'Renewals with no earlier period of the same nature',
  ],
  renewalsBeforeWindow: [
    'Renouvellements de la première année sans période antérieure (ouverture dans un fichier absent)',
    'Renewals in the first year with no earlier period',
  ],
  periodsWithoutEnd: [
    'Ouvertures ou renouvellements suivis d’un renouvellement sans ligne de fin (TYPEV 3) dans aucun fichier (G18 p5–7)',
    'Openings or renewals followed by a renewal with no end line (TYPEV 3) in any file',
  ],
  openNeverClosed: [
    'Mesures ouvertes jamais fermées (censurées au 31 décembre de la dernière année)',
    'Measures never closed (censored)',
  ],
  notStarted: ['Mesures décidées sans date de début effectif ni fin', 'Measures decided, never started'],
  conflictingIdentities: [
    'Jeunes avec deux SEXE, ANAIS ou MNAIS différents (valeur la plus fréquente retenue)',
    'Young people with conflicting SEXE/ANAIS/MNAIS',
  ],
  conflictingEnds: [
    'Fins en double avec une DATFIN différente (la plus ancienne retenue)',
    'Second ends with another DATFIN',
  ],
  looseEnds: [
    'Fins appariées par DATDEB et nature seulement (DATDECPE différente)',
    'Ends paired by DATDEB and nature only',
  ],
  repeatedLines: ['Lignes répétées (même événement dans deux fichiers ou deux fois)', 'Repeated lines (merged)'],
  unlinked: ['Lignes non rattachées (NUMANONYM absent, TYPEV invalide)', 'Unlinked lines (no NUMANONYM, bad TYPEV)'],
};

/**
 * The data-quality section: every category with its count and the first locations.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * qualityItems(t).find((q) => q.id === 'openNeverClosed')!.count
 */
export function qualityItems(t: Trajectories, limit = 20): QualityItem[] {
  const q = t.quality;
  // The first `limit` entries only (a list may hold a million: never copied whole).
  const first = (list: ArrayLike<number>): number[] =>
    Array.from({ length: Math.min(limit, list.length) }, (_, k) => list[k]!);
  const where = (rows: ArrayLike<number>): string[] => first(rows).map((r) => t.table.where(r));
  const measureWhere = (ms: ArrayLike<number>): string[] =>
    first(ms).map((m) => t.table.where(t.measures.firstLine[m]!));
  const personWhere = (ps: ArrayLike<number>): string[] =>
    first(ps).map((p) => t.table.where(t.people.lineOrder[t.people.lineStart[p]!]!));
  const lists: Record<string, { count: number; examples: string[] }> = {
    endsWithoutOpening: { count: q.endsWithoutOpening.length, examples: where(q.endsWithoutOpening) },
    endsBeforeWindow: { count: q.endsBeforeWindow.length, examples: where(q.endsBeforeWindow) },
    renewalsWithoutOpening: { count: q.renewalsWithoutOpening.length, examples: where(q.renewalsWithoutOpening) },
    renewalsBeforeWindow: { count: q.renewalsBeforeWindow.length, examples: where(q.renewalsBeforeWindow) },
    periodsWithoutEnd: { count: q.periodsWithoutEnd.length, examples: where(q.periodsWithoutEnd) },
    openNeverClosed: { count: q.openNeverClosed.length, examples: measureWhere(q.openNeverClosed) },
    notStarted: { count: q.notStarted.length, examples: measureWhere(q.notStarted) },
    conflictingIdentities: { count: q.conflictingIdentities.length, examples: personWhere(q.conflictingIdentities) },
    conflictingEnds: { count: q.conflictingEnds.length, examples: where(q.conflictingEnds) },
    looseEnds: { count: q.looseEnds.length, examples: where(q.looseEnds) },
    repeatedLines: { count: q.repeatedLines.length, examples: where(q.repeatedLines) },
    unlinked: {
      count: q.unlinked.length,
      examples: q.unlinked.slice(0, limit).map((u) => `${t.table.where(u.row)} (${u.reason})`),
    },
  };
  return Object.entries(lists).map(([id, v]) => ({ id, fr: QUALITY_TEXT[id]![0], en: QUALITY_TEXT[id]![1], ...v }));
}

/** The whole report as one JSON-ready object. */
export interface AnalysisReport {
  files: { file: string; year: number; lines: number }[];
  indicators: Indicators;
  quality: QualityItem[];
}

/**
 * Assembles the report object. `quality` is {@link qualityItems} of the trajectories, given when they were taken
 * before the lines were released (see `releaseLines`).
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * JSON.stringify(analysisReport(t, indicators(t)))
 */
export function analysisReport(t: Trajectories, ind: Indicators, quality = qualityItems(t)): AnalysisReport {
  return { files: t.files, indicators: ind, quality };
}

/** One cell of a CSV meant for people (formulas neutralised): the reports' shared helper, see `olinpe/report`. */
export const humanCsvCell = reportCsvCell;
const csvCell = reportCsvCell;

/**
 * The report as long-format CSV (`;`): `table;year;dimension;category;value`, one row per figure.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * const report = analysisReport(t, indicators(t));
 * reportCsv(report).split('\n')[0] // 'table;year;dimension;category;value'
 */
export function reportCsv(r: AnalysisReport): string {
  const rows: (string | number | null)[][] = [['table', 'year', 'dimension', 'category', 'value']];
  const I = r.indicators;
  const y = I.referenceYear;
  const breakdown = (name: string, b: Indicators['peopleInProgress']): void => {
    rows.push([name, y, 'total', '', b.total]);
    for (const [dim, c] of [
      ['sex', b.bySex],
      ['ageBand', b.byAgeBand],
      ['kind', b.byKind],
      ['group', b.byGroup],
    ] as const)
      for (const [k, v] of Object.entries(c)) rows.push([name, y, dim, k, v]);
  };
  breakdown('peopleInProgress', I.peopleInProgress);
  breakdown('measuresInProgress', I.measuresInProgress);
  breakdown('measureEntries', I.measureEntries);
  breakdown('measureExits', I.measureExits);
  breakdown('peopleEntries', I.peopleEntries);
  breakdown('peopleExits', I.peopleExits);
  rows.push(['youngAdults', y, 'count', '', I.youngAdults.count], ['youngAdults', y, 'share', '', I.youngAdults.share]);
  for (const [k, q] of Object.entries({ ended: I.durations.ended, survival: I.durations.survival }))
    for (const s of ['count', 'q1', 'median', 'q3'] as const) rows.push(['durationDays', '', k, s, q[s]]);
  for (const [g, q] of Object.entries(I.durations.survivalByGroup))
    rows.push(['durationDaysByGroup', '', g, 'median', q.median]);
  for (const [k, v] of Object.entries(I.firstMeasures.byGroup)) rows.push(['firstMeasures', '', 'group', k, v]);
  rows.push(['firstMeasures', '', 'startedBefore', '', I.firstMeasures.startedBefore]);
  for (const s of I.sequences) rows.push(['sequences', '', 'sequence', s.sequence.join(' > '), s.count]);
  rows.push(
    ['reentries', '', 'people', '', I.reentries.people],
    ['reentries', '', 'count', '', I.reentries.count],
    ['reentries', '', 'gapMedianDays', '', I.reentries.gapDays.median],
  );
  for (const [k, v] of Object.entries(I.endReasons.motfinint)) rows.push(['endReasons', y, 'MOTFININT', k, v]);
  for (const [k, v] of Object.entries(I.endReasons.motifml)) rows.push(['endReasons', y, 'MOTIFML', k, v]);
  for (const [k, v] of Object.entries(I.dangerAtEntry.byVariable))
    for (const [a, n] of Object.entries(v)) rows.push(['dangerAtEntry', y, k, a, n]);
  for (const p of I.pyramid)
    rows.push(['pyramid', y, `age ${p.age}`, 'masculin', p.boys], ['pyramid', y, `age ${p.age}`, 'féminin', p.girls]);
  for (const s of I.series)
    for (const [k, v] of Object.entries(s)) if (k !== 'year') rows.push(['series', s.year, k, '', v]);
  for (const m of I.monthly)
    for (const k of ['administrative', 'judicial', 'unknown'] as const)
      rows.push(['monthlyInProgress', m.month, 'kind', k, m[k]]);
  for (const q of r.quality) rows.push(['quality', '', q.id, '', q.count]);
  return `${rows.map((row) => row.map(csvCell).join(';')).join('\n')}\n`;
}
