/**
 * From event lines to young people, measures and trajectories.
 *
 * 1. Young people: union-find over pseudonyms; every line joins its NUMANONYM with its NUMANONYMANT, so a
 *    person is the set of pseudonyms chained across years (any file order).
 * 2. Periods: a TYPEV 1 line (decision or start) or a TYPEV 2 line (renewal) opens a period; the TYPEV 3 line
 *    with the same decision variables (LINK_VARIABLES of the nomenclature, G18 p. 7: DATDECPE, DATDEB and the
 *    nature variables of NATURE_LINK_VARIABLES) closes it.
 * 3. Measures: a renewal continues the latest earlier period of the same nature; a measure is an opening
 *    followed by its renewals, from the opening's DATDEB to the last period's DATFIN.
 * 4. What cannot be linked is kept and reported (see {@link Quality}), never dropped.
 */
import { NO_DAY, dayNumber, dayOf, yearOfDay } from './dates.js';
import { GrowColumn } from './grow.js';
import { natureGroupIndex } from './natures.js';
import { RecordTable, addSource, type RecordSource, type StoredColumn } from './table.js';

/** Flags of a measure (bit set in {@link MeasureTable.flags}). */
export const MeasureFlag = {
  /** No opening line (TYPEV 1) was found: the measure is known from a renewal or an end only. */
  OPENING_MISSING: 1,
  /** The opening is probably in a file before the first file given (left-truncated). */
  BEFORE_WINDOW: 2,
  /** A date of the measure was partial (day or month 99) and placed mid-period. */
  APPROXIMATE: 4,
  /** An end was paired by DATDEB and nature only (its DATDECPE differs from the opening's). */
  LOOSE_END: 8,
  /** Decided but no effective start date (DATDEB empty or unknown) and no end: not in progress. */
  NOT_STARTED: 16,
  /** A period was followed by a renewal without its own end line. */
  IMPLICIT_PERIOD_END: 32,
  /** Closed by an end line whose DATFIN is unknown. */
  END_DATE_UNKNOWN: 64,
} as const;

/** Flags of a young person. */
export const PersonFlag = {
  /** Lines of this person carry two different known SEXE values. */
  CONFLICT_SEX: 1,
  /** Lines of this person carry two different known ANAIS or MNAIS values. */
  CONFLICT_BIRTH: 2,
} as const;

/** Measures, one row each, ordered by person then start. */
export interface MeasureTable {
  length: number;
  person: Int32Array;
  /** 0 administrative, 1 judicial, 2 unknown. */
  kind: Uint8Array;
  /** Index into NATURE_GROUPS. */
  group: Uint8Array;
  /** The raw nature code (NATPDECADM or NATDECASSED), as a small-pool id. */
  nature: Uint16Array;
  /** DATDECPE of the first decision (day number or NO_DAY). */
  decision: Int32Array;
  /** Effective start (DATDEB of the opening, or of the earliest known period), or NO_DAY. */
  start: Int32Array;
  /** DATFIN of the last end line, or NO_DAY when still open (censored) or unknown. */
  end: Int32Array;
  renewals: Uint16Array;
  lineCount: Uint16Array;
  flags: Uint8Array;
  /** MOTFININT of the last end (numeric, 0 when none). */
  endReason: Uint8Array;
  /** MOTIFML of the last end (numeric, 0 when none). */
  endReasonMl: Uint8Array;
  /** Packed danger variables of the opening line. */
  danger: Uint32Array;
  /** The opening line's row (or the first known line). */
  firstLine: Int32Array;
  /** The last end line's row, or -1. */
  endLine: Int32Array;
}

/** Young people, one row each. */
export interface PersonTable {
  length: number;
  /** 1, 2, or 9/0 when unknown. */
  sex: Uint8Array;
  birthYear: Uint16Array;
  birthMonth: Uint8Array;
  flags: Uint8Array;
  /** Measures of person p are rows measureStart[p] … measureStart[p+1]-1 of the measure table. */
  measureStart: Int32Array;
  /** Lines of person p are lineOrder[lineStart[p]] … lineOrder[lineStart[p+1]-1]. */
  lineStart: Int32Array;
  lineOrder: Int32Array;
}

/** A line that could not be linked, with why. */
export type UnlinkedReason = 'no-numanonym' | 'bad-typev';

/** What could not be linked, by category: rows (line indices) or measure / person indices. */
export interface Quality {
  /** End lines with no opening or renewal, whose DATDEB is inside the files' years: a genuine gap. */
  endsWithoutOpening: Int32Array;
  /** End lines with no opening, whose DATDEB is before the first file's year: opening in a missing file. */
  endsBeforeWindow: Int32Array;
  /** Renewal lines with no earlier period of the same nature, later than the first file's year. */
  renewalsWithoutOpening: Int32Array;
  /** Renewal lines with no earlier period, in the first file's year or before (opening in a missing file). */
  renewalsBeforeWindow: Int32Array;
  /**
   * Openings or renewals (their line) followed by a renewal of the same measure but closed by no end line in any
   * of the files (G18 p5–7: each opening or renewal is closed by a TYPEV 3 line).
   */
  periodsWithoutEnd: Int32Array;
  /** Measures opened and never closed: censored at the end of the last file's year. */
  openNeverClosed: Int32Array;
  /** Measures decided but never started (no DATDEB) and not closed. */
  notStarted: Int32Array;
  /** Persons with two different known SEXE, ANAIS or MNAIS values. */
  conflictingIdentities: Int32Array;
  /** Second end lines for one period with a different DATFIN (the earliest DATFIN is kept). */
  conflictingEnds: Int32Array;
  /** End lines paired by DATDEB and nature only (their DATDECPE differs from the opening's). */
  looseEnds: Int32Array;
  /** Lines identical in their decision variables to another line of the same event (merged). */
  repeatedLines: Int32Array;
  /** Lines that could not be read as an event of a person. */
  unlinked: { row: number; reason: UnlinkedReason }[];
  /** Lines with a partial date (day or month 99) placed mid-period. */
  approximateDates: number;
}

/** A file and the reference year inferred from its dates (the year most of its lines fall in). */
export interface FileYear {
  file: string;
  year: number;
  lines: number;
}

/** The result of {@link buildTrajectories}. */
export interface Trajectories {
  table: RecordTable;
  files: FileYear[];
  /** The years covered by the files, and their first and last day. */
  window: { firstYear: number; lastYear: number; start: number; end: number };
  people: PersonTable;
  measures: MeasureTable;
  /** Measure of each line (-1 when unlinked). */
  lineMeasure: Int32Array;
  /** Person of each line (-1 without NUMANONYM). */
  linePerson: Int32Array;
  quality: Quality;
  /** Day number and year of every small-pool value that is a date (NO_DAY otherwise). */
  smallDay: Int32Array;
}

/** Options of {@link buildTrajectories}. */
export interface BuildOptions {
  /** Reference years of the files (by file label), overriding the inferred years. */
  fileYears?: Record<string, number>;
  /**
   * The years the files cover, overriding those inferred from the table (for linking a part of a larger set of
   * files, as `olinpe/export` does person by person: the window decides what "before the files" means).
   */
  window?: { firstYear: number; lastYear: number };
  /**
   * The linkage consumes the table, letting go of each part of the lines as soon as it has used it: the
   * pseudonyms once the lines are grouped into young people, the other values once the measures are built (the
   * table keeps the number of lines, the code pools and where each line came from, so `qualityItems` still locates
   * its examples); `lineMeasure` and `linePerson` come back empty (`people.lineOrder` is kept). People, measures,
   * quality lists and everything computed from them are those of the plain linkage (test/analysis/lean-report).
   * For the CLI's report, whose lines are most of the memory it holds: the per-line arrays of the linkage are then
   * never alive together with all the table's columns. Take `qualityItems`, then `releaseLines`.
   */
  consume?: boolean;
}

interface Period {
  cls: number;
  renewal: boolean;
  /** Row carrying the period's decision data (opening or renewal line); -1 for a stub from an end. */
  open: number;
  decpe: number;
  deb: number;
  startDay: number;
  endRow: number;
  rows: number[];
  loose: boolean;
  next: Period | null;
  prev: Period | null;
}

function find(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r]! !== r) r = parent[r]!;
  while (parent[x]! !== r) {
    const n = parent[x]!;
    parent[x] = r;
    x = n;
  }
  return r;
}

function codeNumber(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n < 256 ? n : 0;
}

/**
 * Builds young people, measures and trajectories from one or several yearly files given in any order.
 * `sources` lists the files (an array or any iterable): each is an iterable (or async iterable) of records, or
 * `{ file, records }` to label its lines. One file's records are one source: `buildTrajectories([records])`.
 * Options, when any, always come second as an object.
 *
 * @example
 * const t = await buildTrajectories([
 *   { file: '2018.xml', records: [{ NUMANONYM: 'a'.repeat(40), TYPEV: '1', DECISION: '2', NATDECASSED: '15',
 *       DATDECPE: '2018-03-01', DATDEB: '2018-03-05', SEXE: '1', ANAIS: '2010', MNAIS: '04' }] },
 *   { file: '2019.xml', records: [{ NUMANONYM: 'a'.repeat(40), TYPEV: '3', DECISION: '2', NATDECASSED: '15',
 *       DATDECPE: '2018-03-01', DATDEB: '2018-03-05', DATFIN: '2019-03-04', MOTFININT: '1' }] },
 * ]);
 * t.measures.length // 1
 */
export async function buildTrajectories(
  sources: Iterable<RecordSource>,
  options: BuildOptions = {},
): Promise<Trajectories> {
  const list = [...sources];
  const table = new RecordTable();
  for (const [k, s] of list.entries()) {
    if (!isSource(s))
      throw new TypeError(
        `buildTrajectories: source ${k + 1} is not a list of records nor { file, records }` +
          " (one file's records are one source: buildTrajectories([records]))",
      );
    await addSource(table, s, list.length > 1 ? `source ${k + 1}` : '');
  }
  return linkTable(table, options);
}

/** Whether a value can be read as a source: iterable, async iterable, or `{ file, records }`. */
function isSource(s: unknown): s is RecordSource {
  if (typeof s !== 'object' || s === null) return false;
  if (Symbol.iterator in s || Symbol.asyncIterator in s) return true;
  return typeof (s as { file?: unknown }).file === 'string' && 'records' in s;
}

/**
 * The reference year of each file: the year in which most of its lines have DATDECPE, DATDEB or DATFIN.
 *
 * @example
 * // a file whose lines mostly fall in 2018 → [{ file, year: 2018, lines }]
 */
export function inferFileYears(
  table: RecordTable,
  smallYear: Int32Array,
  override: Record<string, number> = {},
): FileYear[] {
  const counts = table.files.map(() => new Map<number, number>());
  const lines = table.files.map(() => 0);
  const { DATDECPE, DATDEB, DATFIN } = table.cols;
  for (let i = 0; i < table.length; i++) {
    const f = table.file[i]!;
    lines[f]!++;
    const seen = new Set<number>();
    for (const id of [DATDECPE[i]!, DATDEB[i]!, DATFIN[i]!]) {
      const y = smallYear[id]!;
      if (y > 0 && !seen.has(y)) {
        seen.add(y);
        counts[f]!.set(y, (counts[f]!.get(y) ?? 0) + 1);
      }
    }
  }
  const out: FileYear[] = [];
  table.files.forEach((file, f) => {
    if (lines[f] === 0) return;
    let best = 0;
    let bestN = -1;
    for (const [y, n] of counts[f]!) if (n > bestN || (n === bestN && y > best)) [best, bestN] = [y, n];
    out.push({ file, year: override[file] ?? best, lines: lines[f]! });
  });
  return out;
}

/**
 * Links the lines of a {@link RecordTable} (see {@link buildTrajectories}; this is its synchronous core).
 *
 * @example
 * const table = new RecordTable();
 * table.add({ NUMANONYM: 'b'.repeat(40), TYPEV: '1', DECISION: '1', NATPDECADM: '10', DATDECPE: '2018-01-02', DATDEB: '2018-01-02' });
 * linkTable(table).quality.openNeverClosed.length // 1
 */
export function linkTable(table: RecordTable, options: BuildOptions = {}): Trajectories {
  const n = table.length;
  const cols = table.cols;
  // Dates of the small pool.
  const smallDay = new Int32Array(table.small.size).fill(NO_DAY);
  const smallYear = new Int32Array(table.small.size);
  const smallApprox = new Uint8Array(table.small.size);
  for (let id = 1; id < table.small.size; id++) {
    const d = dayNumber(table.small.get(id));
    smallDay[id] = d.day;
    if (d.day !== NO_DAY) smallYear[id] = yearOfDay(d.day);
    smallApprox[id] = d.approximate ? 1 : 0;
  }
  const smallNum = new Float64Array(table.small.size);
  for (let id = 1; id < table.small.size; id++) smallNum[id] = Number(table.small.get(id));
  const files = inferFileYears(table, smallYear, options.fileYears);
  const years = files.map((f) => f.year).filter((y) => y > 0);
  const firstYear = options.window ? options.window.firstYear : years.length ? Math.min(...years) : 0;
  const lastYear = options.window ? options.window.lastYear : years.length ? Math.max(...years) : 0;
  const window = {
    firstYear,
    lastYear,
    start: firstYear ? dayOf(firstYear) : NO_DAY,
    end: lastYear ? dayOf(lastYear, 12, 31) : NO_DAY,
  };

  const consume = options.consume === true;

  // 1. Persons: union-find over pseudonyms.
  // (No object holding them is kept: with `consume`, linePerson is let go before the measures are built.)
  let { linePerson, persons } = groupPersons(table);
  if (consume) table.releasePseudonyms();
  const { lineStart, lineOrder } = orderLines(linePerson, persons);

  // Outputs.
  const sex = new Uint8Array(persons);
  const birthYear = new Uint16Array(persons);
  const birthMonth = new Uint8Array(persons);
  const pflags = new Uint8Array(persons);
  const measureStart = new Int32Array(persons + 1);
  const lineMeasure = consume ? new Int32Array(0) : new Int32Array(n).fill(-1);
  const M = {
    person: new GrowColumn(Int32Array),
    kind: new GrowColumn(Uint8Array),
    group: new GrowColumn(Uint8Array),
    nature: new GrowColumn(Uint16Array),
    decision: new GrowColumn(Int32Array),
    start: new GrowColumn(Int32Array),
    end: new GrowColumn(Int32Array),
    renewals: new GrowColumn(Uint16Array),
    lineCount: new GrowColumn(Uint16Array),
    flags: new GrowColumn(Uint8Array),
    endReason: new GrowColumn(Uint8Array),
    endReasonMl: new GrowColumn(Uint8Array),
    danger: new GrowColumn(Uint32Array),
    firstLine: new GrowColumn(Int32Array),
    endLine: new GrowColumn(Int32Array),
  };
  const Q = {
    endsWithoutOpening: new GrowColumn(Int32Array),
    endsBeforeWindow: new GrowColumn(Int32Array),
    renewalsWithoutOpening: new GrowColumn(Int32Array),
    renewalsBeforeWindow: new GrowColumn(Int32Array),
    periodsWithoutEnd: new GrowColumn(Int32Array),
    openNeverClosed: new GrowColumn(Int32Array),
    notStarted: new GrowColumn(Int32Array),
    conflictingIdentities: new GrowColumn(Int32Array),
    conflictingEnds: new GrowColumn(Int32Array),
    looseEnds: new GrowColumn(Int32Array),
    repeatedLines: new GrowColumn(Int32Array),
  };
  const unlinked: Quality['unlinked'] = [];
  let approximateDates = 0;
  for (let i = 0; i < n; i++) {
    // Without a person exactly when without NUMANONYM (see groupPersons).
    if (linePerson[i]! < 0) unlinked.push({ row: i, reason: 'no-numanonym' });
    if (smallApprox[cols.DATDECPE[i]!] || smallApprox[cols.DATDEB[i]!] || smallApprox[cols.DATFIN[i]!])
      approximateDates++;
  }
  if (consume) linePerson = new Int32Array(0);

  const typevOne = table.small.find('1');
  const typevTwo = table.small.find('2');
  const typevThree = table.small.find('3');
  // What two lines of one measure share besides the dates: the decision and nature variables of G18 p. 6 (the
  // nomenclature's NATURE_LINK_VARIABLES), held together as one id per line by the table.
  const natureOf = table.nature;
  const sameNature = (a: number, b: number): boolean => natureOf[a] === natureOf[b];
  const dayOfRow = (col: StoredColumn, row: number): number => smallDay[cols[col][row]!]!;

  for (let p = 0; p < persons; p++) {
    const from = lineStart[p]!;
    const to = lineStart[p + 1]!;
    // Identity: the most frequent known value; conflicts reported.
    identity(table, smallNum, lineOrder, from, to, p, sex, birthYear, birthMonth, pflags);
    if (pflags[p]) Q.conflictingIdentities.push(p);

    // Rows of this person sorted deterministically (content first, then file and line).
    const rows: number[] = [];
    for (let k = from; k < to; k++) rows.push(lineOrder[k]!);
    rows.sort((a, b) => rowOrder(a, b));

    // Nature classes.
    const reps: number[] = [];
    const clsOf = new Map<number, number>();
    for (const r of rows) {
      let c = -1;
      for (let j = 0; j < reps.length; j++)
        if (sameNature(reps[j]!, r)) {
          c = j;
          break;
        }
      if (c < 0) c = reps.push(r) - 1;
      clsOf.set(r, c);
    }
    const periods: Period[] = [];
    const newPeriod = (r: number, renewal: boolean, open: number): Period => {
      const pd: Period = {
        cls: clsOf.get(r)!,
        renewal,
        open,
        decpe: cols.DATDECPE[r]!,
        deb: cols.DATDEB[r]!,
        startDay: dayOfRow('DATDEB', r),
        endRow: -1,
        rows: [r],
        loose: false,
        next: null,
        prev: null,
      };
      periods.push(pd);
      return pd;
    };
    const ends: number[] = [];
    for (const r of rows) {
      const t = cols.TYPEV[r]!;
      if (t === typevThree) {
        ends.push(r);
        continue;
      }
      if (t !== typevOne && t !== typevTwo) {
        unlinked.push({ row: r, reason: 'bad-typev' });
        continue;
      }
      const renewal = t === typevTwo;
      const cls = clsOf.get(r)!;
      const deb = cols.DATDEB[r]!;
      const debKnown = smallDay[deb] !== NO_DAY;
      // Same event already seen (repeated across files), or a decision line completed by its start line.
      const same = periods.find(
        (q) =>
          q.renewal === renewal &&
          q.cls === cls &&
          q.decpe === cols.DATDECPE[r] &&
          (q.deb === deb || !debKnown || q.startDay === NO_DAY),
      );
      if (!same) {
        newPeriod(r, renewal, r);
        continue;
      }
      same.rows.push(r);
      if (same.deb === deb) Q.repeatedLines.push(r);
      else if (debKnown) {
        // The start line completes a decision line: it carries the period's decision data from now on.
        same.deb = deb;
        same.startDay = smallDay[deb]!;
        same.open = r;
      }
    }
    // Ends, in DATFIN order.
    ends.sort((a, b) => dayOfRow('DATFIN', a) - dayOfRow('DATFIN', b) || rowOrder(a, b));
    for (const r of ends) {
      const cls = clsOf.get(r)!;
      const deb = cols.DATDEB[r]!;
      const decpe = cols.DATDECPE[r]!;
      let q = periods.find((x) => x.open >= 0 && x.cls === cls && x.decpe === decpe && x.deb === deb);
      let loose = false;
      if (!q) {
        q = periods.find(
          (x) => x.open >= 0 && x.cls === cls && x.endRow < 0 && x.deb === deb && smallDay[deb] !== NO_DAY,
        );
        if (!q)
          q = periods.find(
            (x) => x.open >= 0 && x.cls === cls && x.endRow < 0 && x.decpe === decpe && x.startDay === NO_DAY,
          );
        loose = q !== undefined;
      }
      if (!q) {
        // An end already seen as a stub (repeated end line)?
        q = periods.find((x) => x.open < 0 && x.cls === cls && x.decpe === decpe && x.deb === deb);
      }
      if (!q) {
        const stub = newPeriod(r, false, -1);
        stub.endRow = r;
        continue;
      }
      q.rows.push(r);
      if (q.endRow < 0) {
        q.endRow = r;
        if (loose) {
          q.loose = true;
          Q.looseEnds.push(r);
          if (smallDay[q.deb] === NO_DAY) {
            q.deb = deb;
            q.startDay = smallDay[deb]!;
          }
        }
      } else if (cols.DATFIN[q.endRow] === cols.DATFIN[r]) Q.repeatedLines.push(r);
      else Q.conflictingEnds.push(r);
    }

    // Chaining: openings and stubs start measures; a renewal continues the latest period of its nature.
    const key = (q: Period): number => {
      const d = q.startDay !== NO_DAY ? q.startDay : smallDay[q.decpe]!;
      return d === NO_DAY ? 2147483647 : d;
    };
    periods.sort(
      (a, b) => key(a) - key(b) || Number(a.renewal) - Number(b.renewal) || rowOrder(a.rows[0]!, b.rows[0]!),
    );
    const tails = new Map<number, Period>();
    const heads: Period[] = [];
    for (const q of periods) {
      const tail = tails.get(q.cls);
      if (q.renewal && tail) {
        tail.next = q;
        q.prev = tail;
      } else {
        heads.push(q);
        if (q.renewal) {
          const y = key(q) === 2147483647 ? 0 : yearOfDay(key(q));
          (y <= firstYear ? Q.renewalsBeforeWindow : Q.renewalsWithoutOpening).push(q.open);
        } else if (q.open < 0) {
          const before = q.startDay !== NO_DAY && window.start !== NO_DAY && q.startDay < window.start;
          (before ? Q.endsBeforeWindow : Q.endsWithoutOpening).push(q.endRow);
        }
      }
      tails.set(q.cls, q);
    }

    // Measures, ordered by start.
    measureStart[p] = M.person.length;
    heads.sort((a, b) => key(a) - key(b) || a.cls - b.cls);
    for (const h of heads) {
      const m = M.person.length;
      let renewals = 0;
      let lines = 0;
      let flags = 0;
      let last = h;
      let start = h.startDay;
      for (let q: Period | null = h; q; q = q.next) {
        if (q.renewal) renewals++;
        if (q.loose) flags |= MeasureFlag.LOOSE_END;
        if (q.next && q.endRow < 0) {
          flags |= MeasureFlag.IMPLICIT_PERIOD_END;
          Q.periodsWithoutEnd.push(q.open >= 0 ? q.open : q.rows[0]!);
        }
        if (start === NO_DAY && q.startDay !== NO_DAY) start = q.startDay;
        for (const r of q.rows) {
          if (!consume) lineMeasure[r] = m;
          lines++;
          if (smallApprox[cols.DATDECPE[r]!] || smallApprox[cols.DATDEB[r]!] || smallApprox[cols.DATFIN[r]!])
            flags |= MeasureFlag.APPROXIMATE;
        }
        last = q;
      }
      const rep = h.open >= 0 ? h.open : h.rows[0]!;
      if (h.open < 0 || h.renewal) {
        flags |= MeasureFlag.OPENING_MISSING;
        const y = start !== NO_DAY ? yearOfDay(start) : 0;
        if (h.renewal ? y <= firstYear : start !== NO_DAY && start < window.start) flags |= MeasureFlag.BEFORE_WINDOW;
      }
      let end = NO_DAY;
      let reason = 0;
      let reasonMl = 0;
      if (last.endRow >= 0) {
        end = dayOfRow('DATFIN', last.endRow);
        if (end === NO_DAY) flags |= MeasureFlag.END_DATE_UNKNOWN;
        reason = codeNumber(table.str('MOTFININT', last.endRow));
        reasonMl = codeNumber(table.str('MOTIFML', last.endRow));
      } else if (start === NO_DAY) {
        flags |= MeasureFlag.NOT_STARTED;
        Q.notStarted.push(m);
      } else Q.openNeverClosed.push(m);
      const decision = table.str('DECISION', rep);
      M.person.push(p);
      M.kind.push(decision === '1' ? 0 : decision === '2' ? 1 : 2);
      M.group.push(natureGroupIndex(decision, table.str('NATPDECADM', rep), table.str('NATDECASSED', rep)));
      M.nature.push(
        decision === '1' ? table.id('NATPDECADM', rep) : decision === '2' ? table.id('NATDECASSED', rep) : 0,
      );
      M.decision.push(smallDay[h.decpe]!);
      M.start.push(start);
      M.end.push(end);
      M.renewals.push(renewals);
      M.lineCount.push(Math.min(lines, 65535));
      M.flags.push(flags);
      M.endReason.push(reason);
      M.endReasonMl.push(reasonMl);
      M.danger.push(h.open >= 0 && !h.renewal ? table.danger[h.open]! : 0);
      M.firstLine.push(rep);
      M.endLine.push(last.endRow);
    }
  }
  measureStart[persons] = M.person.length;
  if (consume) table.releaseValues();

  function rowOrder(a: number, b: number): number {
    return (
      cols.TYPEV[a]! - cols.TYPEV[b]! ||
      dayOrZero(cols.DATDECPE[a]!) - dayOrZero(cols.DATDECPE[b]!) ||
      dayOrZero(cols.DATDEB[a]!) - dayOrZero(cols.DATDEB[b]!) ||
      dayOrZero(cols.DATFIN[a]!) - dayOrZero(cols.DATFIN[b]!) ||
      table.file[a]! - table.file[b]! ||
      a - b
    );
  }
  function dayOrZero(id: number): number {
    const d = smallDay[id]!;
    return d === NO_DAY ? 0 : d;
  }

  // Each column taken in turn: at most one is held twice (grown and trimmed) at a time.
  const view = <T extends Record<string, GrowColumn>>(g: T): { [K in keyof T]: ReturnType<T[K]['take']> } =>
    Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.take()])) as never;
  return {
    table,
    files,
    window,
    people: { length: persons, sex, birthYear, birthMonth, flags: pflags, measureStart, lineStart, lineOrder },
    measures: { length: M.person.length, ...view(M) } as unknown as MeasureTable,
    lineMeasure,
    linePerson,
    quality: { ...(view(Q) as unknown as Omit<Quality, 'unlinked' | 'approximateDates'>), unlinked, approximateDates },
    smallDay,
  };
}

/**
 * Lets go of what only the lines need (the table's columns and pseudonyms, each line's person and measure, the
 * lines in person order), keeping the people, the measures, the quality lists, the files and the number of lines:
 * enough for {@link indicators}. Take the quality examples (`qualityItems`) before: they locate lines. The CLI's
 * report does so, for a national consolidation's lines are most of what the linkage holds.
 *
 * @example
 * // given: const t = await buildTrajectories([synthesise({ seed: 1, year: 2023, records: 300 }).records]);
 * const quality = qualityItems(t);
 * releaseLines(t);
 * analysisReport(t, indicators(t), quality)
 */
export function releaseLines(t: Trajectories): void {
  t.table.release();
  t.lineMeasure = new Int32Array(0);
  t.linePerson = new Int32Array(0);
  t.people.lineOrder = new Int32Array(0);
}

/**
 * The young person of each line (-1 without NUMANONYM), numbered in the order of their first line: union-find
 * over the pseudonyms, every line joining its NUMANONYM with its NUMANONYMANT. Its own function so that the
 * union-find's arrays are let go on return.
 */
function groupPersons(table: RecordTable): { linePerson: Int32Array; persons: number } {
  const n = table.length;
  const parent = new Int32Array(table.ids.size);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  for (let i = 0; i < n; i++) {
    const a = table.numanonym[i]!;
    const b = table.numanonymant[i]!;
    if (a === 0 || b === 0 || a === b) continue;
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) {
      if (ra < rb) parent[rb] = ra;
      else parent[ra] = rb;
    }
  }
  const rootPerson = new Int32Array(table.ids.size).fill(-1);
  const linePerson = new Int32Array(n).fill(-1);
  let persons = 0;
  for (let i = 0; i < n; i++) {
    const a = table.numanonym[i]!;
    if (a === 0) continue;
    const r = find(parent, a);
    let p = rootPerson[r]!;
    if (p < 0) p = rootPerson[r] = persons++;
    linePerson[i] = p;
  }
  return { linePerson, persons };
}

/** The lines grouped by person (a counting sort, keeping the lines' order within a person). */
function orderLines(linePerson: Int32Array, persons: number): { lineStart: Int32Array; lineOrder: Int32Array } {
  const n = linePerson.length;
  const lineStart = new Int32Array(persons + 1);
  for (let i = 0; i < n; i++) if (linePerson[i]! >= 0) lineStart[linePerson[i]! + 1]!++;
  for (let p = 0; p < persons; p++) lineStart[p + 1]! += lineStart[p]!;
  const lineOrder = new Int32Array(lineStart[persons]!);
  const fill = lineStart.slice(0, persons);
  for (let i = 0; i < n; i++) {
    const p = linePerson[i]!;
    if (p >= 0) lineOrder[fill[p]!++] = i;
  }
  return { lineStart, lineOrder };
}

function identity(
  table: RecordTable,
  num: Float64Array,
  order: Int32Array,
  from: number,
  to: number,
  p: number,
  sex: Uint8Array,
  birthYear: Uint16Array,
  birthMonth: Uint8Array,
  flags: Uint8Array,
): void {
  const sexes = new Map<number, number>();
  const births = new Map<number, number>();
  const months = new Map<number, number>();
  for (let k = from; k < to; k++) {
    const r = order[k]!;
    const s = num[table.id('SEXE', r)]!;
    if (s === 1 || s === 2) sexes.set(s, (sexes.get(s) ?? 0) + 1);
    const y = num[table.id('ANAIS', r)]!;
    if (y > 1900 && y < 9999) births.set(y, (births.get(y) ?? 0) + 1);
    const m = num[table.id('MNAIS', r)]!;
    if (m >= 1 && m <= 12) months.set(m, (months.get(m) ?? 0) + 1);
  }
  const mode = (m: Map<number, number>): number => {
    let best = 0;
    let bestN = 0;
    for (const [v, c] of m) if (c > bestN || (c === bestN && v < best)) [best, bestN] = [v, c];
    return best;
  };
  sex[p] = mode(sexes) || 9;
  birthYear[p] = mode(births);
  birthMonth[p] = mode(months);
  let f = 0;
  if (sexes.size > 1) f |= PersonFlag.CONFLICT_SEX;
  if (births.size > 1 || months.size > 1) f |= PersonFlag.CONFLICT_BIRTH;
  flags[p] = f;
}
