/** Object views over the columnar results, for small data, tests and display. */
import { NO_DAY, isoDay } from './dates.js';
import { KINDS, NATURE_GROUPS, type MeasureKind, type NatureGroup } from './natures.js';
import { MeasureFlag, type Trajectories } from './link.js';

/** One measure as a plain object (dates as `AAAA-MM-JJ`, null when absent). */
export interface MeasureView {
  index: number;
  person: number;
  kind: MeasureKind;
  group: NatureGroup;
  /** The raw NATPDECADM or NATDECASSED code. */
  nature: string;
  decisionDate: string | null;
  start: string | null;
  end: string | null;
  renewals: number;
  lines: number;
  censored: boolean;
  openingMissing: boolean;
  beforeWindow: boolean;
  endReason: number | null;
  /** Where its opening (or first known) line and its last end line came from. */
  firstLine: string;
  endLine: string | null;
}

/** A young person's trajectory: identity summary and measures in order. */
export interface TrajectoryView {
  person: number;
  /** The pseudonyms chained into this person. */
  pseudonyms: string[];
  sex: number;
  birthYear: number;
  birthMonth: number;
  conflictingIdentity: boolean;
  measures: MeasureView[];
}

const orNull = (d: number): string | null => (d === NO_DAY ? null : isoDay(d));

/**
 * The measure at index i as a plain object.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * measureView(t, 0).group // 'aemo'
 */
export function measureView(t: Trajectories, i: number): MeasureView {
  const m = t.measures;
  const flags = m.flags[i]!;
  const end = m.endLine[i]!;
  return {
    index: i,
    person: m.person[i]!,
    kind: KINDS[m.kind[i]!]!,
    group: NATURE_GROUPS[m.group[i]!]!.id,
    nature: t.table.small.get(m.nature[i]!),
    decisionDate: orNull(m.decision[i]!),
    start: orNull(m.start[i]!),
    end: orNull(m.end[i]!),
    renewals: m.renewals[i]!,
    lines: m.lineCount[i]!,
    censored: end < 0 && (flags & MeasureFlag.NOT_STARTED) === 0,
    openingMissing: (flags & MeasureFlag.OPENING_MISSING) !== 0,
    beforeWindow: (flags & MeasureFlag.BEFORE_WINDOW) !== 0,
    endReason: m.endReason[i]! || null,
    firstLine: t.table.where(m.firstLine[i]!),
    endLine: end >= 0 ? t.table.where(end) : null,
  };
}

/**
 * The trajectory of person p.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * personTrajectory(t, 0).measures.map((m) => m.group) // ['aed', 'placement']
 */
export function personTrajectory(t: Trajectories, p: number): TrajectoryView {
  const P = t.people;
  const ids = new Set<string>();
  for (let k = P.lineStart[p]!; k < P.lineStart[p + 1]!; k++) {
    const r = P.lineOrder[k]!;
    ids.add(t.table.ids.get(t.table.numanonym[r]!));
    const ant = t.table.numanonymant[r]!;
    if (ant) ids.add(t.table.ids.get(ant));
  }
  const measures: MeasureView[] = [];
  for (let i = P.measureStart[p]!; i < P.measureStart[p + 1]!; i++) measures.push(measureView(t, i));
  return {
    person: p,
    pseudonyms: [...ids].sort(),
    sex: P.sex[p]!,
    birthYear: P.birthYear[p]!,
    birthMonth: P.birthMonth[p]!,
    conflictingIdentity: P.flags[p]! !== 0,
    measures,
  };
}

/**
 * Every measure as plain objects (for small data only).
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * allMeasures(t).length === t.measures.length // true
 */
export function allMeasures(t: Trajectories): MeasureView[] {
  const out: MeasureView[] = [];
  for (let i = 0; i < t.measures.length; i++) out.push(measureView(t, i));
  return out;
}
