/**
 * The analysis report computed by DuckDB from the Parquet files of an export, through the indicator views
 * (sql/indicators.sql) only: the SQL computes every figure; this module runs the views' GROUP BYs and shapes
 * the rows into the same {@link Indicators} object the in-process analysis gives.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DANGER_VARIABLES,
  RecordTable,
  linkTable,
  qualityItems,
  type AnalysisReport,
  type Breakdown,
  type Counts,
  type Indicators,
  type QualityItem,
  type SurvivalQuartiles,
} from '../analysis/index.js';
import { closeDuckDB, openDuckDB, sqlString, type DuckDBSettings } from './duckdb.js';
import { INDICATOR_VIEWS, SEQUENCES_VIEW_DUCKDB, indicatorStatements } from './views.js';

/** The tables the views read, loaded from `<dir>/<name>.parquet`. */
export const VIEW_INPUT_TABLES = ['measures', 'people', 'years', 'month_ends', 'quality', 'files'] as const;

type Row = Record<string, unknown>;

async function query(c: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await c.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Row[];
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

/**
 * Registers the Parquet files of an export as views (`measures`, `people`…) and creates the indicator views
 * on a DuckDB connection.
 */
export async function loadParquetViews(c: DuckDBConnection, dir: string): Promise<void> {
  const base = dir.replace(/[\\/]+$/, '');
  for (const t of VIEW_INPUT_TABLES) {
    await c.run(
      `CREATE OR REPLACE TEMPORARY VIEW ${t} AS SELECT * FROM read_parquet(${sqlString(`${base}/${t}.parquet`)})`,
    );
  }
  for (const statement of indicatorStatements(INDICATOR_VIEWS + SEQUENCES_VIEW_DUCKDB)) await c.run(statement);
}

async function breakdown(c: DuckDBConnection, view: string, where: string): Promise<Breakdown> {
  const b: Breakdown = { total: 0, bySex: {}, byAgeBand: {}, byKind: {}, byGroup: {} };
  const rows = await query(
    c,
    `SELECT sex_label, age_band, kind, nature_group, COUNT(*) AS n FROM ${view} WHERE ${where} GROUP BY ALL`,
  );
  const add = (counts: Counts, k: string, n: number): void => {
    counts[k] = (counts[k] ?? 0) + n;
  };
  for (const r of rows) {
    const n = num(r.n);
    b.total += n;
    add(b.bySex, String(r.sex_label), n);
    add(b.byAgeBand, String(r.age_band), n);
    add(b.byKind, String(r.kind), n);
    add(b.byGroup, String(r.nature_group), n);
  }
  return b;
}

/** Options of {@link parquetReport}. */
export interface ParquetReportOptions extends DuckDBSettings {
  /** Reference year (default: the last year of the files). */
  year?: number;
  /** Number of sequences kept (default 10). */
  topSequences?: number;
  /** Add the charts' data (Kaplan–Meier curves, year-to-year transitions), as `indicators(t, { charts: true })`. */
  charts?: boolean;
}

/**
 * The analysis report of an export directory, computed by DuckDB through the indicator views: the same object
 * as `analysisReport(t, indicators(t))` of `olinpe/analysis` on the files exported.
 *
 * @example
 * const report = await parquetReport('parquet');
 * report.indicators.measuresInProgress.total
 */
export async function parquetReport(dir: string, options: ParquetReportOptions = {}): Promise<AnalysisReport> {
  const db = await openDuckDB(options);
  const c = db.connection;
  try {
    await loadParquetViews(c, dir);
    return await reportFromViews(c, options);
  } finally {
    closeDuckDB(db);
  }
}

/** The report from a connection where {@link loadParquetViews} has run. */
export async function reportFromViews(
  c: DuckDBConnection,
  options: { year?: number; topSequences?: number; charts?: boolean } = {},
): Promise<AnalysisReport> {
  const win =
    (await query(c, 'SELECT MIN(window_first_year) AS first, MAX(window_last_year) AS last FROM years'))[0] ?? {};
  const firstYear = num(win.first);
  const lastYear = num(win.last);
  const year = options.year ?? lastYear;
  const Y = `year = ${Math.trunc(year)}`;

  const ind: Indicators = {
    referenceYear: year,
    window: { firstYear, lastYear },
    peopleInProgress: await breakdown(c, 'ind_people_in_progress', Y),
    measuresInProgress: await breakdown(c, 'ind_measures_in_progress', Y),
    measureEntries: await breakdown(c, 'ind_measure_entries', Y),
    measureExits: await breakdown(c, 'ind_measure_exits', Y),
    peopleEntries: await breakdown(c, 'ind_people_spell_events', `event = 'entry' AND ${Y}`),
    peopleExits: await breakdown(c, 'ind_people_spell_events', `event = 'exit' AND ${Y}`),
    youngAdults: { count: 0, share: null },
    durations: {
      ended: { count: 0, q1: null, median: null, q3: null },
      survival: emptySurvival(),
      survivalByGroup: {},
      excluded: 0,
    },
    firstMeasures: { byGroup: {}, byKind: {}, startedBefore: 0 },
    sequences: [],
    reentries: { people: 0, count: 0, gapDays: { count: 0, q1: null, median: null, q3: null } },
    endReasons: { motfinint: {}, motifml: {} },
    dangerAtEntry: { measures: 0, byVariable: {} },
    pyramid: Array.from({ length: 26 }, (_, a) => ({ age: a, boys: 0, girls: 0, unknown: 0 })),
    series: [],
    monthly: [],
    quality: {},
  };

  const ya = (await query(c, `SELECT young_adults, share FROM ind_young_adults WHERE ${Y}`))[0];
  if (ya) ind.youngAdults = { count: num(ya.young_adults), share: numOrNull(ya.share) };

  const ended = (await query(c, 'SELECT * FROM ind_duration_quartiles'))[0] ?? {};
  ind.durations.ended = {
    count: num(ended.measures),
    q1: numOrNull(ended.q1),
    median: numOrNull(ended.median),
    q3: numOrNull(ended.q3),
  };
  for (const r of await query(c, 'SELECT * FROM ind_survival_quartiles ORDER BY nature_group')) {
    const q: SurvivalQuartiles = {
      count: num(r.measures),
      events: num(r.ended),
      censored: num(r.measures) - num(r.ended),
      q1: numOrNull(r.q1),
      median: numOrNull(r.median),
      q3: numOrNull(r.q3),
    };
    if (r.nature_group === 'all') ind.durations.survival = q;
    else ind.durations.survivalByGroup[String(r.nature_group)] = q;
  }
  ind.durations.excluded = num((await query(c, 'SELECT excluded FROM ind_durations_excluded'))[0]?.excluded);

  if (options.charts) await chartsFromViews(c, ind, firstYear, lastYear);

  for (const r of await query(
    c,
    'SELECT started_before, kind, nature_group, COUNT(*) AS n FROM ind_first_measures GROUP BY ALL',
  )) {
    const n = num(r.n);
    if (r.started_before) ind.firstMeasures.startedBefore += n;
    else {
      ind.firstMeasures.byGroup[String(r.nature_group)] = (ind.firstMeasures.byGroup[String(r.nature_group)] ?? 0) + n;
      ind.firstMeasures.byKind[String(r.kind)] = (ind.firstMeasures.byKind[String(r.kind)] ?? 0) + n;
    }
  }
  ind.sequences = (await query(c, 'SELECT sequence, COUNT(*) AS n FROM ind_sequences GROUP BY sequence'))
    .map((r) => ({ sequence: String(r.sequence).split(' → '), count: num(r.n) }))
    .sort((a, b) => b.count - a.count || a.sequence.join().localeCompare(b.sequence.join()))
    .slice(0, options.topSequences ?? 10);

  const re =
    (
      await query(
        c,
        `SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY gap_days) AS q1,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_days) AS median,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY gap_days) AS q3
     FROM ind_reentries`,
      )
    )[0] ?? {};
  ind.reentries = {
    people: num(re.people),
    count: num(re.n),
    gapDays: { count: num(re.n), q1: numOrNull(re.q1), median: numOrNull(re.median), q3: numOrNull(re.q3) },
  };

  for (const r of await query(c, `SELECT motfinint, COUNT(*) AS n FROM ind_measure_exits WHERE ${Y} GROUP BY ALL`))
    ind.endReasons.motfinint[String(r.motfinint)] = num(r.n);
  for (const r of await query(c, `SELECT motifml, COUNT(*) AS n FROM ind_measure_exits WHERE ${Y} GROUP BY ALL`))
    ind.endReasons.motifml[String(r.motifml)] = num(r.n);

  for (const v of DANGER_VARIABLES) ind.dangerAtEntry.byVariable[v] = { oui: 0, non: 0, nsp: 0, vide: 0 };
  ind.dangerAtEntry.measures = num(
    (await query(c, `SELECT COUNT(DISTINCT measure_id) AS n FROM ind_danger_at_entry WHERE ${Y}`))[0]?.n,
  );
  for (const r of await query(
    c,
    `SELECT variable, answer, COUNT(*) AS n FROM ind_danger_at_entry WHERE ${Y} GROUP BY ALL`,
  )) {
    const v = ind.dangerAtEntry.byVariable[String(r.variable)];
    if (v) v[r.answer as 'oui' | 'non' | 'nsp' | 'vide'] = num(r.n);
  }

  for (const r of await query(
    c,
    `SELECT age, sex_label, COUNT(*) AS n FROM ind_people_in_progress WHERE ${Y} AND age BETWEEN 0 AND 25 GROUP BY ALL`,
  )) {
    const row = ind.pyramid[num(r.age)]!;
    if (r.sex_label === 'masculin') row.boys += num(r.n);
    else if (r.sex_label === 'féminin') row.girls += num(r.n);
    else row.unknown += num(r.n);
  }

  ind.series = (await query(c, 'SELECT * FROM ind_series ORDER BY year')).map((r) => ({
    year: num(r.year),
    peopleInProgress: num(r.people_in_progress),
    measuresInProgress: num(r.measures_in_progress),
    measureEntries: num(r.measure_entries),
    measureExits: num(r.measure_exits),
    peopleEntries: num(r.people_entries),
    peopleExits: num(r.people_exits),
  }));
  const months = await query(c, 'SELECT month FROM month_ends ORDER BY day_n');
  const monthly = new Map(
    months.map((r) => [String(r.month), { month: String(r.month), administrative: 0, judicial: 0, unknown: 0 }]),
  );
  for (const r of await query(c, 'SELECT month, kind, measures FROM ind_monthly_in_progress')) {
    const m = monthly.get(String(r.month));
    if (m) m[r.kind as 'administrative' | 'judicial' | 'unknown'] = num(r.measures);
  }
  ind.monthly = [...monthly.values()];

  const counts = new Map(
    (await query(c, 'SELECT category, count FROM ind_quality')).map((r) => [String(r.category), num(r.count)]),
  );
  const totals =
    (
      await query(
        c,
        'SELECT (SELECT SUM(lines) FROM files) AS lines, (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM measures) AS measures',
      )
    )[0] ?? {};
  const categories = qualityItems(linkTable(new RecordTable())).map((q) => q.id);
  ind.quality = { lines: num(totals.lines), people: num(totals.people), measures: num(totals.measures) };
  for (const k of categories) ind.quality[k === 'unlinked' ? 'unlinkedLines' : k] = counts.get(k) ?? 0;
  ind.quality.approximateDates = counts.get('approximateDates') ?? 0;

  const files = (await query(c, 'SELECT file, year, lines FROM files WHERE lines > 0 ORDER BY file_id')).map((r) => ({
    file: String(r.file),
    year: num(r.year),
    lines: num(r.lines),
  }));
  return { files, indicators: ind, quality: await qualityFromViews(c, counts) };
}

function emptySurvival(): SurvivalQuartiles {
  return { count: 0, events: 0, censored: 0, q1: null, median: null, q3: null };
}

async function qualityFromViews(c: DuckDBConnection, counts: Map<string, number>, limit = 20): Promise<QualityItem[]> {
  const examples = await query(
    c,
    `SELECT category, file, line, reason FROM (
       SELECT q.*, ROW_NUMBER() OVER (PARTITION BY category ORDER BY n) AS k FROM quality q
     ) WHERE k <= ${limit} ORDER BY category, n`,
  );
  const byCategory = new Map<string, string[]>();
  for (const r of examples) {
    const where = r.file ? `${String(r.file)}:${num(r.line)}` : `ligne ${num(r.line)}`;
    const list = byCategory.get(String(r.category)) ?? [];
    list.push(r.reason ? `${where} (${String(r.reason)})` : where);
    byCategory.set(String(r.category), list);
  }
  return qualityItems(linkTable(new RecordTable())).map((q) => ({
    ...q,
    count: counts.get(q.id) ?? 0,
    examples: byCategory.get(q.id) ?? [],
  }));
}

/** The charts' data (Kaplan–Meier curves, year-to-year transitions) from the views, as the analysis gives them. */
async function chartsFromViews(
  c: DuckDBConnection,
  ind: Indicators,
  firstYear: number,
  lastYear: number,
): Promise<void> {
  // The Kaplan–Meier curves: at each duration with an end, the share still running. The view gives the ends and the
  // number at risk; the running product is taken here in the same order as the analysis takes it, so that the
  // floating-point values are the same to the last bit (a window PRODUCT may associate differently).
  const curves: Record<string, { times: number[]; values: number[] }> = { all: { times: [], values: [] } };
  for (const r of await query(c, 'SELECT nature_group FROM ind_survival_quartiles'))
    curves[String(r.nature_group)] = { times: [], values: [] };
  let group = '';
  let s = 1;
  for (const r of await query(
    c,
    'SELECT nature_group, duration_days, ends, at_risk FROM ind_survival WHERE ends > 0 ORDER BY nature_group, duration_days',
  )) {
    if (r.nature_group !== group) [group, s] = [String(r.nature_group), 1];
    s *= 1 - num(r.ends) / num(r.at_risk);
    curves[group]!.times.push(num(r.duration_days));
    curves[group]!.values.push(s);
  }
  ind.durations.curves = curves;

  // Trajectories from one 31 December to the next.
  const states = await query(c, 'SELECT year, state, COUNT(*) AS n FROM ind_year_end_states GROUP BY ALL');
  const stateDays = firstYear
    ? [firstYear - 1, ...Array.from({ length: lastYear - firstYear + 1 }, (_, k) => firstYear + k)]
    : [];
  ind.transitions = {
    dates: stateDays.map((y) => `${y}-12-31`),
    people: num((await query(c, 'SELECT COUNT(DISTINCT person_id) AS n FROM ind_year_end_states'))[0]?.n),
    states: stateDays.map(() => ({})),
    flows: stateDays.slice(1).map(() => []),
  };
  for (const r of states) {
    const k = stateDays.indexOf(num(r.year));
    if (k >= 0) ind.transitions.states[k]![String(r.state)] = num(r.n);
  }
  for (const r of await query(
    c,
    `SELECT b.year, a.state AS from_state, b.state AS to_state, COUNT(*) AS n, MIN(a.person_id) AS first_person
     FROM ind_year_end_states a JOIN ind_year_end_states b ON b.person_id = a.person_id AND b.year = a.year + 1
     GROUP BY ALL ORDER BY b.year, first_person, from_state, to_state`,
  )) {
    const k = stateDays.indexOf(num(r.year));
    if (k >= 1)
      ind.transitions.flows[k - 1]!.push({ from: String(r.from_state), to: String(r.to_state), count: num(r.n) });
  }
}
