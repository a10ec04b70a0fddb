/**
 * From measures to event lines: which lines a measure produces (TYPEV 1, 2, 3) and in which yearly file each goes.
 *
 * - An opening decided and started in the same year gives one TYPEV 1 line in that year's file.
 * - An opening decided in year N and started in N+1 (the guide's worked example) gives a decision line (TYPEV 1,
 *   DATDEB unknown `9999-99-99` since the start has not happened at extraction time) in file N, and a start line
 *   (TYPEV 1 again, repeating the decision data with the real DATDEB) in file N+1.
 * - Each renewal gives a TYPEV 2 line in the file of its DATDEB (its DATDECPE is in the same year by construction).
 * - Each period (opening or renewal) is closed by a TYPEV 3 line in the file of its DATFIN, copying the decision
 *   variables and DATDECPE/DATDEB of the line it closes.
 *
 * @module
 */
import { yearOfDay } from '../_lib/days.js';
import type { Measure } from './population.js';

/** What a line does in its measure. */
export type LineRole = 'opening' | 'decision' | 'start' | 'renewal' | 'end';

/** A planned event line, before its variables are filled. */
export interface LinePlan {
  measure: Measure;
  /** Index of the period in `measure.periods`. */
  period: number;
  role: LineRole;
  typev: '1' | '2' | '3';
  /** DATDECPE, as a day number. */
  datdecpe: number;
  /** DATDEB as a day number, or null when not known yet (decision line). */
  datdeb: number | null;
  /** DATFIN (end lines only). */
  datfin: number | null;
  /** The yearly file the line belongs to. */
  fileYear: number;
  /** End lines: whether the end is followed by a renewal or a new measure (hypothesis 2). */
  followed: boolean;
  /** End lines: the last end of the measure. */
  final: boolean;
}

/**
 * Every line of a measure, in chronological order, with its file year.
 *
 * @example
 * // given: const [{ plan }] = synthLines({ seed: 1, year: 2023, records: 20 });
 * measureLines(plan.measure).map((l) => l.typev); // e.g. ["1", "3", "2", "3"]
 */
export function measureLines(measure: Measure): LinePlan[] {
  const out: LinePlan[] = [];
  const n = measure.periods.length;
  measure.periods.forEach((p, i) => {
    const base = { measure, period: i, datfin: null, followed: false, final: false };
    if (i === 0) {
      const dy = yearOfDay(p.decision);
      const sy = yearOfDay(p.start);
      if (dy === sy)
        out.push({ ...base, role: 'opening', typev: '1', datdecpe: p.decision, datdeb: p.start, fileYear: sy });
      else {
        out.push({ ...base, role: 'decision', typev: '1', datdecpe: p.decision, datdeb: null, fileYear: dy });
        out.push({ ...base, role: 'start', typev: '1', datdecpe: p.decision, datdeb: p.start, fileYear: sy });
      }
    } else {
      out.push({
        ...base,
        role: 'renewal',
        typev: '2',
        datdecpe: p.decision,
        datdeb: p.start,
        fileYear: yearOfDay(p.start),
      });
    }
    const final = i === n - 1;
    out.push({
      measure,
      period: i,
      role: 'end',
      typev: '3',
      datdecpe: p.decision,
      datdeb: p.start,
      datfin: p.end,
      fileYear: yearOfDay(p.end),
      followed: !final || measure.followedByNext,
      final,
    });
  });
  // Chronological order of events: by the date that puts the line in its file.
  const key = (l: LinePlan): number => (l.role === 'end' ? l.datfin! : l.role === 'decision' ? l.datdecpe : l.datdeb!);
  const rank = (l: LinePlan): number => (l.role === 'end' ? 0 : 1);
  return out.sort((a, b) => key(a) - key(b) || rank(a) - rank(b));
}
