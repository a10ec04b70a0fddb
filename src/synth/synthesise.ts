/**
 * `synthesise`: a département's yearly extraction from the population model, with the identities (fake) behind
 * each line, the errors injected on request, and the ground truth (measures and trajectories) that produced it.
 *
 * @module
 */
import { isCode } from '../nomenclature/index.js';
import type { Record2011, Record2016 } from '../model/index.js';
import { checkerAge, dayOf, isoDay, yearOfDay } from '../_lib/days.js';
import { buildRecord2011 } from './fill2011.js';
import { buildRecord2016 } from './fill2016.js';
import { DEMO_KEY, Identifiers, identityInYear } from './identity.js';
import { injectErrors } from './inject-errors.js';
import type { InjectedError } from './inject-errors.js';
import { measureLines } from './lines.js';
import type { LinePlan, LineRole } from './lines.js';
import { youngPerson } from './population.js';
import type { Measure, SynthMeasureKind, YoungPerson } from './population.js';
import { Rng, mixSeed, seedNumber } from './random.js';

/** Options of {@link synthesise} and {@link synthLines}. */
export interface SynthOptions {
  /** Seed: same seed (and options), same output, byte for byte. */
  seed: number | string;
  /** Extraction year N: lines whose DATDECPE, DATDEB or DATFIN fall in N (see `lines.ts` for the exact split). */
  year: number;
  /** Target number of lines of the year's file (approximate: the population size is derived from it). */
  records?: number;
  /** Target number of distinct young people in the year's file (approximate), instead of `records`. */
  youngPeople?: number;
  /** Exact number of young people entering protection each year (overrides `records` and `youngPeople`). */
  entrantsPerYear?: number;
  /** NUMDEP code (default '84'). */
  department?: string;
  /** Record model: '2016' (default) or '2011'. */
  edition?: '2016' | '2011';
  /** Share of lines given an injected error (0 to 0.5; default 0). */
  errorRate?: number;
  /** Level-1 pseudonymisation key (default {@link DEMO_KEY}, public: demo only). */
  key?: string | Uint8Array;
  /** Share of young people whose mother's name is corrected once (default 0.02). */
  correctionRate?: number;
  /** Include UTDP (ODPE-only variable; default false, as in the file sent to the ONPE). */
  utdp?: boolean;
}

/** The identity behind one line (fake), for the pseudonymisation demo. */
export interface SynthIdentity {
  /** Index of the line in `records`. */
  recordIndex: number;
  /** Non-identifying join key (`L` + 1-based line number), also written in the identity CSV. */
  ref: string;
  /** Model id of the young person. */
  youngPerson: string;
  prenom: string;
  nomMere: string;
  jnais: number;
  mnais: number;
  anais: number;
}

/** One event of a measure in the ground truth. */
export interface TruthEvent {
  role: LineRole;
  typev: '1' | '2' | '3';
  /** Extraction year whose file holds this line. */
  year: number;
  /** Index of the line in that year's `records`, or null when that file was not generated in this call. */
  recordIndex: number | null;
  datdecpe: string;
  /** Empty on a decision line (start not known yet: DATDEB has no unknown form, G18 p5, p45). */
  datdeb: string;
  datfin: string | null;
  /** Index of the period (0 = opening, 1… = renewals). */
  period: number;
}

/** One measure of the ground truth. */
export interface TruthMeasure {
  id: string;
  youngPerson: string;
  /** NUMANONYM of the young person in the last generated year. */
  numanonym: string;
  kind: SynthMeasureKind;
  /** DECISION code: '1' administrative, '2' judicial. */
  decision: '1' | '2';
  /** NATPDECADM or NATDECASSED code. */
  nature: string;
  /** DATDECPE of the opening. */
  decisionDate: string;
  /** DATDEB of the opening. */
  start: string;
  /** DATFIN of the last period when it falls in or before the last generated year, else null (still running). */
  end: string | null;
  /** DATFIN of the last period, whatever the year (the model's future). */
  trueEnd: string;
  /** MOTFININT/MOTIFML of the last end line, when `end` is not null. */
  endReason: { MOTFININT: string; MOTIFML: string } | null;
  /** The renewals, in order. */
  renewals: { decisionDate: string; start: string; end: string }[];
  /** Each period (opening and renewals) with its own end. */
  periods: { decisionDate: string; start: string; end: string }[];
  /** True when the next measure follows without a break (end line in hypothesis 2). */
  followedByNext: boolean;
  /** Record indices of this measure's lines in the generated file (single-year calls). */
  lines: number[];
  /** Every line of the measure, in every year, with its file and index when generated. */
  events: TruthEvent[];
}

/** One young person of the ground truth. */
export interface TruthYoungPerson {
  id: string;
  numanonym: string;
  /** NUMANONYM used in each generated year's file where the person appears. */
  numanonymByYear: Record<string, string>;
  sexe: string;
  anais: number;
  mnais: number;
  /** The identity correction, when simulated: in `year`, NUMANONYMANT (before) differs from NUMANONYM (after). */
  correction: { year: number; field: 'nomMere'; numanonymBefore: string; numanonymAfter: string } | null;
  /** Ids of the measures with at least one line in the generated files, in trajectory order. */
  measures: string[];
}

/** The ground truth of a generation. */
export interface GroundTruth {
  seed: number;
  years: number[];
  department: string;
  edition: '2016' | '2011';
  entrantsPerYear: number;
  youngPeople: TruthYoungPerson[];
  measures: TruthMeasure[];
  /** One trajectory per young person: their measures in order. */
  trajectories: { youngPerson: string; numanonym: string; measures: string[] }[];
}

/** The result of {@link synthesise}. */
export interface SynthResult<R = Record2016 | Record2011> {
  records: R[];
  identities: SynthIdentity[];
  injected: InjectedError[];
  truth: GroundTruth;
}

/** One generated line, as streamed by {@link synthLines}. */
export interface SynthLine<R = Record2016 | Record2011> {
  record: R;
  person: YoungPerson;
  plan: LinePlan;
  identity: Omit<SynthIdentity, 'recordIndex' | 'ref'>;
}

/** Average number of lines in a year's 2016 file per yearly entrant (measured on the model, see the tests). */
export const LINES_PER_ENTRANT = 5.5;
/** Average number of distinct young people in a year's file per yearly entrant. */
export const PEOPLE_PER_ENTRANT = 3.4;
/** How many years before N a young person may have entered and still have lines in N (age 0 to 21). */
const HORIZON = 22;

/**
 * The number of young people entering protection each year implied by the options.
 *
 * @example
 * entrantsPerYear({ seed: 1, year: 2023, records: 3000 }); // 545 (3000 / LINES_PER_ENTRANT)
 */
export function entrantsPerYear(options: SynthOptions): number {
  if (options.entrantsPerYear !== undefined) return Math.max(0, Math.floor(options.entrantsPerYear));
  if (options.youngPeople !== undefined) return Math.max(1, Math.round(options.youngPeople / PEOPLE_PER_ENTRANT));
  return Math.max(1, Math.round((options.records ?? 1000) / LINES_PER_ENTRANT));
}

function checkOptions(options: SynthOptions): void {
  if (!Number.isInteger(options.year) || options.year < 1950 || options.year > 2090) {
    throw new RangeError(`year must be an integer between 1950 and 2090 (got ${String(options.year)})`);
  }
  const dep = options.department ?? '84';
  const edition = options.edition ?? '2016';
  if (edition !== '2016' && edition !== '2011')
    throw new RangeError(`edition must be 2016 or 2011 (got ${String(edition)})`);
  if (!isCode('NUMDEP', dep, edition))
    throw new RangeError(`department ${dep} is not a NUMDEP code of the ${edition} edition`);
  const rate = options.errorRate ?? 0;
  if (!(rate >= 0 && rate <= 0.5)) throw new RangeError(`errorRate must be between 0 and 0.5 (got ${String(rate)})`);
}

/** Seed of one line: depends on the person, the measure, the period and the role, never on the year asked for. */
function lineSeed(seed: number, person: YoungPerson, plan: LinePlan): number {
  const rank = person.measures.indexOf(plan.measure);
  const role = ['opening', 'decision', 'start', 'renewal', 'end'].indexOf(plan.role);
  return mixSeed(seed, person.entryYear, person.index, rank, plan.period, role);
}

/**
 * Streams the lines of one year's file, person by person, without keeping the file in memory (for very large
 * files). `synthesise` uses it and adds truth and errors.
 *
 * @example
 * let n = 0;
 * for (const line of synthLines({ seed: 1, year: 2023, records: 100 })) n++;
 */
export function* synthLines(options: SynthOptions): Generator<SynthLine> {
  checkOptions(options);
  const seed = seedNumber(options.seed);
  const year = options.year;
  const n = entrantsPerYear(options);
  const edition = options.edition ?? '2016';
  const department = options.department ?? '84';
  const ids = new Identifiers(options.key ?? DEMO_KEY);
  const pop = { seed, correctionRate: options.correctionRate };
  const firstOfYear = dayOf(year, 1, 1);
  for (let entry = year - HORIZON; entry <= year; entry++) {
    for (let k = 0; k < n; k++) {
      const person = youngPerson(pop, entry, k);
      if (lastDay(person) < firstOfYear) continue;
      const plans: LinePlan[] = [];
      for (const m of person.measures) for (const l of measureLines(m)) if (l.fileYear === year) plans.push(l);
      if (plans.length === 0) continue;
      plans.sort((a, b) => sortKey(a) - sortKey(b));
      const { NUMANONYM, NUMANONYMANT } = ids.forYear(person, year, lastSentBefore(person, year, edition));
      const identity = identityInYear(person, year);
      for (const plan of plans) {
        const rng = new Rng(lineSeed(seed, person, plan));
        const ctx = {
          numdep: department,
          numanonym: NUMANONYM,
          numanonymant: NUMANONYMANT,
          utdp: options.utdp ?? false,
        };
        const record =
          edition === '2016' ? buildRecord2016(person, plan, ctx, rng) : buildRecord2011(person, plan, ctx, rng);
        if (record === null) continue;
        yield {
          record,
          person,
          plan,
          identity: {
            youngPerson: person.id,
            prenom: identity.prenom,
            nomMere: identity.nomMere,
            jnais: person.jnais,
            mnais: person.mnais,
            anais: person.anais,
          },
        };
      }
      ids.clear();
    }
  }
}

/**
 * The last year before `year` whose file carries a line of the young person (in this edition: 2011 files have no
 * young adult), or undefined. NUMANONYMANT is the pseudonym sent then (G18 p12–13: kept by the département and sent
 * at the next sending, "figée jusqu'à l'envoi suivant"), not the pseudonym of `year - 1`: a young person corrected
 * in a year without a line in its file is chained on their next line.
 */
function lastSentBefore(person: YoungPerson, year: number, edition: '2016' | '2011'): number | undefined {
  let last: number | undefined;
  for (const m of person.measures) {
    for (const l of measureLines(m)) {
      if (l.fileYear >= year || (last !== undefined && l.fileYear <= last)) continue;
      if (edition === '2011' && checkerAge(person.anais, person.mnais, l.datdecpe) >= 18) continue;
      last = l.fileYear;
    }
  }
  return last;
}

function lastDay(person: YoungPerson): number {
  let last = 0;
  for (const m of person.measures) last = Math.max(last, m.periods[m.periods.length - 1]!.end);
  return last;
}

function sortKey(l: LinePlan): number {
  return l.role === 'end' ? l.datfin! : l.role === 'decision' ? l.datdecpe : l.datdeb!;
}

/**
 * Generates one year's extraction with its identities, injected errors and ground truth.
 *
 * @example
 * const { records, truth, injected } = synthesise({ seed: 42, year: 2023, records: 2000, errorRate: 0.05 });
 * records.length > 1500; // true
 * injected.length > 0; // true
 */
export function synthesise(options: SynthOptions & { edition?: '2016' }): SynthResult<Record2016>;
export function synthesise(options: SynthOptions & { edition: '2011' }): SynthResult<Record2011>;
export function synthesise(options: SynthOptions): SynthResult;
export function synthesise(options: SynthOptions): SynthResult {
  const lines = [...synthLines(options)];
  const records = lines.map((l) => l.record);
  const seed = seedNumber(options.seed);
  const {
    records: out,
    injected,
    indexMap,
    sources,
  } = injectErrors(records, {
    rate: options.errorRate ?? 0,
    seed: mixSeed(seed, options.year, 0xe44),
    year: options.year,
    edition: options.edition ?? '2016',
  });
  const identities: SynthIdentity[] = out.map((_, i) => {
    const l = lines[sources[i]!]!;
    return { recordIndex: i, ref: `L${i + 1}`, ...l.identity };
  });
  const truth = buildTruth(options, [{ year: options.year, lines, indexMap }]);
  return { records: out, identities, injected, truth };
}

/** The result of {@link synthesiseYears}: one file per year and one ground truth over all of them. */
export interface SynthYearsResult<R = Record2016 | Record2011> {
  files: { year: number; records: R[]; identities: SynthIdentity[]; injected: InjectedError[] }[];
  truth: GroundTruth;
}

/**
 * Several consecutive (or any) yearly extractions of the same population, with one ground truth whose events point
 * into each year's file (`events[].year` and `events[].recordIndex`).
 *
 * @example
 * const { files, truth } = synthesiseYears({ seed: 7, records: 500 }, [2022, 2023, 2024]);
 * files.map((f) => f.year); // [2022, 2023, 2024]
 */
export function synthesiseYears(options: Omit<SynthOptions, 'year'>, years: number[]): SynthYearsResult {
  const seed = seedNumber(options.seed);
  const files: SynthYearsResult['files'] = [];
  const perYear: { year: number; lines: SynthLine[]; indexMap: number[] }[] = [];
  for (const year of years) {
    const lines = [...synthLines({ ...options, year })];
    const { records, injected, indexMap, sources } = injectErrors(
      lines.map((l) => l.record),
      { rate: options.errorRate ?? 0, seed: mixSeed(seed, year, 0xe44), year, edition: options.edition ?? '2016' },
    );
    const identities = records.map((_, i) => ({ recordIndex: i, ref: `L${i + 1}`, ...lines[sources[i]!]!.identity }));
    files.push({ year, records, identities, injected });
    perYear.push({ year, lines, indexMap });
  }
  return { files, truth: buildTruth({ ...options, year: Math.max(...years) }, perYear) };
}

function buildTruth(
  options: SynthOptions,
  perYear: { year: number; lines: SynthLine[]; indexMap: number[] }[],
): GroundTruth {
  const seed = seedNumber(options.seed);
  const years = perYear.map((p) => p.year);
  const lastYear = Math.max(...years);
  const ids = new Identifiers(options.key ?? DEMO_KEY);
  // Where each planned line landed: (measure id, period, role, year) → record index.
  const where = new Map<string, number>();
  const people = new Map<string, YoungPerson>();
  const yearsOf = new Map<string, Set<number>>();
  const measuresSeen = new Set<string>();
  for (const { year, lines, indexMap } of perYear) {
    lines.forEach((l, i) => {
      where.set(`${l.plan.measure.id}|${l.plan.period}|${l.plan.role}|${year}`, indexMap[i]!);
      people.set(l.person.id, l.person);
      measuresSeen.add(l.plan.measure.id);
      let s = yearsOf.get(l.person.id);
      if (!s) yearsOf.set(l.person.id, (s = new Set()));
      s.add(year);
    });
  }
  const youngPeople: TruthYoungPerson[] = [];
  const measures: TruthMeasure[] = [];
  const ordered = [...people.values()].sort((a, b) => a.entryYear - b.entryYear || a.index - b.index);
  for (const person of ordered) {
    const seen = [...yearsOf.get(person.id)!].sort((a, b) => a - b);
    const numanonym = ids.numanonym(person, seen[seen.length - 1]!);
    const byYear: Record<string, string> = {};
    for (const y of seen) byYear[String(y)] = ids.numanonym(person, y);
    const mine = person.measures.filter((m) => measuresSeen.has(m.id));
    youngPeople.push({
      id: person.id,
      numanonym,
      numanonymByYear: byYear,
      sexe: person.sexe,
      anais: person.anais,
      mnais: person.mnais,
      correction: person.correction
        ? {
            year: person.correction.year,
            field: 'nomMere',
            numanonymBefore: ids.numanonym(person, person.correction.year - 1),
            numanonymAfter: ids.numanonym(person, person.correction.year),
          }
        : null,
      measures: mine.map((m) => m.id),
    });
    for (const m of mine) measures.push(truthMeasure(m, person, numanonym, lastYear, where, years));
  }
  return {
    seed,
    years,
    department: options.department ?? '84',
    edition: options.edition ?? '2016',
    entrantsPerYear: entrantsPerYear(options),
    youngPeople,
    measures,
    trajectories: youngPeople.map((p) => ({ youngPerson: p.id, numanonym: p.numanonym, measures: p.measures })),
  };
}

function truthMeasure(
  m: Measure,
  person: YoungPerson,
  numanonym: string,
  lastYear: number,
  where: Map<string, number>,
  years: number[],
): TruthMeasure {
  const first = m.periods[0]!;
  const last = m.periods[m.periods.length - 1]!;
  const observed = yearOfDay(last.end) <= lastYear;
  const events: TruthEvent[] = measureLines(m).map((l) => {
    const idx = where.get(`${m.id}|${l.period}|${l.role}|${l.fileYear}`);
    return {
      role: l.role,
      typev: l.typev,
      year: l.fileYear,
      recordIndex: idx ?? null,
      datdecpe: isoDay(l.datdecpe),
      datdeb: l.datdeb === null ? '' : isoDay(l.datdeb),
      datfin: l.datfin === null ? null : isoDay(l.datfin),
      period: l.period,
    };
  });
  const periods = m.periods.map((p) => ({
    decisionDate: isoDay(p.decision),
    start: isoDay(p.start),
    end: isoDay(p.end),
  }));
  return {
    id: m.id,
    youngPerson: person.id,
    numanonym,
    kind: m.kind,
    decision: m.kind === 'administrative' ? '1' : '2',
    nature: m.nature,
    decisionDate: isoDay(first.decision),
    start: isoDay(first.start),
    end: observed ? isoDay(last.end) : null,
    trueEnd: isoDay(last.end),
    endReason: observed
      ? { MOTFININT: m.endReason.MOTFININT, MOTIFML: m.followedByNext ? '' : m.endReason.MOTIFML }
      : null,
    renewals: periods.slice(1),
    periods,
    followedByNext: m.followedByNext,
    lines: years.length === 1 ? events.filter((e) => e.recordIndex !== null).map((e) => e.recordIndex!) : [],
    events,
  };
}
