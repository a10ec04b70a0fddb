/**
 * The plain form of the three young-person rules on ends and renewals (OL16-YP-010, -011, -012), as they were
 * written before their lines were kept as columns of numbers (src/rules/kept-lines.ts): an object per line with
 * its reference and its texts, lists per young person in Maps. test/rules/kept-lines.test.ts checks that the
 * rules of src/rules/guide-rules.ts find exactly what these find.
 */
import { NATURE_LINK_VARIABLES } from '../../src/nomenclature/index.js';
import { isKnownFullDate } from '../../src/rules/dates.js';
import { placeOf, placeText } from '../../src/rules/messages.js';
import type { RawFinding, RecordContext, RecordRef, RecordValues } from '../../src/rules/index.js';

interface EndLine {
  ref: RecordRef;
  end: number;
  start: number | undefined;
  motfinint: string;
  motifml: string;
  datdecmin: string;
  decision: string;
}
interface StartLine {
  ref: RecordRef;
  decisionDay: number | undefined;
  startDay: number | undefined;
  typev: string;
  decision: string;
}
export interface ReferenceLines {
  ends: Map<number, EndLine[]>;
  starts: Map<number, StartLine[]>;
}

export const referenceLines = (): ReferenceLines => ({ ends: new Map(), starts: new Map() });

function dayNumber(value: string | undefined): number | undefined {
  if (!isKnownFullDate(value)) return undefined;
  // The year as written (setUTCFullYear; Date.UTC would read 0000-0099 as 1900-1999).
  const t = new Date(0).setUTCFullYear(
    Number(value.slice(0, 4)),
    Number(value.slice(5, 7)) - 1,
    Number(value.slice(8, 10)),
  );
  return Number.isFinite(t) ? Math.round(t / 86_400_000) : undefined;
}

/** A day's ISO date, its year at any width (`+100000-12-31`). */
function isoOf(day: number): string {
  const text = new Date(day * 86_400_000).toISOString();
  return text.slice(0, text.indexOf('T'));
}

function decisionKey(values: RecordValues): string {
  return NATURE_LINK_VARIABLES.map((n) => values[n] ?? '').join('|');
}

export function referenceCollect(state: ReferenceLines, ctx: RecordContext, ref: RecordRef): void {
  const person = ctx.personLower;
  const t = ctx.values.TYPEV;
  if (person < 0 || (t !== '1' && t !== '2' && t !== '3')) return;
  const r = { index: ref.index, line: ref.line, numanonym: ref.numanonym, key: ref.key };
  if (t === '3') {
    const end = dayNumber(ctx.values.DATFIN);
    if (end === undefined) return;
    const list = state.ends.get(person) ?? [];
    list.push({
      ref: r,
      end,
      start: dayNumber(ctx.values.DATDEB),
      motfinint: ctx.values.MOTFININT ?? '',
      motifml: ctx.values.MOTIFML ?? '',
      datdecmin: ctx.values.DATDECMIN ?? '',
      decision: decisionKey(ctx.values),
    });
    state.ends.set(person, list);
  } else {
    const list = state.starts.get(person) ?? [];
    list.push({
      ref: r,
      decisionDay: dayNumber(ctx.values.DATDECPE),
      startDay: dayNumber(ctx.values.DATDEB),
      typev: t,
      decision: decisionKey(ctx.values),
    });
    state.starts.set(person, list);
  }
}

function follows(s: StartLine, e: EndLine): boolean {
  if (e.start !== undefined && s.startDay === e.start) return false;
  const near = (d: number | undefined): boolean => d !== undefined && (d === e.end || d === e.end + 1);
  if (s.typev === '2') return s.decision === e.decision && near(s.startDay);
  return near(s.startDay) || near(s.decisionDay);
}

/** OL16-YP-010's findings. */
export function referenceEndHypotheses(state: ReferenceLines): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [person, ends] of state.ends) {
    const starts = state.starts.get(person) ?? [];
    for (const e of ends) {
      if (e.motifml === '' && e.datdecmin === '') continue;
      const next = starts.find((s) => follows(s, e));
      if (!next) continue;
      for (const [name, value] of [
        ['MOTIFML', e.motifml],
        ['DATDECMIN', e.datdecmin],
      ] as const) {
        if (value === '') continue;
        out.push({
          at: e.ref,
          params: { end: isoOf(e.end), typev: next.typev, next: placeText(placeOf(next.ref)), variable: name },
          variables: [{ name, value, expected: 'vide (hypothèse 2)' }],
        });
      }
    }
  }
  return out;
}

/** OL16-YP-012's findings. */
export function referenceEndWithoutFollowUp(state: ReferenceLines): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [person, ends] of state.ends) {
    const starts = state.starts.get(person) ?? [];
    for (const e of ends) {
      if (e.motifml !== '' || (e.motfinint !== '1' && e.motfinint !== '2')) continue;
      if (new Date(e.end * 86_400_000).getUTCFullYear() !== new Date((e.end + 1) * 86_400_000).getUTCFullYear())
        continue;
      if (starts.some((s) => follows(s, e))) continue;
      out.push({
        at: e.ref,
        params: { end: isoOf(e.end), motfinint: e.motfinint },
        variables: [{ name: 'MOTIFML', value: '', expected: 'un motif (hypothèse 1 : aucune mesure ne suit)' }],
      });
    }
  }
  return out;
}

/** OL16-YP-011's findings. */
export function referenceRenewalSameDecision(state: ReferenceLines): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [person, starts] of state.starts) {
    const ends = state.ends.get(person) ?? [];
    for (const s of starts) {
      if (s.typev !== '2' || s.startDay === undefined) continue;
      const before = ends.filter((e) => e.end === s.startDay || e.end + 1 === s.startDay);
      if (before.length === 0 || before.some((e) => e.decision === s.decision)) continue;
      out.push({
        at: s.ref,
        params: { end: placeText(placeOf(before[0]!.ref), true), keys: NATURE_LINK_VARIABLES.join(', ') },
        variables: [{ name: 'TYPEV', value: '2' }],
      });
    }
  }
  return out;
}
