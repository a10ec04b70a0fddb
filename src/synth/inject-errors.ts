/**
 * Error injection: known faults put into a generated file at a given rate, each listed with the record it is on,
 * the variables concerned and a description, so that tests can check the rules find every one of them.
 *
 * Every injection touches a different line (or adds one), and every kind keeps the rest of the line as generated
 * (dates are moved only when the young person's age class does not change, so no age-band finding is induced).
 *
 * @module
 */
import { isCode, isUnknownValue } from '../nomenclature/index.js';
import type { Record2011, Record2016 } from '../model/index.js';
import { checkerAge, dayOf, isoDay, partsOf } from '../_lib/days.js';
import { Rng } from './random.js';

/** The kinds of injected errors. */
export type InjectedErrorKind =
  | 'invalid-code'
  | 'invalid-date'
  | 'datfin-on-non-end'
  | 'filled-outside-condition'
  | 'minor-only-for-adult'
  | 'adult-only-for-minor'
  | 'end-without-opening'
  | 'sex-conflict'
  | 'datdeb-after-datfin'
  | 'duplicate-line'
  | 'missing-decision'
  | 'missing-required'
  | 'date-out-of-year';

/** One injected error. */
export interface InjectedError {
  kind: InjectedErrorKind;
  /** Index, in the output records, of the line carrying the error (for a duplicate: the copy). */
  recordIndex: number;
  /** The variables a finding should name (may be empty for a duplicate line). */
  variables: string[];
  /** The id of the rule that finds this error (the sidecar names it). */
  rule: string;
  /** What was done, in English (no identity). */
  description: string;
  /** Other lines involved (the original of a duplicate; the other lines of a young person for a conflict). */
  related?: number[];
}

/** All kinds, in the order they are dealt out. */
export const INJECTED_ERROR_KINDS: readonly InjectedErrorKind[] = [
  'invalid-code',
  'datfin-on-non-end',
  'filled-outside-condition',
  'minor-only-for-adult',
  'adult-only-for-minor',
  'end-without-opening',
  'sex-conflict',
  'datdeb-after-datfin',
  'duplicate-line',
  'missing-decision',
  'missing-required',
  'date-out-of-year',
  'invalid-date',
];

/**
 * The rule that finds an injected error of this kind on these variables (rule ids of `olinpe/rules`).
 *
 * @example
 * ruleOf('missing-required', ['MOTFININT'], '2016'); // "OL16-REQ-MOTFININT"
 */
export function ruleOf(kind: InjectedErrorKind, variables: readonly string[], edition: '2016' | '2011'): string {
  const tag = edition === '2016' ? 'OL16' : 'OL11';
  const v = variables[0] ?? '';
  switch (kind) {
    case 'invalid-code':
    case 'invalid-date':
      return `${tag}-FMT-${v}`;
    case 'datfin-on-non-end':
      return `${tag}-EVT-${v}`;
    case 'filled-outside-condition':
      return `${tag}-COND-${v}`;
    case 'minor-only-for-adult':
    case 'adult-only-for-minor':
      return `${tag}-AGE-${v}`;
    case 'end-without-opening':
      return 'OL16-YP-004';
    case 'sex-conflict':
      return 'OL-YP-001';
    case 'datdeb-after-datfin':
      return 'OL16-DAT-002';
    case 'duplicate-line':
      return 'OL-YP-005';
    case 'missing-decision':
    case 'missing-required':
      return `${tag}-REQ-${v}`;
    case 'date-out-of-year':
      return 'OL16-DAT-010';
  }
}

/** Kinds available for 2011 files (simpler model). */
const KINDS_2011: readonly InjectedErrorKind[] = [
  'invalid-code',
  'invalid-date',
  'sex-conflict',
  'duplicate-line',
  'missing-decision',
];

type Rec = Record<string, string | undefined>;

interface InjectOptions {
  rate: number;
  seed: number;
  year: number;
  edition: '2016' | '2011';
}

const dayOfIso = (s: string | undefined): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!m || m[1] === '9999' || m[2] === '99' || m[3] === '99') return null;
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
};

function ageOf(r: Rec, day: number | null): number | undefined {
  if (day === null) return undefined;
  const anais = Number(r.ANAIS);
  const mnais = Number(r.MNAIS);
  if (!Number.isInteger(anais) || !Number.isInteger(mnais) || anais === 9999 || mnais < 1 || mnais > 12)
    return undefined;
  return checkerAge(anais, mnais, day);
}

/** Age class: which side of every age bound of the nomenclature (2, 3, 6, 14, 18, 21) an age is on. */
const ageClass = (age: number | undefined): string =>
  age === undefined ? '?' : [2, 3, 6, 14, 18, 21].map((b) => (age >= b ? 1 : 0)).join('');

const CONTEXT_CODES = ['COMPOMENAG', 'NIVSCO', 'HANDICAP', 'TITAP', 'ORIGIP', 'LIENA1', 'MINIMA', 'FREQSCO', 'DIPLOME'];

/**
 * Injects errors at `rate` (share of lines) into a copy of `records`.
 * Returns the new records, the list of injections, `indexMap` (input index → output index) and `sources`
 * (output index → input index whose young person the line belongs to).
 *
 * @example
 * // given: const { records } = synthesise({ seed: 1, year: 2023, records: 200 });
 * const { records: out, injected } = injectErrors(records, { rate: 0.05, seed: 1, year: 2023, edition: '2016' });
 */
export function injectErrors<R extends Record2016 | Record2011>(
  records: R[],
  options: InjectOptions,
): { records: R[]; injected: InjectedError[]; indexMap: number[]; sources: number[] } {
  const n = records.length;
  const identity = {
    records: records.slice(),
    injected: [] as InjectedError[],
    indexMap: records.map((_, i) => i),
    sources: records.map((_, i) => i),
  };
  const count = Math.round(options.rate * n);
  if (count === 0 || n === 0) return identity;
  const rng = new Rng(options.seed);
  const out: Rec[] = records.map((r) => r as Rec);
  const used = new Set<number>();
  const insertions: {
    after: number;
    record: Rec;
    source: number;
    error: Omit<InjectedError, 'recordIndex' | 'rule'> & { relatedOriginal?: number[] };
  }[] = [];
  const mutations: (Omit<InjectedError, 'recordIndex' | 'related' | 'rule'> & {
    at: number;
    relatedOriginal?: number[];
  })[] = [];
  const kinds = options.edition === '2016' ? INJECTED_ERROR_KINDS : KINDS_2011;
  const { year } = options;
  const byPerson = new Map<string, number[]>();
  out.forEach((r, i) => {
    const id = r.NUMANONYM ?? '';
    const list = byPerson.get(id);
    if (list) list.push(i);
    else byPerson.set(id, [i]);
  });
  const touchedPeople = new Set<string>();

  /** A random unused line satisfying `ok`, or null after a bounded search. */
  const pick = (ok: (r: Rec, i: number) => boolean): number | null => {
    for (let tries = 0; tries < 400; tries++) {
      const i = rng.int(0, n - 1);
      if (!used.has(i) && !touchedPeople.has(out[i]!.NUMANONYM ?? '') && ok(out[i]!, i)) return i;
    }
    for (let i = 0; i < n; i++)
      if (!used.has(i) && !touchedPeople.has(out[i]!.NUMANONYM ?? '') && ok(out[i]!, i)) return i;
    return null;
  };
  const take = (i: number): Rec => {
    used.add(i);
    touchedPeople.add(out[i]!.NUMANONYM ?? '');
    const copy = { ...out[i]! };
    out[i] = copy;
    return copy;
  };
  const dateInYear = (s: string | undefined): boolean => dayOfIso(s) !== null && s!.startsWith(`${year}-`);

  const tryKind = (kind: InjectedErrorKind): boolean => {
    switch (kind) {
      case 'invalid-code': {
        const i = pick((r) => CONTEXT_CODES.some((v) => (r[v] ?? '') !== ''));
        if (i === null) return false;
        const r = take(i);
        const name = CONTEXT_CODES.find((v) => (r[v] ?? '') !== '')!;
        const bad = ['77', '0', '8888', 'X'].find((c) => !isCode(name, c, options.edition))!;
        r[name] = bad;
        mutations.push({ at: i, kind, variables: [name], description: `${name} set to the non-existent code ${bad}` });
        return true;
      }
      case 'invalid-date': {
        const i = pick((r) => dayOfIso(r.DATDECPE) !== null);
        if (i === null) return false;
        const r = take(i);
        const y = r.DATDECPE!.slice(0, 4);
        r.DATDECPE = `${y}-02-30`;
        mutations.push({ at: i, kind, variables: ['DATDECPE'], description: 'DATDECPE set to 30 February' });
        return true;
      }
      case 'datfin-on-non-end': {
        const i = pick((r) => (r.TYPEV === '1' || r.TYPEV === '2') && dateInYear(r.DATDEB));
        if (i === null) return false;
        const r = take(i);
        r.DATFIN = isoDay(Math.min(dayOfIso(r.DATDEB)! + 90, dayOf(year, 12, 31)));
        mutations.push({ at: i, kind, variables: ['DATFIN'], description: `DATFIN filled on a TYPEV ${r.TYPEV} line` });
        return true;
      }
      case 'filled-outside-condition': {
        // The nature must be known: with "ne sait pas" the condition rule cannot decide and skips the line.
        const i = pick(
          (r) =>
            (r.DECISION === '1' && known('NATPDECADM', r.NATPDECADM, options.edition) && r.NATPDECADM !== '18') ||
            (r.DECISION === '2' && known('NATDECASSED', r.NATDECASSED, options.edition) && r.NATDECASSED !== '21'),
        );
        if (i === null) return false;
        const r = take(i);
        const name = r.DECISION === '1' ? 'AUTREDA' : 'AUTREDJ';
        r[name] = 'Précision hors condition';
        mutations.push({
          at: i,
          kind,
          variables: [name],
          description: `${name} filled although the nature is not "autre"`,
        });
        return true;
      }
      case 'minor-only-for-adult': {
        const i = pick((r) => (ageOf(r, dayOfIso(r.DATDECPE)) ?? 0) >= 18);
        if (i === null) return false;
        const r = take(i);
        r.COMPOMENAG = '2';
        mutations.push({
          at: i,
          kind,
          variables: ['COMPOMENAG'],
          description: 'COMPOMENAG (under 18 only) filled for a young adult',
        });
        return true;
      }
      case 'adult-only-for-minor': {
        const i = pick((r) => (ageOf(r, dayOfIso(r.DATDECPE)) ?? 99) < 18);
        if (i === null) return false;
        const r = take(i);
        r.MENAGEJM = '1';
        mutations.push({
          at: i,
          kind,
          variables: ['MENAGEJM'],
          description: 'MENAGEJM (18 and over only) filled for a minor',
        });
        return true;
      }
      case 'end-without-opening': {
        // A new end line whose DATDEB is in the year N and matches no opening or renewal line of the young person:
        // its opening should then be in file N (see lines.ts), so the end has no opening.
        const i = pick((r) => {
          if (r.TYPEV !== '3') return false;
          const fin = dayOfIso(r.DATFIN);
          const dec = dayOfIso(r.DATDECPE);
          if (fin === null || dec === null || partsOf(fin).year !== year || fin - dayOf(year, 1, 1) < 90) return false;
          return ageClass(ageOf(r, fin - 40)) === ageClass(ageOf(r, dec));
        });
        if (i === null) return false;
        used.add(i);
        touchedPeople.add(out[i]!.NUMANONYM ?? '');
        const r: Rec = { ...out[i]! };
        const fin = dayOfIso(r.DATFIN)!;
        const taken = new Set((byPerson.get(r.NUMANONYM ?? '') ?? []).map((k) => out[k]!.DATDEB));
        let start = fin - 40;
        while (taken.has(isoDay(start))) start -= 1;
        r.DATDECPE = isoDay(start);
        r.DATDEB = isoDay(start);
        insertions.push({
          after: i,
          record: r,
          source: i,
          error: {
            kind,
            variables: ['TYPEV', 'DATDEB'],
            description: 'end line (TYPEV 3) with a DATDEB in the year but no opening or renewal line',
          },
        });
        return true;
      }
      case 'sex-conflict': {
        const i = pick(
          (r) => (byPerson.get(r.NUMANONYM ?? '')?.length ?? 0) >= 2 && (r.SEXE === '1' || r.SEXE === '2'),
        );
        if (i === null) return false;
        const r = take(i);
        r.SEXE = r.SEXE === '1' ? '2' : '1';
        const others = byPerson.get(r.NUMANONYM ?? '')!.filter((k) => k !== i);
        mutations.push({
          at: i,
          kind,
          variables: ['SEXE'],
          description: 'SEXE differs from the other lines of the same NUMANONYM',
          relatedOriginal: others,
        });
        return true;
      }
      case 'datdeb-after-datfin': {
        const i = pick((r) => r.TYPEV === '3' && dateInYear(r.DATDEB) && dayOfIso(r.DATDEB)! - dayOf(year, 1, 1) > 40);
        if (i === null) return false;
        const r = take(i);
        r.DATFIN = isoDay(dayOfIso(r.DATDEB)! - rng.int(1, 30));
        mutations.push({ at: i, kind, variables: ['DATDEB', 'DATFIN'], description: 'DATFIN before DATDEB' });
        return true;
      }
      case 'duplicate-line': {
        const i = pick(() => true);
        if (i === null) return false;
        used.add(i);
        touchedPeople.add(out[i]!.NUMANONYM ?? '');
        insertions.push({
          after: i,
          record: { ...out[i]! },
          source: i,
          error: { kind, variables: [], description: 'exact copy of the previous line', relatedOriginal: [i] },
        });
        return true;
      }
      case 'missing-decision': {
        const i = pick((r) => (r.DECISION ?? '') !== '');
        if (i === null) return false;
        const r = take(i);
        r.DECISION = '';
        mutations.push({ at: i, kind, variables: ['DECISION'], description: 'DECISION left empty' });
        return true;
      }
      case 'missing-required': {
        const i = pick((r) => r.TYPEV === '3' && (r.MOTFININT ?? '') !== '');
        if (i === null) return false;
        const r = take(i);
        r.MOTFININT = '';
        mutations.push({ at: i, kind, variables: ['MOTFININT'], description: 'MOTFININT left empty on an end line' });
        return true;
      }
      case 'date-out-of-year': {
        // An opening line moved one year earlier: none of DATDECPE, DATDEB, DATFIN is in the year any more.
        const i = pick((r) => {
          if (r.TYPEV !== '1' || !dateInYear(r.DATDECPE) || !dateInYear(r.DATDEB)) return false;
          const d = dayOfIso(r.DATDECPE)!;
          const p = partsOf(d);
          return p.month !== 2 || p.day !== 29
            ? ageClass(ageOf(r, d)) === ageClass(ageOf(r, dayOf(p.year - 1, p.month, p.day)))
            : false;
        });
        if (i === null) return false;
        const r = take(i);
        const shift = (s: string): string => `${Number(s.slice(0, 4)) - 1}${s.slice(4)}`;
        r.DATDECPE = shift(r.DATDECPE!);
        r.DATDEB = shift(r.DATDEB!);
        for (const v of ['DATIP', 'DATSIGN', 'DATJE', 'NOTIFEVAL', 'FINEVAL', 'DATPPE', 'DATDECAP']) {
          const d = dayOfIso(r[v]);
          if (d !== null) r[v] = shift(r[v]!);
        }
        mutations.push({
          at: i,
          kind,
          variables: ['DATDECPE', 'DATDEB'],
          description: `opening line dated ${year - 1}: out of the scope of ${year}`,
        });
        return true;
      }
    }
  };

  const order = kinds.slice();
  for (let k = order.length - 1; k > 0; k--) {
    const j = rng.int(0, k);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  let made = 0;
  let failures = 0;
  for (let t = 0; made < count && failures < order.length; t++) {
    if (tryKind(order[t % order.length]!)) {
      made++;
      failures = 0;
    } else failures++;
  }

  // Assemble: input lines in order, each insertion right after its anchor.
  const after = new Map<number, typeof insertions>();
  for (const ins of insertions) {
    const list = after.get(ins.after);
    if (list) list.push(ins);
    else after.set(ins.after, [ins]);
  }
  const records2: R[] = [];
  const indexMap: number[] = [];
  const sources: number[] = [];
  const injected: InjectedError[] = [];
  const pending: { pos: number; ins: (typeof insertions)[number] }[] = [];
  for (let i = 0; i < n; i++) {
    indexMap[i] = records2.length;
    records2.push(out[i] as R);
    sources.push(i);
    for (const ins of after.get(i) ?? []) {
      pending.push({ pos: records2.length, ins });
      records2.push(ins.record as R);
      sources.push(ins.source);
    }
  }
  for (const m of mutations) {
    const e: InjectedError = {
      kind: m.kind,
      recordIndex: indexMap[m.at]!,
      variables: m.variables,
      rule: ruleOf(m.kind, m.variables, options.edition),
      description: m.description,
    };
    if (m.relatedOriginal) e.related = m.relatedOriginal.map((k) => indexMap[k]!);
    injected.push(e);
  }
  for (const { pos, ins } of pending) {
    const e: InjectedError = {
      kind: ins.error.kind,
      recordIndex: pos,
      variables: ins.error.variables,
      rule: ruleOf(ins.error.kind, ins.error.variables, options.edition),
      description: ins.error.description,
    };
    if (ins.error.relatedOriginal) e.related = ins.error.relatedOriginal.map((k) => indexMap[k]!);
    injected.push(e);
  }
  injected.sort((a, b) => a.recordIndex - b.recordIndex);
  return { records: records2, injected, indexMap, sources };
}

/** Whether a variable holds a value other than empty and its "ne sait pas" code. */
function known(name: string, value: string | undefined, edition: '2016' | '2011'): boolean {
  return value !== undefined && value !== '' && !isUnknownValue(name, value, edition);
}
