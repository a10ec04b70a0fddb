/**
 * fast-check arbitraries of 2016 records that are coherent by construction: every variable is filled exactly
 * where the nomenclature says it applies (event type, age band, condition), with codes allowed at the young
 * person's age, required variables filled, dates in order, ages at most 20. Reusable by any test.
 */
import fc from 'fast-check';
import {
  conditionVariables,
  evaluateCondition,
  isInAgeBand,
  variables,
  type VariableDef,
} from '../../src/nomenclature/index.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Variables set by the skeleton (identity, event, decision) rather than by the generic filling. */
const SKELETON = new Set([
  'NUMDEP',
  'NUMANONYM',
  'NUMANONYMANT',
  'TYPEV',
  'SEXE',
  'ANAIS',
  'MNAIS',
  'DATDECPE',
  'DATDEB',
  'DECISION',
  'NATPDECADM',
  'NATDECASSED',
  'DATFIN',
]);

/** Whether a variable applies to a (partial) record: event type, age band, condition. */
export function applies(def: VariableDef, record: Record<string, string>, age: number): boolean {
  const event = record.TYPEV ?? '';
  if (!def.applicability.events.includes(event)) return false;
  if (!isInAgeBand(age, def.applicability.age)) return false;
  const c = def.applicability.condition;
  return c === null || evaluateCondition(c, (n) => record[n]);
}

/** Codes of a variable allowed at an age (modalities reserved to another band left out). */
export function codesAt(def: VariableDef, age: number): string[] {
  return def.codes.filter((c) => !c.age || isInAgeBand(age, c.age)).map((c) => c.code);
}

/** Order in which conditions can be evaluated: a variable after the variables its condition reads. */
function dependencyOrder(defs: VariableDef[]): VariableDef[] {
  const out: VariableDef[] = [];
  const done = new Set<string>();
  const pending = [...defs];
  while (pending.length > 0) {
    const i = pending.findIndex((d) =>
      conditionVariables(d.applicability.condition).every((n) => done.has(n) || !defs.some((x) => x.name === n)),
    );
    const [d] = pending.splice(Math.max(i, 0), 1);
    out.push(d!);
    done.add(d!.name);
  }
  return out;
}

const DEFS = variables('2016');
const ORDER = dependencyOrder(DEFS.filter((d) => !SKELETON.has(d.name)));
const BY_NAME = new Map(DEFS.map((d) => [d.name, d]));

/** A valid value of a variable at an age, from a seed in [0, 1): free values, unknown code sometimes. */
function valueFor(def: VariableDef, age: number, seed: number, birthYear: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(seed * list.length) % list.length]!;
  switch (def.type) {
    case 'code':
      return def.codes.length > 0
        ? pick(codesAt(def, age))
        : pick(['autre', 'AEP', 'x']).slice(0, def.format?.maxLength ?? 40);
    case 'date':
      return `${2010 + Math.floor(seed * 9)}-${pad(1 + Math.floor(seed * 12))}-${pad(1 + Math.floor(seed * 28))}`;
    case 'year-month':
      return `${2005 + Math.floor(seed * 14)}-${pad(1 + Math.floor(seed * 12))}`;
    case 'year':
      // Adults' birth years: at least 15 years before the child, from 1940.
      return seed < 0.1 ? '9999' : String(Math.max(1940, birthYear - 15 - Math.floor(seed * 30)));
    case 'month':
      return pad(1 + Math.floor(seed * 12));
    case 'integer':
      // NBFRAT counts the child (G18 p27): at least 1.
      return String(1 + Math.floor(seed * 9));
    case 'text':
      return pick(['autre', 'AEP', 'x']).slice(0, def.format?.maxLength ?? 40);
    case 'identifier':
      return 'b'.repeat(40);
  }
}

export interface CoherentRecord {
  record: Record<string, string>;
  /** Age at the decision, in completed years. */
  age: number;
}

/** A 2016 record coherent by construction, with its age. All 106 variables are present. */
export const coherentRecordArb: fc.Arbitrary<CoherentRecord> = fc
  .record({
    id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }),
    typev: fc.constantFrom('1', '2', '3'),
    age: fc.integer({ min: 0, max: 20 }),
    birthMonth: fc.integer({ min: 1, max: 12 }),
    decMonth: fc.integer({ min: 1, max: 12 }),
    decDay: fc.integer({ min: 1, max: 28 }),
    startDelay: fc.integer({ min: 0, max: 60 }),
    duration: fc.integer({ min: 0, max: 300 }),
    decision: fc.constantFrom('1', '2'),
    sexe: fc.constantFrom('1', '2', '9'),
    seeds: fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
      minLength: DEFS.length + 2,
      maxLength: DEFS.length + 2,
    }),
    empties: fc.array(fc.boolean(), { minLength: DEFS.length, maxLength: DEFS.length }),
  })
  .map((g) => {
    const birthYear = 2019 - g.age - (g.decMonth < g.birthMonth ? 1 : 0);
    const decision = `2019-${pad(g.decMonth)}-${pad(g.decDay)}`;
    const start = new Date(Date.UTC(2019, g.decMonth - 1, g.decDay + g.startDelay));
    const iso = (d: Date): string => d.toISOString().slice(0, 10);
    const end = new Date(start.getTime() + g.duration * 86_400_000);
    const r: Record<string, string> = {};
    for (const d of DEFS) r[d.name] = '';
    Object.assign(r, {
      NUMDEP: '35',
      NUMANONYM: g.id,
      NUMANONYMANT: g.id,
      TYPEV: g.typev,
      SEXE: g.sexe,
      ANAIS: String(birthYear),
      MNAIS: pad(g.birthMonth),
      DATDECPE: decision,
      DATDEB: iso(start),
      DECISION: g.decision,
      DATFIN: g.typev === '3' ? iso(end) : '',
    });
    const nat = BY_NAME.get(g.decision === '1' ? 'NATPDECADM' : 'NATDECASSED')!;
    // NATPDECADM 19 must not be used (a warning): leave it out of coherent records.
    const natCodes = codesAt(nat, g.age).filter((c) => c !== '19' && c !== nat.unknownCode);
    r[nat.name] = natCodes[Math.floor(g.seeds[0]! * natCodes.length)]!;
    ORDER.forEach((def, i) => {
      if (!applies(def, r, g.age)) return;
      const required = def.required !== null;
      if (!required && g.empties[i]) {
        // Left empty only where an empty value may mean "not concerned"; elsewhere unknown is coded (G18 p15).
        if (!def.mayBeEmpty && def.unknownCode !== null && def.name !== 'UTDP') r[def.name] = def.unknownCode;
        return;
      }
      r[def.name] = valueFor(def, g.age, g.seeds[i + 1]!, birthYear);
    });
    // The special cases of G18 p9 and p27, so that a coherent record follows them.
    if ((r.TYPINTERDOM === '4' || r.TYPINTERDOM === '5') && r.NATPDECADM !== '10') r.TYPINTERDOM = '1';
    if (r.NATDECASSED === '16' && r.TYPDECJUD !== '') r.TYPDECJUD = '7';
    else if (r.TYPDECJUD === '7' || r.TYPDECJUD === '8') r.TYPDECJUD = '3';
    if (r.LIEUACC === '12' && r.NATPDECADM !== '14' && r.NATPDECADM !== '21') r.LIEUACC = '1';
    if (r.LIEUPLAC === '12' && r.NATDECASSED !== '17' && r.NATDECASSED !== '18') r.LIEUPLAC = '1';
    if (r.NATPDECADM === '21' && r.MENAGEJM !== '') r.MENAGEJM = '8';
    if (r.NOTIFEVAL && r.FINEVAL && r.NOTIFEVAL > r.FINEVAL) [r.NOTIFEVAL, r.FINEVAL] = [r.FINEVAL, r.NOTIFEVAL];
    return { record: r, age: g.age };
  });

/** The variables that apply to a coherent record (event type, age band, condition). */
export function applicableVariables(c: CoherentRecord): string[] {
  return DEFS.filter((d) => applies(d, c.record, c.age)).map((d) => d.name);
}
