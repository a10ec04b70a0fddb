/**
 * The analysis page (`olinpe report`, analyse.html) and its workbook: what an observatory would publish.
 *
 * - Every code is shown with its label from the nomenclature (MOTFININT, MOTIFML, the danger variables, SEXE,
 *   DECISION) and every group of nature with its name, never an internal id.
 * - Categories come in the nomenclature's order (codes as the decree lists them, age bands in age order), then
 *   codes outside the nomenclature, then "non renseigné".
 * - Counts come with their percentage of the table's total; numbers in French format (`olinpe/report` kit).
 * - Trajectories: a flow chart of each young person's main measure (the most recently started one in progress)
 *   from one 31 December to the next. Durations: the Kaplan–Meier curves. The age pyramid.
 * - Every table can be downloaded as CSV (in the page) and all of them as one `.xlsx` workbook (one sheet a table).
 * - Definitions link to the documentation site's page (docs/guides/analysis.md).
 */
import {
  type Bilingual,
  type Cell,
  type Column,
  type DataTable,
  base64,
  bi,
  biText,
  docsUrl,
  escapeHtml,
  flowSvg,
  formatCount,
  formatPercent,
  legendHtml,
  lineChartSvg,
  PALETTE,
  pyramidSvg,
  renderPage,
  renderTable,
  stepCurvesSvg,
  tableValues,
  XLSX_MIME,
  xlsxWorkbook,
} from '../report/index.js';
import { variable as variableDef } from '../nomenclature/index.js';
import { isoDay } from './dates.js';
import { INDICATOR_AGE_BANDS, type Breakdown, type Counts } from './indicators.js';
import { NATURE_GROUPS } from './natures.js';
import type { AnalysisReport } from './report.js';
import { DANGER_VARIABLES } from './table.js';

const T = (fr: string, en: string): Bilingual => ({ fr, en });

/** Short names of the groups of nature for the charts (the tables use the full names of NATURE_GROUPS). */
const GROUP_SHORT: Record<string, Bilingual> = {
  aed: T('AED (aide à domicile)', 'Home support (AED)'),
  'accueil-provisoire': T('Accueil provisoire', 'Voluntary care'),
  'accueil-temporaire': T('Accueil de jour ou temporaire', 'Day or short-term care'),
  pupille: T('Pupille de l’État', 'Ward of the State'),
  'jeune-majeur-adm': T('Jeune majeur (administratif)', 'Young adult (administrative)'),
  'autre-adm': T('Autre (administrative)', 'Other (administrative)'),
  investigation: T('Investigation (MJIE, IOE)', 'Investigation (MJIE, IOE)'),
  aemo: T('AEMO', 'AEMO'),
  placement: T('Placement judiciaire', 'Court-ordered placement'),
  mjagbf: T('MJAGBF', 'MJAGBF'),
  'autorite-parentale': T('Autorité parentale, tutelle', 'Parental authority, guardianship'),
  'jeune-majeur-jud': T('Jeune majeur (judiciaire)', 'Young adult (judicial)'),
  'autre-jud': T('Autre (judiciaire)', 'Other (judicial)'),
  inconnue: T('Type de décision inconnu', 'Unknown decision type'),
  aucune: T('Aucune mesure en cours', 'No measure in progress'),
};

const groupLabel = (id: string): Bilingual => {
  const g = NATURE_GROUPS.find((x) => x.id === id);
  return g ? T(g.fr, g.en) : (GROUP_SHORT[id] ?? T(id, id));
};
const groupShort = (id: string): Bilingual => GROUP_SHORT[id] ?? groupLabel(id);
/** One colour per group in every chart (Okabe–Ito first, for the most frequent groups). */
const GROUP_COLOR: Record<string, string> = {
  aed: '#56b4e9',
  'accueil-provisoire': '#e69f00',
  'accueil-temporaire': '#f0e442',
  pupille: '#7f5f3f',
  'jeune-majeur-adm': '#cc79a7',
  'autre-adm': '#b3b3b3',
  investigation: '#5d3a9b',
  aemo: '#009e73',
  placement: '#d55e00',
  mjagbf: '#4d8f4d',
  'autorite-parentale': '#0072b2',
  'jeune-majeur-jud': '#c9a0dc',
  'autre-jud': '#999999',
  inconnue: '#666666',
  aucune: '#d0d0d0',
};
const groupColor = (id: string): string => GROUP_COLOR[id] ?? '#999999';
const MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (ym: string): Bilingual => {
  const [y, m] = ym.split('-');
  return T(`${MONTHS_FR[Number(m) - 1]} ${y}`, `${MONTHS_EN[Number(m) - 1]} ${y}`);
};

function codeText(variable: string, code: string): Bilingual | undefined {
  const c = variableDef(variable)?.codes.find((x) => x.code === code);
  return c ? T(c.label.fr, c.label.en ?? c.label.fr) : undefined;
}

/** A category of a breakdown: its label and its place in the order of the nomenclature. */
interface Category {
  key: string;
  cell: Cell;
}

const NOT_FILLED = T('Non renseigné', 'Not filled');

/** The categories of a coded variable in the decree's order, then codes outside the nomenclature, then empty. */
function codedCategories(variable: string, counts: Counts): Category[] {
  const codes = variableDef(variable)?.codes.map((c) => c.code) ?? [];
  const extra = Object.keys(counts)
    .filter((k) => !codes.includes(k) && k !== 'vide')
    .sort();
  const out: Category[] = [];
  for (const code of [...codes, ...extra]) {
    const label = codeText(variable, code) ?? T('code hors nomenclature', 'code outside the nomenclature');
    out.push({ key: code, cell: { variable, code, label } });
  }
  if ('vide' in counts) out.push({ key: 'vide', cell: NOT_FILLED });
  return out;
}

const SEX_CODE: Record<string, string> = { masculin: '1', féminin: '2', inconnu: '9' };
const KIND_CODE: Record<string, string> = { administrative: '1', judicial: '2' };

function sexCategories(): Category[] {
  return ['masculin', 'féminin', 'inconnu'].map((k) => ({
    key: k,
    cell: { variable: 'SEXE', code: SEX_CODE[k]!, label: codeText('SEXE', SEX_CODE[k]!) ?? T(k, k) },
  }));
}

function ageCategories(): Category[] {
  return [
    ...INDICATOR_AGE_BANDS.map((b) => ({
      key: b.id,
      cell:
        b.max >= 200
          ? T(`${b.min} ans et plus`, `${b.min} and over`)
          : T(`${b.min} à ${b.max} ans`, `${b.min} to ${b.max} years`),
    })),
    { key: 'inconnu', cell: T('Âge inconnu', 'Age unknown') },
  ];
}

function kindCategories(): Category[] {
  return [
    ...['administrative', 'judicial'].map((k) => ({
      key: k,
      cell: {
        variable: 'DECISION',
        code: KIND_CODE[k]!,
        label: codeText('DECISION', KIND_CODE[k]!) ?? T(k, k),
      } as Cell,
    })),
    { key: 'unknown', cell: T('Type de décision inconnu', 'Decision type unknown') },
  ];
}

function groupCategories(): Category[] {
  return NATURE_GROUPS.map((g) => ({ key: g.id, cell: T(g.fr, g.en) }));
}

const COUNT = (fr: string, en: string): Column => ({ title: T(fr, en), kind: 'count' });
const PCT: Column = { title: T('%', '%'), kind: 'percent' };

/** Rows "category, count, %" in the given order; categories with no count are left out unless `keepEmpty`. */
function shareRows(categories: readonly Category[], counts: Counts, total: number, keepEmpty = false): Cell[][] {
  const rows: Cell[][] = [];
  for (const c of categories) {
    const n = counts[c.key] ?? 0;
    if (n === 0 && !keepEmpty) continue;
    rows.push([c.cell, n, { part: n, total }]);
  }
  // Keys the order does not know (should not happen): shown rather than lost.
  for (const [k, n] of Object.entries(counts))
    if (!categories.some((c) => c.key === k)) rows.push([k, n, { part: n, total }]);
  return rows;
}

/** One table of a breakdown: dimension, category, count and share within the dimension. */
function breakdownTable(id: string, title: Bilingual, unit: Bilingual, b: Breakdown, note?: Bilingual): DataTable {
  const rows: Cell[][] = [[T('Ensemble', 'All'), T('Total', 'Total'), b.total, { part: b.total, total: b.total }]];
  const dims: [Bilingual, Category[], Counts][] = [
    [T('Sexe', 'Sex'), sexCategories(), b.bySex],
    [T('Âge', 'Age'), ageCategories(), b.byAgeBand],
    [T('Type de décision', 'Kind of decision'), kindCategories(), b.byKind],
    [T('Nature de la mesure', 'Nature of the measure'), groupCategories(), b.byGroup],
  ];
  for (const [dim, cats, counts] of dims) {
    if (Object.keys(counts).length === 0) continue;
    for (const r of shareRows(cats, counts, b.total)) rows.push([dim, ...r]);
  }
  return {
    id,
    title,
    columns: [
      { title: T('Dimension', 'Dimension') },
      { title: T('Catégorie', 'Category') },
      COUNT(unit.fr, unit.en),
      PCT,
    ],
    rows,
    ...(note ? { note } : {}),
  };
}

/** Every table of the report, in page order (the workbook has one sheet for each). */
export function reportTables(r: AnalysisReport): DataTable[] {
  const I = r.indicators;
  const Y = I.referenceYear;
  const d = I.durations;
  const tables: DataTable[] = [];
  const young = T('Jeunes', 'Young people');
  const measures = T('Mesures', 'Measures');
  tables.push(
    breakdownTable(
      'jeunes-en-cours',
      T(
        `Jeunes suivis au 31 décembre ${Y} (âge à cette date)`,
        `Young people in care on 31 December ${Y} (age on that day)`,
      ),
      young,
      I.peopleInProgress,
    ),
  );
  tables.push(
    breakdownTable(
      'mesures-en-cours',
      T(`Mesures en cours au 31 décembre ${Y}`, `Measures in progress on 31 December ${Y}`),
      measures,
      I.measuresInProgress,
    ),
  );
  tables.push(
    breakdownTable(
      'mesures-commencees',
      T(`Mesures commencées en ${Y} (âge au début)`, `Measures started in ${Y} (age at the start)`),
      measures,
      I.measureEntries,
    ),
  );
  tables.push(
    breakdownTable(
      'mesures-terminees',
      T(`Mesures terminées en ${Y}`, `Measures ended in ${Y}`),
      measures,
      I.measureExits,
    ),
  );
  tables.push(
    breakdownTable(
      'jeunes-entres',
      T(`Jeunes entrés en ${Y} (début d’une prise en charge continue)`, `Young people entering care in ${Y}`),
      young,
      I.peopleEntries,
    ),
  );
  tables.push(
    breakdownTable(
      'jeunes-sortis',
      T(`Jeunes sortis en ${Y}`, `Young people leaving care in ${Y}`),
      young,
      I.peopleExits,
    ),
  );
  tables.push({
    id: 'evolution',
    title: T('Évolution d’une année à l’autre', 'Year on year'),
    columns: [
      { title: T('Année', 'Year') },
      COUNT('Jeunes suivis au 31/12', 'Young people on 31/12'),
      COUNT('Mesures en cours au 31/12', 'Measures on 31/12'),
      COUNT('Mesures commencées', 'Measures started'),
      COUNT('Mesures terminées', 'Measures ended'),
      COUNT('Jeunes entrés', 'Young people entering'),
      COUNT('Jeunes sortis', 'Young people leaving'),
    ],
    rows: I.series.map((s) => [
      String(s.year),
      s.peopleInProgress,
      s.measuresInProgress,
      s.measureEntries,
      s.measureExits,
      s.peopleEntries,
      s.peopleExits,
    ]),
  });
  if (I.transitions && I.transitions.flows.length > 0) {
    const tr = I.transitions;
    const rows: Cell[][] = [];
    tr.flows.forEach((flows, k) => {
      const fromTotals: Counts = tr.states[k] ?? {};
      const order = (id: string): number => (id === 'aucune' ? 999 : NATURE_GROUPS.findIndex((g) => g.id === id));
      for (const f of [...flows].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to))) {
        rows.push([
          dayLabel(tr.dates[k]!),
          groupShort(f.from),
          dayLabel(tr.dates[k + 1]!),
          groupShort(f.to),
          f.count,
          { part: f.count, total: fromTotals[f.from] ?? 0 },
        ]);
      }
    });
    tables.push({
      id: 'trajectoires',
      title: T('Trajectoires d’un 31 décembre à l’autre', 'Trajectories from one 31 December to the next'),
      columns: [
        { title: T('Au', 'On') },
        { title: T('Mesure principale', 'Main measure') },
        { title: T('Au', 'On') },
        { title: T('Mesure principale', 'Main measure') },
        COUNT('Jeunes', 'Young people'),
        { title: T('% du départ', '% of the start'), kind: 'percent' },
      ],
      rows,
      note: T(
        'Mesure principale : la plus récemment commencée parmi celles en cours ce jour-là. « % du départ » : part des jeunes de la même mesure à la première date.',
        'Main measure: the most recently started of those in progress that day. "% of the start": share of the young people with the same measure on the first date.',
      ),
    });
  }
  const qRow = (
    label: Bilingual,
    q: { count: number; events?: number; q1: number | null; median: number | null; q3: number | null },
  ): Cell[] => [label, q.count, q.events ?? q.count, q.q1, q.median, q.q3];
  tables.push({
    id: 'durees',
    title: T('Durées des mesures (jours)', 'Durations of the measures (days)'),
    columns: [
      { title: T('Mesures', 'Measures') },
      COUNT('Effectif', 'Count'),
      COUNT('Fins observées', 'Ends observed'),
      { title: T('1er quartile', '1st quartile'), kind: 'count' },
      { title: T('Médiane', 'Median'), kind: 'count' },
      { title: T('3e quartile', '3rd quartile'), kind: 'count' },
    ],
    rows: [
      qRow(T('Terminées dans la période, début connu', 'Ended within the period, start known'), d.ended),
      qRow(
        T(
          'Kaplan–Meier, toutes natures (mesures en cours censurées)',
          'Kaplan–Meier, all natures (running measures censored)',
        ),
        d.survival,
      ),
      ...NATURE_GROUPS.filter((g) => d.survivalByGroup[g.id]).map((g) =>
        qRow(T(`Kaplan–Meier : ${g.fr}`, `Kaplan–Meier: ${g.en}`), d.survivalByGroup[g.id]!),
      ),
    ],
    note: T(
      `— : quantile non atteint (trop de mesures encore en cours). Mesures exclues : ${formatCount(d.excluded)} (début inconnu ou antérieur aux fichiers, fin sans date).`,
      `—: quantile not reached (too many measures still running). Measures left out: ${formatCount(d.excluded)} (start unknown or before the files, end without a date).`,
    ),
  });
  const firstTotal = Object.values(I.firstMeasures.byGroup).reduce((a, b) => a + b, 0) + I.firstMeasures.startedBefore;
  tables.push({
    id: 'premiere-mesure',
    title: T('Première mesure du parcours', 'First measure of the trajectory'),
    columns: [{ title: T('Nature', 'Nature') }, COUNT('Jeunes', 'Young people'), PCT],
    rows: [
      ...shareRows(groupCategories(), I.firstMeasures.byGroup, firstTotal),
      [
        T('Parcours commencé avant les fichiers', 'Trajectory started before the files'),
        I.firstMeasures.startedBefore,
        { part: I.firstMeasures.startedBefore, total: firstTotal },
      ],
    ],
  });
  const seqTotal = I.sequences.reduce((a, s) => a + s.count, 0);
  const seqLabel = (seq: string[], lang: 'fr' | 'en'): string =>
    seq
      .map((g) => (g === '…' ? (lang === 'fr' ? '(avant les fichiers)' : '(before the files)') : groupShort(g)[lang]))
      .join(' → ');
  tables.push({
    id: 'sequences',
    title: T('Séquences de mesures les plus fréquentes', 'Most frequent sequences of measures'),
    columns: [
      { title: T('Séquence', 'Sequence') },
      COUNT('Jeunes', 'Young people'),
      { title: T('% des séquences listées', '% of the sequences listed'), kind: 'percent' },
    ],
    rows: I.sequences.map((s) => [
      T(seqLabel(s.sequence, 'fr'), seqLabel(s.sequence, 'en')),
      s.count,
      { part: s.count, total: seqTotal },
    ]),
  });
  const endTotal = I.measureExits.total;
  tables.push({
    id: 'motfinint',
    title: T(
      `Raison de la fin (MOTFININT), mesures terminées en ${Y}`,
      `Why the measure ended (MOTFININT), measures ended in ${Y}`,
    ),
    columns: [{ title: T('MOTFININT', 'MOTFININT') }, COUNT('Mesures', 'Measures'), PCT],
    rows: shareRows(codedCategories('MOTFININT', I.endReasons.motfinint), I.endReasons.motfinint, endTotal),
  });
  tables.push({
    id: 'motifml',
    title: T(
      `Raison de la mainlevée (MOTIFML), mesures terminées en ${Y}`,
      `Why the measure was lifted (MOTIFML), measures ended in ${Y}`,
    ),
    columns: [{ title: T('MOTIFML', 'MOTIFML') }, COUNT('Mesures', 'Measures'), PCT],
    rows: shareRows(codedCategories('MOTIFML', I.endReasons.motifml), I.endReasons.motifml, endTotal),
  });
  const dm = I.dangerAtEntry.measures;
  const answer = (variable: string, code: string, fallback: Bilingual): Bilingual =>
    codeText(variable, code) ?? fallback;
  tables.push({
    id: 'danger',
    title: T(
      `Nature du danger à l’entrée, mesures commencées en ${Y} (${formatCount(dm)} avec leur ligne d’ouverture)`,
      `Nature of the danger at entry, measures started in ${Y} (${formatCount(dm)} with their opening line)`,
    ),
    columns: [
      { title: T('Variable', 'Variable') },
      COUNT(answer('SANTE', '2', T('Oui', 'Yes')).fr, answer('SANTE', '2', T('Oui', 'Yes')).en),
      PCT,
      COUNT(answer('SANTE', '1', T('Non', 'No')).fr, answer('SANTE', '1', T('Non', 'No')).en),
      PCT,
      COUNT(answer('SANTE', '9', T('Ne sait pas', 'Unknown')).fr, answer('SANTE', '9', T('Ne sait pas', 'Unknown')).en),
      PCT,
      COUNT('Non renseigné', 'Not filled'),
      PCT,
    ],
    rows: DANGER_VARIABLES.map((v) => {
      const c = I.dangerAtEntry.byVariable[v] ?? { oui: 0, non: 0, nsp: 0, vide: 0 };
      const def = variableDef(v);
      const label: Cell = {
        variable: v,
        code: v,
        label: def ? T(def.label.fr, def.label.en ?? def.label.fr) : T(v, v),
      };
      return [
        label,
        c.oui,
        { part: c.oui, total: dm },
        c.non,
        { part: c.non, total: dm },
        c.nsp,
        { part: c.nsp, total: dm },
        c.vide,
        { part: c.vide, total: dm },
      ];
    }),
  });
  tables.push({
    id: 'pyramide',
    title: T(
      `Pyramide des âges des jeunes suivis au 31 décembre ${Y}`,
      `Age pyramid of the young people in care on 31 December ${Y}`,
    ),
    columns: [
      { title: T('Âge', 'Age'), kind: 'count' },
      COUNT('Garçons', 'Boys'),
      COUNT('Filles', 'Girls'),
      COUNT('Sexe inconnu', 'Sex unknown'),
    ],
    rows: I.pyramid.map((p) => [p.age, p.boys, p.girls, p.unknown]),
  });
  const qualityTotal = I.quality.lines ?? 0;
  tables.push({
    id: 'qualite',
    title: T('Qualité des données : ce qui n’a pas pu être rattaché', 'Data quality: what could not be linked'),
    columns: [
      { title: T('Catégorie', 'Category') },
      COUNT('Effectif', 'Count'),
      { title: T('Premières localisations (fichier:ligne)', 'First locations (file:line)') },
    ],
    rows: r.quality.map((q) => [T(q.fr, q.en), q.count, q.examples.slice(0, 5).join(', ')]),
    note: T(
      `Sur ${formatCount(qualityTotal)} lignes lues. « ligne » est la ligne du fichier.`,
      `Out of ${formatCount(qualityTotal)} lines read. "line" is the line in the file.`,
    ),
  });
  return tables;
}

function dayLabel(iso: string): Bilingual {
  const [y, m, d] = iso.split('-');
  return T(`${d}/${m}/${y}`, `${y}-${m}-${d}`);
}

/**
 * The report's tables as one `.xlsx` workbook (one sheet a table, header in bold, numbers as numbers, shares as
 * ratios), in French or English.
 */
export function reportXlsx(r: AnalysisReport, lang: 'fr' | 'en' = 'fr'): Uint8Array {
  return xlsxWorkbook(reportTables(r).map((t) => ({ name: t.id, rows: tableValues(t, lang) })));
}

const DEFINITIONS = docsUrl('guides/analysis.md');

/**
 * One self-contained HTML page: the trajectories' flow chart, the indicators as tables (each downloadable as
 * CSV, all as a workbook), the pyramid, the durations' curves, the measures over time, the data-quality section.
 * No external resource; a small inline script switches the language.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * reportHtml(analysisReport(t, indicators(t, { charts: true }))).startsWith('<!doctype html>') // true
 */
export function reportHtml(
  r: AnalysisReport,
  title = 'Parcours en protection de l’enfance',
  options: { generatedOn?: string } = {},
): string {
  const I = r.indicators;
  const Y = I.referenceYear;
  const tables = reportTables(r);
  const tableById = new Map(tables.map((t) => [t.id, t]));
  const tab = (id: string): string => {
    const t = tableById.get(id);
    return t ? renderTable(t) : '';
  };
  const sections: string[] = [];
  const share = I.youngAdults.share;
  sections.push(
    `<section id="stock"><h2>${bi(`Au 31 décembre ${Y}`, `On 31 December ${Y}`)}</h2><div class="cards">${[
      [formatCount(I.peopleInProgress.total), T('jeunes suivis', 'young people in care')],
      [formatCount(I.measuresInProgress.total), T('mesures en cours', 'measures in progress')],
      [
        formatCount(I.youngAdults.count),
        T(
          `jeunes majeurs (${share === null ? '—' : formatPercent(I.youngAdults.count, I.peopleInProgress.total)})`,
          `young adults (${share === null ? '—' : formatPercent(I.youngAdults.count, I.peopleInProgress.total)})`,
        ),
      ],
      [formatCount(I.measureEntries.total), T(`mesures commencées en ${Y}`, `measures started in ${Y}`)],
      [formatCount(I.measureExits.total), T(`mesures terminées en ${Y}`, `measures ended in ${Y}`)],
    ]
      .map(
        ([v, l]) =>
          `<div class="card"><div class="value">${v as string}</div><div class="label">${biText(l as Bilingual)}</div></div>`,
      )
      .join(
        '',
      )}</div>${tab('jeunes-en-cours')}${tab('mesures-en-cours')}<figure id="pyramid"><h3>${bi(`Pyramide des âges des jeunes suivis au 31 décembre ${Y}`, `Age pyramid of the young people in care on 31 December ${Y}`)}</h3><div class="chart">${pyramidSvg(I.pyramid, { label: T('Pyramide des âges', 'Age pyramid') })}</div></figure>${tab('pyramide')}</section>`,
  );
  // Trajectories.
  const tr = I.transitions;
  let flows = '';
  if (tr && tr.dates.length >= 2 && tr.people > 0) {
    const nodeOrder = [...NATURE_GROUPS.map((g) => g.id), 'aucune'];
    const chart = flowSvg({
      label: T('Trajectoires entre natures de mesure', 'Trajectories between natures of measure'),
      columns: tr.dates.map((date, k) => ({
        label: T(`Au ${dayLabel(date).fr}`, `On ${dayLabel(date).en}`),
        nodes: nodeOrder
          .filter((id) => (tr.states[k]?.[id] ?? 0) > 0)
          .map((id) => ({ id, label: groupShort(id), count: tr.states[k]![id]!, color: groupColor(id) })),
      })),
      links: tr.flows,
    });
    flows = `<figure id="flows"><h3>${bi(`Trajectoires d’un 31 décembre à l’autre (${formatCount(tr.people)} jeunes)`, `Trajectories from one 31 December to the next (${formatCount(tr.people)} young people)`)}</h3><p class="note">${bi(
      'Chaque colonne : la mesure principale de chaque jeune ce jour-là (la plus récemment commencée parmi celles en cours). Chaque bande : les jeunes passés d’une mesure à l’autre ; sa largeur est leur nombre.',
      'Each column: each young person’s main measure that day (the most recently started of those in progress). Each band: the young people who went from one measure to the other; its width is their number.',
    )}</p><div class="chart">${chart}</div></figure>`;
  }
  sections.push(
    `<section id="trajectories"><h2>${bi('Parcours', 'Trajectories')}</h2>${flows}${tab('trajectoires')}${tab('premiere-mesure')}${tab('sequences')}<p>${bi(
      `Réentrées après une fin : ${formatCount(I.reentries.count)} (${formatCount(I.reentries.people)} jeunes), délai médian ${formatCount(I.reentries.gapDays.median)} jours.`,
      `Re-entries after an end: ${formatCount(I.reentries.count)} (${formatCount(I.reentries.people)} young people), median gap ${formatCount(I.reentries.gapDays.median)} days.`,
    )}</p></section>`,
  );
  sections.push(
    `<section id="flows-year"><h2>${bi(`Entrées et sorties en ${Y}`, `Entries and exits in ${Y}`)}</h2>${tab('mesures-commencees')}${tab('mesures-terminees')}${tab('jeunes-entres')}${tab('jeunes-sortis')}${tab('motfinint')}${tab('motifml')}${tab('danger')}</section>`,
  );
  // Durations.
  const curves = I.durations.curves;
  let km = '';
  if (curves?.all && curves.all.times.length > 0) {
    const groups = NATURE_GROUPS.filter((g) => curves[g.id] && (I.durations.survivalByGroup[g.id]?.count ?? 0) >= 1)
      .sort((a, b) => (I.durations.survivalByGroup[b.id]?.count ?? 0) - (I.durations.survivalByGroup[a.id]?.count ?? 0))
      .slice(0, 6);
    const series = [
      {
        label: T('Toutes natures', 'All natures'),
        color: '#000000',
        times: curves.all.times,
        values: curves.all.values,
      },
      ...groups.map((g) => ({
        label: groupShort(g.id),
        color: groupColor(g.id),
        times: curves[g.id]!.times,
        values: curves[g.id]!.values,
      })),
    ];
    km = `<figure id="survival"><h3>${bi('Part des mesures encore en cours selon leur durée (Kaplan–Meier)', 'Share of measures still running by duration (Kaplan–Meier)')}</h3>${legendHtml(series.map((s) => ({ label: s.label, color: s.color })))}<div class="chart">${stepCurvesSvg(series, { label: T('Courbes de Kaplan–Meier', 'Kaplan–Meier curves') })}</div><p class="note">${bi(
      'La médiane est la durée où une courbe croise la ligne pointillée de 50 %. Les six natures les plus nombreuses sont tracées ; toutes sont dans le tableau.',
      'The median is the duration at which a curve crosses the dotted 50 % line. The six most frequent natures are drawn; all are in the table.',
    )}</p></figure>`;
  }
  sections.push(`<section id="durations"><h2>${bi('Durées', 'Durations')}</h2>${km}${tab('durees')}</section>`);
  // Over time.
  const monthly = I.monthly;
  const total = monthly.map((m) => m.administrative + m.judicial + m.unknown);
  const lineSeries = [
    { label: T('Toutes mesures', 'All measures'), color: '#000000', values: total, width: 2.5 },
    {
      label: {
        fr: codeText('DECISION', '1')?.fr ?? 'Administratives',
        en: codeText('DECISION', '1')?.en ?? 'Administrative',
      },
      color: PALETTE[0]!,
      values: monthly.map((m) => m.administrative),
    },
    {
      label: { fr: codeText('DECISION', '2')?.fr ?? 'Judiciaires', en: codeText('DECISION', '2')?.en ?? 'Judicial' },
      color: PALETTE[3]!,
      values: monthly.map((m) => m.judicial),
    },
  ];
  sections.push(
    `<section id="series"><h2>${bi('Évolution', 'Over time')}</h2>${tab('evolution')}<figure id="monthly"><h3>${bi('Mesures en cours en fin de mois', 'Measures in progress at the end of each month')}</h3>${legendHtml(lineSeries)}<div class="chart">${lineChartSvg(
      monthly.map((m) => monthLabel(m.month)),
      lineSeries,
      {
        label: T('Mesures en cours en fin de mois', 'Measures in progress at month end'),
        showLabel: (i) => monthly[i]!.month.endsWith('-01'),
      },
    )}</div></figure></section>`,
  );
  sections.push(
    `<section id="quality"><h2>${bi('Qualité des données', 'Data quality')}</h2>${tab('qualite')}</section>`,
  );
  const workbookFr = `data:${XLSX_MIME};base64,${base64(reportXlsx(r, 'fr'))}`;
  const workbookEn = `data:${XLSX_MIME};base64,${base64(reportXlsx(r, 'en'))}`;
  const files = r.files
    .map((f) => `${escapeHtml(f.file || '(sans nom)')} (${f.year}, ${formatCount(f.lines)} ${bi('lignes', 'lines')})`)
    .join(', ');
  return renderPage({
    lang: 'fr',
    title,
    heading: escapeHtml(title),
    meta: [
      `${bi('Fichiers', 'Files')} : ${files}`,
      `${bi('Année de référence', 'Reference year')} : ${Y}`,
      `${bi('Produit le', 'Produced on')} ${escapeHtml(options.generatedOn ?? isoDay(Math.floor(Date.now() / 86_400_000)))} ${bi('par olinpe', 'by olinpe')}`,
    ],
    toc: [
      { id: 'stock', label: T(`Au 31 décembre ${Y}`, `On 31 December ${Y}`) },
      { id: 'trajectories', label: T('Parcours', 'Trajectories') },
      { id: 'flows-year', label: T('Entrées et sorties', 'Entries and exits') },
      { id: 'durations', label: T('Durées', 'Durations') },
      { id: 'series', label: T('Évolution', 'Over time') },
      { id: 'quality', label: T('Qualité des données', 'Data quality') },
    ],
    intro: [
      `<p class="note">${bi('Définitions des indicateurs :', 'Definitions of the indicators:')} <a href="${escapeHtml(DEFINITIONS)}">${bi('guide de l’analyse', 'analysis guide')}</a>. ${bi(
        'Aucune donnée d’identité : seuls des effectifs figurent.',
        'No identity data: counts only.',
      )}</p>`,
      `<p class="no-print downloads-all"><a class="l-fr" lang="fr" download="olinpe-analyse-${Y}.xlsx" href="${workbookFr}">${escapeHtml('Télécharger toutes les tables (.xlsx)')}</a><a class="l-en" lang="en" download="olinpe-analysis-${Y}.xlsx" href="${workbookEn}">${escapeHtml('Download every table (.xlsx)')}</a></p>`,
    ],
    body: sections.join('\n'),
  });
}
