/**
 * Indicators for the observatories, computed from {@link Trajectories}. Every indicator is defined in
 * docs/guides/analysis.md; the short definitions are repeated on each field below.
 */
import { INDICATOR_AGE_BANDS as BANDS, UNKNOWN_AGE_BAND } from '../_lib/age-bands.js';
import { NO_DAY, ageOn, dayOf, isoDay, yearOfDay } from './dates.js';
import { MeasureFlag, type Trajectories } from './link.js';
import { KINDS, NATURE_GROUPS } from './natures.js';
import {
  kaplanMeier,
  kaplanMeierCurve,
  quartiles,
  type Quartiles,
  type SurvivalCurve,
  type SurvivalQuartiles,
} from './stats.js';
import { DANGER_VARIABLES } from './table.js';

/**
 * The indicators' age bands in completed years: `0-2`, `3-5`, `6-10`, `11-14`, `15-17`, `18-20`, `21+` (defined
 * once, in src/_lib/age-bands.ts, with the SQL views of `olinpe/export`). Not the bands of an analysis extract
 * (`extractAgeBand` of `olinpe/pseudonymisation`, which cut 11–17 elsewhere).
 */
export const INDICATOR_AGE_BANDS = BANDS;

/**
 * The indicators' age band of an age in completed years, or 'inconnu' when the age is not known (negative) or
 * outside every band.
 *
 * @example
 * indicatorAgeBand(17) // '15-17'
 * indicatorAgeBand(-1) // 'inconnu'
 */
export function indicatorAgeBand(age: number): string {
  if (age < 0) return UNKNOWN_AGE_BAND;
  return BANDS.find((b) => age >= b.min && age <= b.max)?.id ?? UNKNOWN_AGE_BAND;
}

/** Counts by category. */
export type Counts = Record<string, number>;

/** Breakdown of a population of measures or people. */
export interface Breakdown {
  total: number;
  bySex: Counts;
  byAgeBand: Counts;
  byKind: Counts;
  byGroup: Counts;
}

/** One year of the series. */
export interface YearPoint {
  year: number;
  peopleInProgress: number;
  measuresInProgress: number;
  measureEntries: number;
  measureExits: number;
  peopleEntries: number;
  peopleExits: number;
}

/** The indicators of one reference year (plus series over every year of the files). */
export interface Indicators {
  referenceYear: number;
  window: { firstYear: number; lastYear: number };
  /** Young people with at least one measure in progress on 31 December (age on that day). */
  peopleInProgress: Breakdown;
  /** Measures in progress on 31 December: started on or before that day, not ended before it. */
  measuresInProgress: Breakdown;
  /** Measures whose effective start (DATDEB) falls in the year (age at the start). */
  measureEntries: Breakdown;
  /** Measures whose end (DATFIN of the last end line) falls in the year (age at the start). */
  measureExits: Breakdown;
  /** Young people starting a spell of protection in the year (no other measure running the day before). */
  peopleEntries: Breakdown;
  /** Young people ending a spell of protection in the year (no measure running the day after). */
  peopleExits: Breakdown;
  /** Share of young adults (18 or over on 31 December) among the young people in progress. */
  youngAdults: { count: number; share: number | null };
  durations: {
    /** Days from start to end of the measures ended during the files' years, start known. */
    ended: Quartiles;
    /** Kaplan–Meier over the measures started during the files' years, still running ones censored at the end of the last year. */
    survival: SurvivalQuartiles;
    /** Same, per group of nature. */
    survivalByGroup: Record<string, SurvivalQuartiles>;
    /** Measures left out of durations: start unknown or before the files (left-truncated), or end date unknown. */
    excluded: number;
    /** The Kaplan–Meier curves behind `survival` ('all') and `survivalByGroup` (the DuckDB engine's report has them too). */
    curves?: Record<string, SurvivalCurve>;
  };
  /**
   * Trajectories from one year to the next: each young person's main measure (the most recently started one in
   * progress; 'aucune' when none) on 31 December of the year before the files and of each year of the files, and
   * how many went from each group of nature to each other between two consecutive dates. Young people with no
   * measure in progress on any of these dates are not counted.
   */
  transitions?: {
    dates: string[];
    people: number;
    states: Record<string, number>[];
    flows: { from: string; to: string; count: number }[][];
  };
  /** Group of the first measure of each trajectory starting during the files' years; others are counted apart. */
  firstMeasures: { byGroup: Counts; byKind: Counts; startedBefore: number };
  /** Most frequent sequences of measure groups (consecutive repeats collapsed; '…' = started before the files). */
  sequences: { sequence: string[]; count: number }[];
  /** Spells starting after an earlier spell of the same young person had ended. */
  reentries: { people: number; count: number; gapDays: Quartiles };
  /** MOTFININT and MOTIFML of the measures ending in the year. */
  endReasons: { motfinint: Counts; motifml: Counts };
  /** Danger variables on the opening line of the measures starting in the year (oui / non / ne sait pas / vide). */
  dangerAtEntry: {
    measures: number;
    byVariable: Record<string, { oui: number; non: number; nsp: number; vide: number }>;
  };
  /** Population pyramid on 31 December: young people in progress by age (0–25) and sex. */
  pyramid: { age: number; boys: number; girls: number; unknown: number }[];
  /** Every year of the files. */
  series: YearPoint[];
  /** Measures in progress at the end of each month of the files' years, by kind. */
  monthly: { month: string; administrative: number; judicial: number; unknown: number }[];
  quality: Record<string, number>;
}

const SEX = (s: number): string => (s === 1 ? 'masculin' : s === 2 ? 'féminin' : 'inconnu');

function emptyBreakdown(): Breakdown {
  return { total: 0, bySex: {}, byAgeBand: {}, byKind: {}, byGroup: {} };
}
function inc(c: Counts, k: string, by = 1): void {
  c[k] = (c[k] ?? 0) + by;
}

/** Options of {@link indicators}. */
export interface IndicatorOptions {
  /** The reference year (the last year of the files by default). */
  year?: number;
  /** How many sequences to list (10). */
  topSequences?: number;
  /**
   * Also the data of the analysis page's charts: `transitions` (year to year) and `durations.curves`
   * (Kaplan–Meier). Off by default: the SQL views of `olinpe export` give the other indicators only.
   */
  charts?: boolean;
}

/**
 * Computes the indicators of a reference year (by default the last year of the files).
 *
 * @example
 * // given: const records = synthesise({ seed: 1, year: 2023, records: 300 }).records;
 * const ind = indicators(await buildTrajectories([records]));
 * ind.measuresInProgress.total
 */
export function indicators(t: Trajectories, options: IndicatorOptions = {}): Indicators {
  const { measures: M, people: P } = t;
  const year = options.year ?? t.window.lastYear;
  const dec31 = dayOf(year, 12, 31);
  const yStart = dayOf(year, 1, 1);
  const wStart = t.window.start;
  const wEnd = t.window.end;
  const started = (m: number): boolean => M.start[m]! !== NO_DAY;
  const endUnknown = (m: number): boolean => (M.flags[m]! & MeasureFlag.END_DATE_UNKNOWN) !== 0;
  const inProgress = (m: number, d: number): boolean =>
    started(m) && !endUnknown(m) && M.start[m]! <= d && (M.end[m]! === NO_DAY || M.end[m]! > d);
  const age = (p: number, d: number): number => ageOn(d, P.birthYear[p]!, P.birthMonth[p]!);
  const addTo = (b: Breakdown, m: number, p: number, d: number): void => {
    b.total++;
    inc(b.bySex, SEX(P.sex[p]!));
    inc(b.byAgeBand, indicatorAgeBand(age(p, d)));
    if (m >= 0) {
      inc(b.byKind, KINDS[M.kind[m]!]!);
      inc(b.byGroup, NATURE_GROUPS[M.group[m]!]!.id);
    }
  };

  const res: Indicators = {
    referenceYear: year,
    window: { firstYear: t.window.firstYear, lastYear: t.window.lastYear },
    peopleInProgress: emptyBreakdown(),
    measuresInProgress: emptyBreakdown(),
    measureEntries: emptyBreakdown(),
    measureExits: emptyBreakdown(),
    peopleEntries: emptyBreakdown(),
    peopleExits: emptyBreakdown(),
    youngAdults: { count: 0, share: null },
    durations: { ended: quartiles([]), survival: kaplanMeier([], []), survivalByGroup: {}, excluded: 0 },
    firstMeasures: { byGroup: {}, byKind: {}, startedBefore: 0 },
    sequences: [],
    reentries: { people: 0, count: 0, gapDays: quartiles([]) },
    endReasons: { motfinint: {}, motifml: {} },
    dangerAtEntry: { measures: 0, byVariable: {} },
    pyramid: Array.from({ length: 26 }, (_, a) => ({ age: a, boys: 0, girls: 0, unknown: 0 })),
    series: [],
    monthly: [],
    quality: {},
  };
  for (const v of DANGER_VARIABLES) res.dangerAtEntry.byVariable[v] = { oui: 0, non: 0, nsp: 0, vide: 0 };

  const years: number[] = [];
  for (let y = t.window.firstYear; y && y <= t.window.lastYear; y++) years.push(y);
  const series = new Map(
    years.map((y) => [
      y,
      {
        year: y,
        peopleInProgress: 0,
        measuresInProgress: 0,
        measureEntries: 0,
        measureExits: 0,
        peopleEntries: 0,
        peopleExits: 0,
      },
    ]),
  );
  const monthEnds: number[] = [];
  for (const y of years) for (let mo = 1; mo <= 12; mo++) monthEnds.push(dayOf(y, mo + 1, 1) - 1);
  res.monthly = monthEnds.map((d) => ({ month: isoDay(d).slice(0, 7), administrative: 0, judicial: 0, unknown: 0 }));

  // Measures.
  // Typed arrays of one cell per measure (at most), not growing lists: 18 bytes a measure, freed on return.
  const endedDurations = new Float64Array(M.length);
  const kmTimes = new Float64Array(M.length);
  const kmEnded = new Uint8Array(M.length);
  const kmGroup = new Uint8Array(M.length);
  let endedCount = 0;
  let kmCount = 0;
  for (let m = 0; m < M.length; m++) {
    const p = M.person[m]!;
    const s = M.start[m]!;
    const e = M.end[m]!;
    if (inProgress(m, dec31)) addTo(res.measuresInProgress, m, p, dec31);
    if (started(m) && s >= yStart && s <= dec31) {
      addTo(res.measureEntries, m, p, s);
      if (!(M.flags[m]! & MeasureFlag.OPENING_MISSING)) {
        res.dangerAtEntry.measures++;
        DANGER_VARIABLES.forEach((v, k) => {
          const bits = (M.danger[m]! >>> (2 * k)) & 3;
          res.dangerAtEntry.byVariable[v]![(['vide', 'non', 'oui', 'nsp'] as const)[bits]!]++;
        });
      }
    }
    if (e !== NO_DAY && e >= yStart && e <= dec31) {
      addTo(res.measureExits, m, p, s !== NO_DAY ? s : e);
      inc(res.endReasons.motfinint, String(M.endReason[m]! || 'vide'));
      inc(res.endReasons.motifml, String(M.endReasonMl[m]! || 'vide'));
    }
    for (const [y, pt] of series) {
      const d = dayOf(y, 12, 31);
      if (inProgress(m, d)) pt.measuresInProgress++;
      if (started(m) && yearOfDay(s) === y) pt.measureEntries++;
      if (e !== NO_DAY && yearOfDay(e) === y) pt.measureExits++;
    }
    if (started(m)) {
      monthEnds.forEach((d, i) => {
        if (inProgress(m, d)) res.monthly[i]![KINDS[M.kind[m]!]!]++;
      });
    }
    // Durations.
    const truncated = !started(m) || s < wStart || (M.flags[m]! & MeasureFlag.OPENING_MISSING) !== 0;
    if (truncated || endUnknown(m)) {
      if (!(M.flags[m]! & MeasureFlag.NOT_STARTED)) res.durations.excluded++;
      continue;
    }
    if (e !== NO_DAY) endedDurations[endedCount++] = e - s;
    kmTimes[kmCount] = (e !== NO_DAY ? e : wEnd) - s;
    kmEnded[kmCount] = e !== NO_DAY ? 1 : 0;
    kmGroup[kmCount++] = M.group[m]!;
  }
  res.durations.ended = quartiles(endedDurations.subarray(0, endedCount));
  const times = kmTimes.subarray(0, kmCount);
  const ended = kmEnded.subarray(0, kmCount);
  res.durations.survival = kaplanMeier(times, ended);
  if (options.charts) res.durations.curves = { all: kaplanMeierCurve(times, ended) };
  NATURE_GROUPS.forEach((g, gi) => {
    let n = 0;
    for (let i = 0; i < kmCount; i++) if (kmGroup[i] === gi) n++;
    if (n === 0) return;
    const groupTimes = new Float64Array(n);
    const groupEnded = new Uint8Array(n);
    for (let i = 0, k = 0; i < kmCount; i++)
      if (kmGroup[i] === gi) {
        groupTimes[k] = times[i]!;
        groupEnded[k++] = ended[i]!;
      }
    res.durations.survivalByGroup[g.id] = kaplanMeier(groupTimes, groupEnded);
    if (res.durations.curves) res.durations.curves[g.id] = kaplanMeierCurve(groupTimes, groupEnded);
  });

  // Trajectories from one 31 December to the next (the day before the files, then each year's end).
  const stateDays =
    options.charts && years.length > 0 ? [dayOf(years[0]! - 1, 12, 31), ...years.map((y) => dayOf(y, 12, 31))] : [];
  const transitions = {
    dates: stateDays.map((d) => isoDay(d)),
    people: 0,
    states: stateDays.map(() => ({}) as Record<string, number>),
    flows: stateDays.slice(1).map(() => new Map<string, number>()),
  };
  const mainState = (from: number, to: number, d: number): string => {
    let best = -1;
    for (let m = from; m < to; m++) if (inProgress(m, d) && (best < 0 || M.start[m]! >= M.start[best]!)) best = m;
    return best < 0 ? 'aucune' : NATURE_GROUPS[M.group[best]!]!.id;
  };

  // People: spells, sequences, first measures, stock.
  const seqCounts = new Map<string, number>();
  const gaps: number[] = [];
  for (let p = 0; p < P.length; p++) {
    const from = P.measureStart[p]!;
    const to = P.measureStart[p + 1]!;
    if (from === to) continue;
    // Stock on 31 December.
    let running = -1;
    for (let m = from; m < to; m++)
      if (inProgress(m, dec31)) {
        running = m;
        break;
      }
    if (running >= 0) {
      addTo(res.peopleInProgress, running, p, dec31);
      const a = age(p, dec31);
      if (a >= 18) res.youngAdults.count++;
      if (a >= 0 && a <= 25) {
        const row = res.pyramid[a]!;
        if (P.sex[p] === 1) row.boys++;
        else if (P.sex[p] === 2) row.girls++;
        else row.unknown++;
      }
    }
    for (const [y, pt] of series) {
      const d = dayOf(y, 12, 31);
      for (let m = from; m < to; m++)
        if (inProgress(m, d)) {
          pt.peopleInProgress++;
          break;
        }
    }
    // Main measure on each 31 December, and the flows between consecutive dates.
    const states = stateDays.map((d) => mainState(from, to, d));
    if (states.some((st) => st !== 'aucune')) {
      transitions.people++;
      states.forEach((st, k) => {
        inc(transitions.states[k]!, st);
        if (k > 0) {
          const key = `${states[k - 1]}\u0000${st}`;
          transitions.flows[k - 1]!.set(key, (transitions.flows[k - 1]!.get(key) ?? 0) + 1);
        }
      });
    }
    // Sequence and first measure.
    const seq: string[] = [];
    if (M.flags[from]! & MeasureFlag.OPENING_MISSING || !started(from) || M.start[from]! < wStart) {
      seq.push('…');
      res.firstMeasures.startedBefore++;
    } else {
      inc(res.firstMeasures.byGroup, NATURE_GROUPS[M.group[from]!]!.id);
      inc(res.firstMeasures.byKind, KINDS[M.kind[from]!]!);
    }
    for (let m = from; m < to; m++) {
      const g = NATURE_GROUPS[M.group[m]!]!.id;
      if (seq[seq.length - 1] !== g) seq.push(g);
    }
    const key = seq.join(' → ');
    seqCounts.set(key, (seqCounts.get(key) ?? 0) + 1);
    // Spells: measures merged when they overlap or follow within one day.
    let spellStart = NO_DAY;
    let spellEnd = NO_DAY;
    let spellOpen = false;
    let spellFirst = -1;
    let previousEnd = NO_DAY;
    let reentered = false;
    const closeSpell = (): void => {
      if (spellStart === NO_DAY) return;
      if (!spellOpen && spellEnd !== NO_DAY) {
        if (spellEnd >= yStart && spellEnd <= dec31) addTo(res.peopleExits, spellFirst, p, spellStart);
        const pt = series.get(yearOfDay(spellEnd));
        if (pt) pt.peopleExits++;
      }
    };
    const openSpell = (m: number): void => {
      const s = M.start[m]!;
      if (previousEnd !== NO_DAY) {
        res.reentries.count++;
        gaps.push(s - previousEnd);
        reentered = true;
      }
      spellStart = s;
      spellFirst = m;
      spellEnd = M.end[m]!;
      spellOpen = M.end[m]! === NO_DAY;
      const truncatedStart = (M.flags[m]! & MeasureFlag.OPENING_MISSING) !== 0;
      if (!truncatedStart) {
        if (s >= yStart && s <= dec31) addTo(res.peopleEntries, m, p, s);
        const pt = series.get(yearOfDay(s));
        if (pt) pt.peopleEntries++;
      }
    };
    for (let m = from; m < to; m++) {
      if (!started(m) || endUnknown(m)) continue;
      const s = M.start[m]!;
      if (spellStart !== NO_DAY && (spellOpen || s <= spellEnd + 1)) {
        if (M.end[m]! === NO_DAY) spellOpen = true;
        else if (M.end[m]! > spellEnd) spellEnd = M.end[m]!;
        continue;
      }
      closeSpell();
      if (spellStart !== NO_DAY && !spellOpen) previousEnd = spellEnd;
      openSpell(m);
    }
    closeSpell();
    if (reentered) res.reentries.people++;
  }
  res.reentries.gapDays = quartiles(gaps);
  res.youngAdults.share = res.peopleInProgress.total ? res.youngAdults.count / res.peopleInProgress.total : null;
  res.sequences = [...seqCounts]
    .map(([k, count]) => ({ sequence: k.split(' → '), count }))
    .sort((a, b) => b.count - a.count || a.sequence.join().localeCompare(b.sequence.join()))
    .slice(0, options.topSequences ?? 10);
  res.series = [...series.values()];
  if (options.charts)
    res.transitions = {
      dates: transitions.dates,
      people: transitions.people,
      states: transitions.states,
      flows: transitions.flows.map((f) =>
        [...f].map(([key, count]) => {
          const [from, to] = key.split('\u0000') as [string, string];
          return { from, to, count };
        }),
      ),
    };
  const q = t.quality;
  res.quality = {
    lines: t.table.length,
    people: P.length,
    measures: M.length,
    endsWithoutOpening: q.endsWithoutOpening.length,
    endsBeforeWindow: q.endsBeforeWindow.length,
    renewalsWithoutOpening: q.renewalsWithoutOpening.length,
    renewalsBeforeWindow: q.renewalsBeforeWindow.length,
    periodsWithoutEnd: q.periodsWithoutEnd.length,
    openNeverClosed: q.openNeverClosed.length,
    notStarted: q.notStarted.length,
    conflictingIdentities: q.conflictingIdentities.length,
    conflictingEnds: q.conflictingEnds.length,
    looseEnds: q.looseEnds.length,
    repeatedLines: q.repeatedLines.length,
    unlinkedLines: q.unlinked.length,
    approximateDates: q.approximateDates,
  };
  return res;
}
