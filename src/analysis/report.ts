/**
 * Report renderers: JSON, CSV (long format, `;`) and one self-contained HTML page with inline SVG charts
 * (no script, no external resource). Pure functions of the indicators and the quality lists.
 */
import { isoDay } from './dates.js';
import type { Indicators } from './indicators.js';
import type { Trajectories } from './link.js';
import { NATURE_GROUPS } from './natures.js';

/** Examples of what could not be linked: a category, its count, why, and up to `limit` locations (file:line). */
export interface QualityItem {
  id: string;
  fr: string;
  en: string;
  count: number;
  examples: string[];
}

const QUALITY_TEXT: Record<string, [string, string]> = {
  endsWithoutOpening: ["Fins sans ouverture ni renouvellement, alors que DATDEB tombe dans les années des fichiers", 'Ends with no opening, DATDEB within the files\' years'],
  endsBeforeWindow: ["Fins dont l'ouverture précède le premier fichier (DATDEB antérieure) : ouverture dans un fichier absent", 'Ends whose opening predates the first file'],
  renewalsWithoutOpening: ['Renouvellements sans période antérieure de même nature', 'Renewals with no earlier period of the same nature'],
  renewalsBeforeWindow: ['Renouvellements de la première année sans période antérieure (ouverture dans un fichier absent)', 'Renewals in the first year with no earlier period'],
  periodsWithoutEnd: ['Ouvertures ou renouvellements suivis d’un renouvellement sans ligne de fin (TYPEV 3) dans aucun fichier (G18 p5–7)', 'Openings or renewals followed by a renewal with no end line (TYPEV 3) in any file'],
  openNeverClosed: ['Mesures ouvertes jamais fermées (censurées au 31 décembre de la dernière année)', 'Measures never closed (censored)'],
  notStarted: ['Mesures décidées sans date de début effectif ni fin', 'Measures decided, never started'],
  conflictingIdentities: ['Jeunes avec deux SEXE, ANAIS ou MNAIS différents (valeur la plus fréquente retenue)', 'Young people with conflicting SEXE/ANAIS/MNAIS'],
  conflictingEnds: ['Fins en double avec une DATFIN différente (la plus ancienne retenue)', 'Second ends with another DATFIN'],
  looseEnds: ["Fins appariées par DATDEB et nature seulement (DATDECPE différente)", 'Ends paired by DATDEB and nature only'],
  repeatedLines: ['Lignes répétées (même événement dans deux fichiers ou deux fois)', 'Repeated lines (merged)'],
  unlinked: ['Lignes non rattachées (NUMANONYM absent, TYPEV invalide)', 'Unlinked lines (no NUMANONYM, bad TYPEV)'],
};

/**
 * The data-quality section: every category with its count and the first locations.
 *
 * @example
 * // given: const t = await buildTrajectories(synthesise({ seed: 1, year: 2023, records: 300 }).records);
 * qualityItems(t).find((q) => q.id === 'openNeverClosed')!.count
 */
export function qualityItems(t: Trajectories, limit = 20): QualityItem[] {
  const q = t.quality;
  const where = (rows: ArrayLike<number>): string[] => Array.from(rows).slice(0, limit).map((r) => t.table.where(r));
  const measureWhere = (ms: ArrayLike<number>): string[] => Array.from(ms).slice(0, limit).map((m) => t.table.where(t.measures.firstLine[m]!));
  const personWhere = (ps: ArrayLike<number>): string[] =>
    Array.from(ps).slice(0, limit).map((p) => t.table.where(t.people.lineOrder[t.people.lineStart[p]!]!));
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
    unlinked: { count: q.unlinked.length, examples: q.unlinked.slice(0, limit).map((u) => `${t.table.where(u.row)} (${u.reason})`) },
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
 * Assembles the report object.
 *
 * @example
 * // given: const t = await buildTrajectories(synthesise({ seed: 1, year: 2023, records: 300 }).records);
 * JSON.stringify(analysisReport(t, indicators(t)))
 */
export function analysisReport(t: Trajectories, ind: Indicators): AnalysisReport {
  return { files: t.files, indicators: ind, quality: qualityItems(t) };
}

/**
 * One cell of a CSV meant for people (opened in a spreadsheet): a text starting with = + - @ tab or CR is
 * neutralised with a leading apostrophe, so that it is shown, never run as a formula (OWASP, CSV Injection).
 * Numbers are written as they are (-3 is a number, not a formula).
 */
export function humanCsvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvCell = humanCsvCell;

/**
 * The report as long-format CSV (`;`): `table;year;dimension;category;value`, one row per figure.
 *
 * @example
 * // given: const t = await buildTrajectories(synthesise({ seed: 1, year: 2023, records: 300 }).records);
 * const report = analysisReport(t, indicators(t));
 * reportCsv(report).split('\n')[0] // 'table;year;dimension;category;value'
 */
export function reportCsv(r: AnalysisReport): string {
  const rows: (string | number | null)[][] = [['table', 'year', 'dimension', 'category', 'value']];
  const I = r.indicators;
  const y = I.referenceYear;
  const breakdown = (name: string, b: Indicators['peopleInProgress']): void => {
    rows.push([name, y, 'total', '', b.total]);
    for (const [dim, c] of [['sex', b.bySex], ['ageBand', b.byAgeBand], ['kind', b.byKind], ['group', b.byGroup]] as const)
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
  for (const [g, q] of Object.entries(I.durations.survivalByGroup)) rows.push(['durationDaysByGroup', '', g, 'median', q.median]);
  for (const [k, v] of Object.entries(I.firstMeasures.byGroup)) rows.push(['firstMeasures', '', 'group', k, v]);
  rows.push(['firstMeasures', '', 'startedBefore', '', I.firstMeasures.startedBefore]);
  for (const s of I.sequences) rows.push(['sequences', '', 'sequence', s.sequence.join(' > '), s.count]);
  rows.push(['reentries', '', 'people', '', I.reentries.people], ['reentries', '', 'count', '', I.reentries.count], ['reentries', '', 'gapMedianDays', '', I.reentries.gapDays.median]);
  for (const [k, v] of Object.entries(I.endReasons.motfinint)) rows.push(['endReasons', y, 'MOTFININT', k, v]);
  for (const [k, v] of Object.entries(I.endReasons.motifml)) rows.push(['endReasons', y, 'MOTIFML', k, v]);
  for (const [k, v] of Object.entries(I.dangerAtEntry.byVariable)) for (const [a, n] of Object.entries(v)) rows.push(['dangerAtEntry', y, k, a, n]);
  for (const p of I.pyramid) rows.push(['pyramid', y, `age ${p.age}`, 'masculin', p.boys], ['pyramid', y, `age ${p.age}`, 'féminin', p.girls]);
  for (const s of I.series) for (const [k, v] of Object.entries(s)) if (k !== 'year') rows.push(['series', s.year, k, '', v]);
  for (const m of I.monthly) for (const k of ['administrative', 'judicial', 'unknown'] as const) rows.push(['monthlyInProgress', m.month, 'kind', k, m[k]]);
  for (const q of r.quality) rows.push(['quality', '', q.id, '', q.count]);
  return `${rows.map((row) => row.map(csvCell).join(';')).join('\n')}\n`;
}

const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (n: number | null, digits = 0): string => (n === null ? '—' : n.toLocaleString('fr-FR', { maximumFractionDigits: digits }));
const groupFr = (id: string): string => NATURE_GROUPS.find((g) => g.id === id)?.fr ?? id;
const KIND_FR: Record<string, string> = { administrative: 'administrative', judicial: 'judiciaire', unknown: 'inconnu' };
const kindFr = (id: string): string => KIND_FR[id] ?? id;

/** A horizontal population pyramid (boys left, girls right) as inline SVG. */
function pyramidSvg(rows: Indicators['pyramid']): string {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.boys, r.girls)));
  const h = 14;
  const W = 300;
  const mid = 360;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Pyramide des âges" viewBox="0 0 720 ${rows.length * h + 30}" width="720">`;
  out += `<text x="${mid - 40}" y="12" text-anchor="end" font-size="11">Garçons</text><text x="${mid + 40}" y="12" font-size="11">Filles</text>`;
  rows.forEach((r, i) => {
    const y = 20 + (rows.length - 1 - i) * h;
    const bw = (r.boys / max) * W;
    const gw = (r.girls / max) * W;
    out += `<rect x="${(mid - 20 - bw).toFixed(1)}" y="${y}" width="${bw.toFixed(1)}" height="${h - 2}" fill="#3b6ea5"><title>${r.age} ans, garçons : ${r.boys}</title></rect>`;
    out += `<rect x="${mid + 20}" y="${y}" width="${gw.toFixed(1)}" height="${h - 2}" fill="#c0504d"><title>${r.age} ans, filles : ${r.girls}</title></rect>`;
    out += `<text x="${mid}" y="${y + h - 4}" text-anchor="middle" font-size="10">${r.age}</text>`;
  });
  return `${out}</svg>`;
}

/** A line chart of measures in progress at each month end, by kind. */
function monthlySvg(rows: Indicators['monthly']): string {
  const W = 720;
  const H = 240;
  const L = 50;
  const B = 30;
  const max = Math.max(1, ...rows.map((r) => r.administrative + r.judicial + r.unknown));
  const x = (i: number): number => L + (rows.length <= 1 ? 0 : (i / (rows.length - 1)) * (W - L - 10));
  const y = (v: number): number => H - B - (v / max) * (H - B - 10);
  const line = (f: (r: Indicators['monthly'][number]) => number, colour: string, label: string): string =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${rows.map((r, i) => `${x(i).toFixed(1)},${y(f(r)).toFixed(1)}`).join(' ')}"><title>${label}</title></polyline>`;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Mesures en cours par mois" viewBox="0 0 ${W} ${H}" width="${W}">`;
  out += `<line x1="${L}" y1="${H - B}" x2="${W - 10}" y2="${H - B}" stroke="#888"/><line x1="${L}" y1="10" x2="${L}" y2="${H - B}" stroke="#888"/>`;
  out += `<text x="${L - 4}" y="${y(max) + 4}" text-anchor="end" font-size="10">${fmt(max)}</text><text x="${L - 4}" y="${H - B + 4}" text-anchor="end" font-size="10">0</text>`;
  rows.forEach((r, i) => {
    if (r.month.endsWith('-01') || i === 0) out += `<text x="${x(i).toFixed(1)}" y="${H - 10}" font-size="10" text-anchor="middle">${esc(r.month)}</text>`;
  });
  out += line((r) => r.administrative + r.judicial + r.unknown, '#333', 'Total');
  out += line((r) => r.administrative, '#3b6ea5', 'Administratives');
  out += line((r) => r.judicial, '#c0504d', 'Judiciaires');
  out += `<text x="${W - 200}" y="20" font-size="11" fill="#333">— total</text><text x="${W - 200}" y="34" font-size="11" fill="#3b6ea5">— administratives</text><text x="${W - 200}" y="48" font-size="11" fill="#c0504d">— judiciaires</text>`;
  return `${out}</svg>`;
}

/** Horizontal bars (for top sequences). */
function barsSvg(items: { label: string; value: number }[]): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  const h = 20;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Séquences les plus fréquentes" viewBox="0 0 720 ${items.length * h + 10}" width="720">`;
  items.forEach((it, k) => {
    const w = (it.value / max) * 300;
    out += `<text x="0" y="${k * h + 14}" font-size="11">${esc(it.label.length > 60 ? `${it.label.slice(0, 57)}…` : it.label)}</text>`;
    out += `<rect x="400" y="${k * h + 3}" width="${w.toFixed(1)}" height="${h - 6}" fill="#6a8f3c"/><text x="${(405 + w).toFixed(1)}" y="${k * h + 14}" font-size="11">${fmt(it.value)}</text>`;
  });
  return `${out}</svg>`;
}

function table(head: string[], rows: (string | number)[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'number' ? fmt(c) : esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function breakdownTable(title: string, b: Indicators['peopleInProgress']): string {
  const rows: (string | number)[][] = [['Total', '', b.total]];
  for (const [dim, c] of [['Sexe', b.bySex], ["Tranche d'âge", b.byAgeBand], ['Type', b.byKind], ['Nature', b.byGroup]] as const)
    for (const [k, v] of Object.entries(c)) rows.push([dim, dim === 'Nature' ? groupFr(k) : dim === 'Type' ? kindFr(k) : k, v]);
  return `<h3>${esc(title)}</h3>${table(['Dimension', 'Catégorie', 'Effectif'], rows)}`;
}

/**
 * One self-contained HTML page: indicators, pyramid, measures in progress over time, top sequences, and
 * the data-quality section. No script, no external resource.
 *
 * @example
 * // given: const t = await buildTrajectories(synthesise({ seed: 1, year: 2023, records: 300 }).records);
 * reportHtml(analysisReport(t, indicators(t))).startsWith('<!DOCTYPE html>') // true
 */
export function reportHtml(r: AnalysisReport, title = 'Parcours en protection de l’enfance'): string {
  const I = r.indicators;
  const Y = I.referenceYear;
  const d = I.durations;
  const css = `body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}td:last-child{text-align:right}h2{border-bottom:2px solid #3b6ea5;margin-top:2em}.note{color:#555;font-size:.9em}svg{max-width:100%;height:auto}`;
  const parts: string[] = [];
  parts.push(`<h1>${esc(title)}</h1><p class="note">Fichiers : ${r.files.map((f) => `${esc(f.file || '(sans nom)')} (${f.year}, ${fmt(f.lines)} lignes)`).join(', ')}. Année de référence : ${Y}. Définitions : docs/guides/analysis.md.</p>`);
  parts.push(`<h2>Au 31 décembre ${Y}</h2><p>${fmt(I.peopleInProgress.total)} jeunes et ${fmt(I.measuresInProgress.total)} mesures en cours ; jeunes majeurs : ${fmt(I.youngAdults.count)} (${I.youngAdults.share === null ? '—' : fmt(I.youngAdults.share * 100, 1)} %).</p>`);
  parts.push(breakdownTable('Jeunes en cours (âge au 31 décembre)', I.peopleInProgress), breakdownTable('Mesures en cours', I.measuresInProgress));
  parts.push(`<h3>Pyramide des âges des jeunes en cours</h3>${pyramidSvg(I.pyramid)}`);
  parts.push(`<h2>Entrées et sorties de ${Y}</h2>`);
  parts.push(breakdownTable('Mesures commencées (âge au début)', I.measureEntries), breakdownTable('Mesures terminées', I.measureExits));
  parts.push(breakdownTable('Jeunes entrés (début d’un parcours continu)', I.peopleEntries), breakdownTable('Jeunes sortis', I.peopleExits));
  parts.push(`<h2>Évolution</h2>${table(['Année', 'Jeunes en cours au 31/12', 'Mesures en cours au 31/12', 'Mesures commencées', 'Mesures terminées', 'Jeunes entrés', 'Jeunes sortis'], I.series.map((s) => [String(s.year), s.peopleInProgress, s.measuresInProgress, s.measureEntries, s.measureExits, s.peopleEntries, s.peopleExits]))}`);
  parts.push(`<h3>Mesures en cours en fin de mois</h3>${monthlySvg(I.monthly)}`);
  parts.push(`<h2>Durées (jours)</h2>${table(['Mesure', 'Effectif', '1er quartile', 'Médiane', '3e quartile'], [
    ['Mesures terminées (début connu, dans la période)', d.ended.count, fmt(d.ended.q1), fmt(d.ended.median), fmt(d.ended.q3)],
    ['Kaplan–Meier, mesures commencées dans la période (en cours censurées)', d.survival.count, fmt(d.survival.q1), fmt(d.survival.median), fmt(d.survival.q3)],
    ...Object.entries(d.survivalByGroup).map(([g, q]) => [`Kaplan–Meier : ${groupFr(g)}`, q.count, fmt(q.q1), fmt(q.median), fmt(q.q3)]),
  ])}<p class="note">— : quantile non atteint (trop de mesures encore en cours). Exclues : ${fmt(d.excluded)} mesures (début inconnu ou antérieur aux fichiers, fin sans date).</p>`);
  parts.push(`<h2>Parcours</h2><h3>Première mesure du parcours</h3>${table(['Nature', 'Jeunes'], [
    ...Object.entries(I.firstMeasures.byGroup).map(([g, v]) => [groupFr(g), v]),
    ['Parcours commencé avant les fichiers', I.firstMeasures.startedBefore],
  ])}`);
  parts.push(`<h3>Séquences les plus fréquentes</h3>${barsSvg(I.sequences.map((s) => ({ label: s.sequence.join(' → '), value: s.count })))}`);
  parts.push(`<p>Réentrées après une fin : ${fmt(I.reentries.count)} (${fmt(I.reentries.people)} jeunes), délai médian ${fmt(I.reentries.gapDays.median)} jours.</p>`);
  parts.push(`<h2>Motifs de fin (${Y})</h2>${table(['MOTFININT', 'Mesures'], Object.entries(I.endReasons.motfinint))}${table(['MOTIFML', 'Mesures'], Object.entries(I.endReasons.motifml))}`);
  parts.push(`<h2>Nature du danger à l’entrée (${Y})</h2>${table(['Variable', 'Oui', 'Non', 'Ne sait pas', 'Vide'], Object.entries(I.dangerAtEntry.byVariable).map(([k, v]) => [k, v.oui, v.non, v.nsp, v.vide]))}`);
  parts.push(`<h2>Qualité des données</h2><p class="note">Ce qui n’a pas pu être rattaché, et pourquoi (premières localisations fichier:ligne).</p>${table(['Catégorie', 'Effectif', 'Exemples'], r.quality.map((q) => [q.fr, q.count, q.examples.slice(0, 5).join(', ')]))}`);
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title><style>${css}</style></head><body>${parts.join('\n')}<p class="note">Généré le ${isoDay(Math.floor(Date.now() / 86_400_000))} par olinpe.</p></body></html>\n`;
}
