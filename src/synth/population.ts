/**
 * The population model: one département's young people, each with an identity, a birth date and a trajectory of
 * administrative and judicial measures over several years. Everything here is independent of the extraction year:
 * the files of 2022, 2023 and 2024 are views of the same people.
 *
 * A young person is addressed by (entry year, index): the `index`-th young person whose first measure is decided
 * in `entryYear`. Their whole life in protection is drawn from a generator seeded by (seed, entryYear, index), so
 * any one of them can be rebuilt alone, in any order, on any platform.
 *
 * @module
 */
import { addMonths, checkerAge, dayOf, partsOf, yearOfDay } from '../_lib/days.js';
import { BOYS_FIRST_NAMES, GIRLS_FIRST_NAMES, MOTHERS_BIRTH_NAMES, misspell, uniqueSurnameElement } from './names.js';
import { Rng, mixSeed } from './random.js';

/**
 * `administrative` (DECISION 1, nature in NATPDECADM) or `judicial` (DECISION 2, nature in NATDECASSED): always
 * known for a synthetic measure (olinpe/analysis's `MeasureKind`, read from a file, adds `'unknown'`).
 */
export type SynthMeasureKind = 'administrative' | 'judicial';

/** One period of a measure: the opening or one renewal, with its own decision date, start and end. */
export interface Period {
  /** DATDECPE of the opening (TYPEV 1) or renewal (TYPEV 2) line, as a day number. */
  decision: number;
  /** DATDEB, as a day number. */
  start: number;
  /** DATFIN of the end line (TYPEV 3) closing this period, as a day number. */
  end: number;
  /** Place of accommodation shown on the opening/renewal line (LIEUACC or LIEUPLAC), '' when not a placement. */
  place: string;
  /** Place shown on the end line (differs when the young person moved during the period). */
  placeAtEnd: string;
  /** CHGLIEU of a renewal line: '2' when the place changed at the renewal, '1' otherwise ('' for the opening). */
  changedAtRenewal: string;
}

/** Why a measure ended, as coded on its final end line. */
export interface EndReason {
  MOTFININT: string;
  /** '' when not applicable (hypothesis 2: followed by a new measure). */
  MOTIFML: string;
  /** Year-month of death when MOTIFML is 18, otherwise ''. */
  DATDECMIN: string;
}

/** One measure or prestation: an opening, its renewals, and its final end. */
export interface Measure {
  /** Stable identifier: `<young person id>-m<rank>`. */
  id: string;
  kind: SynthMeasureKind;
  /** NATPDECADM (administrative) or NATDECASSED (judicial) code. */
  nature: string;
  /**
   * The decision variables repeated identically on every line of the measure (DECISION, NATPDECADM, AUTREDA,
   * NATDECASSED, AUTREDJ, NATDECPLAC, INSTITPLAC, TYPINTERDOM, TYPDECJUD): '' where not applicable.
   */
  decisionVars: Record<string, string>;
  /** The opening first, then one period per renewal. */
  periods: Period[];
  endReason: EndReason;
  /** True when a new measure of the same young person follows without a break (hypothesis 2 on the last end line). */
  followedByNext: boolean;
  /** Number of place changes over the measure (NBCHGLIEU). */
  placeChanges: number;
}

/** A young person of the model, with the identity used for pseudonymisation (fake names only). */
export interface YoungPerson {
  /** Stable identifier: `J<entry year>-<index>`. */
  id: string;
  entryYear: number;
  index: number;
  /** SEXE code as transmitted ('1', '2', or '9' when unknown to the département). */
  sexe: string;
  /** True sex used to choose a first name. */
  sex: 'M' | 'F';
  /** True birth date, as a day number. */
  birth: number;
  jnais: number;
  mnais: number;
  anais: number;
  prenom: string;
  /** The mother's birth name as finally (correctly) recorded. */
  nomMere: string;
  /**
   * When the département corrected the mother's name: the earlier spelling and the first extraction year that uses
   * the corrected one. Files before `year` carry the pseudonym of `before`; the file of `year` carries the new
   * pseudonym as NUMANONYM and the old one as NUMANONYMANT.
   */
  correction: { field: 'nomMere'; before: string; year: number } | null;
  /** Territorial unit (UTDP), three characters. */
  utdp: string;
  measures: Measure[];
}

/** Options of the population model. */
export interface PopulationOptions {
  /** Seed of the whole population. */
  seed: number;
  /** Share of young people whose mother's name is corrected once (default 0.02). */
  correctionRate?: number;
}

type Table<T> = ReadonlyArray<readonly [T, number]>;

interface NatureProfile {
  /** Possible first-period lengths in months (0 = days, see `days`). */
  months: readonly number[];
  days?: number;
  /** Probability of a renewal at the end of each period. */
  renew: number;
  maxRenewals: number;
  /** Placement nature: has a place (LIEUACC / LIEUPLAC). */
  placement: boolean;
}

const PROFILES: Record<string, NatureProfile> = {
  // administrative (NATPDECADM)
  A10: { months: [6, 12], renew: 0.4, maxRenewals: 3, placement: false },
  A11: { months: [6, 12], renew: 0.3, maxRenewals: 2, placement: true },
  A12: { months: [0], days: 3, renew: 0, maxRenewals: 0, placement: true },
  A13: { months: [0], days: 5, renew: 0, maxRenewals: 0, placement: true },
  A14: { months: [6, 12], renew: 0.5, maxRenewals: 4, placement: true },
  A15: { months: [12, 23], renew: 0.7, maxRenewals: 6, placement: true },
  A16: { months: [6], renew: 0.3, maxRenewals: 2, placement: true },
  A18: { months: [6], renew: 0.2, maxRenewals: 1, placement: true },
  A20: { months: [6, 12], renew: 0.4, maxRenewals: 2, placement: false },
  A21: { months: [6, 12], renew: 0.5, maxRenewals: 3, placement: true },
  A99: { months: [6], renew: 0.2, maxRenewals: 1, placement: false },
  // judicial (NATDECASSED)
  J11: { months: [3], renew: 0, maxRenewals: 0, placement: false },
  J14: { months: [6], renew: 0, maxRenewals: 0, placement: false },
  J15: { months: [6, 12, 12, 23], renew: 0.5, maxRenewals: 4, placement: false },
  J16: { months: [12], renew: 0.4, maxRenewals: 2, placement: false },
  J17: { months: [6, 12, 23], renew: 0.6, maxRenewals: 6, placement: true },
  J18: { months: [12, 23], renew: 0.5, maxRenewals: 3, placement: true },
  J19: { months: [12, 23], renew: 0.3, maxRenewals: 2, placement: false },
  J21: { months: [6], renew: 0.2, maxRenewals: 1, placement: true },
  J22: { months: [23], renew: 0.8, maxRenewals: 6, placement: true },
  J23: { months: [23], renew: 0.8, maxRenewals: 6, placement: true },
  J24: { months: [6], renew: 0.3, maxRenewals: 2, placement: false },
  J99: { months: [6], renew: 0.2, maxRenewals: 1, placement: false },
};

const MINOR_NATURES: Table<string> = [
  ['A10', 14],
  ['A14', 12],
  ['A11', 2],
  ['A12', 1.5],
  ['A13', 1.5],
  ['A15', 0.8],
  ['A18', 2],
  ['A99', 0.6],
  ['J15', 22],
  ['J16', 3],
  ['J17', 18],
  ['J18', 3],
  ['J14', 8],
  ['J11', 2],
  ['J19', 2.5],
  ['J21', 1.5],
  ['J22', 1],
  ['J23', 1],
  ['J99', 0.5],
];
const BABY_EXTRA: Table<string> = [['A16', 6]];
const ADULT_NATURES: Table<string> = [
  ['A20', 35],
  ['A21', 45],
  ['A18', 5],
  ['J24', 10],
  ['J21', 2],
  ['A99', 1],
];

/** Natures that follow an investigation, AED or short reception, by weight. */
const AFTER_ASSESSMENT: Table<string> = [
  ['J15', 40],
  ['J17', 30],
  ['A10', 15],
  ['A14', 15],
];

const AUTREDA_TEXTS = ['Accompagnement vers l’autonomie', 'Soutien éducatif ponctuel', 'Médiation familiale'];
const AUTREDJ_TEXTS = ['Réparation pénale éducative', 'Mesure d’accompagnement spécifique', 'Audition d’orientation'];

/** The age band a nature's codes are reserved to (from the nomenclature's code age bands). */
function isAdultNature(key: string): boolean {
  return key === 'A20' || key === 'A21' || key === 'J24';
}
function isMinorOnlyNature(key: string): boolean {
  return ['A10', 'A14', 'A16', 'J11', 'J14', 'J15', 'J16', 'J17', 'J18', 'J19', 'J22', 'J23'].includes(key);
}

function pickNature(rng: Rng, age: number, previous: string | null): string {
  if (age >= 18) return rng.weighted(ADULT_NATURES);
  if (previous !== null && ['J14', 'J11', 'A10', 'A12', 'A13'].includes(previous) && rng.chance(0.7)) {
    return rng.weighted(AFTER_ASSESSMENT);
  }
  return rng.weighted(age < 3 ? [...MINOR_NATURES, ...BABY_EXTRA] : MINOR_NATURES);
}

function decisionVariables(rng: Rng, key: string): Record<string, string> {
  const kind = key[0] === 'A' ? '1' : '2';
  const code = key.slice(1);
  const v: Record<string, string> = {
    DECISION: kind,
    NATPDECADM: kind === '1' ? code : '',
    AUTREDA: '',
    NATDECASSED: kind === '2' ? code : '',
    AUTREDJ: '',
    NATDECPLAC: '',
    INSTITPLAC: '',
    TYPINTERDOM: '',
    TYPDECJUD: '',
  };
  if (kind === '1') {
    if (code === '18') v.AUTREDA = rng.pick(AUTREDA_TEXTS);
    if (code === '10')
      v.TYPINTERDOM = rng.weighted([
        ['2', 50],
        ['3', 12],
        ['1', 15],
        ['4', 5],
        ['5', 3],
        ['6', 6],
        ['7', 3],
        ['9', 6],
      ]);
    if (code === '20')
      v.TYPINTERDOM = rng.weighted([
        ['10', 80],
        ['2', 8],
        ['7', 5],
        ['9', 7],
      ]);
    if (code === '18')
      v.TYPINTERDOM = rng.weighted([
        ['7', 60],
        ['1', 20],
        ['9', 20],
      ]);
  } else {
    if (code === '21') v.AUTREDJ = rng.pick(AUTREDJ_TEXTS);
    const typ: Record<string, Table<string>> = {
      '11': [
        ['4', 95],
        ['99', 5],
      ],
      '14': [
        ['3', 95],
        ['99', 5],
      ],
      '15': [
        ['5', 75],
        ['6', 18],
        ['99', 7],
      ],
      '16': [
        ['7', 60],
        ['8', 40],
      ],
      '19': [
        ['9', 95],
        ['99', 5],
      ],
      '21': [
        ['10', 90],
        ['99', 10],
      ],
      '24': [
        ['10', 80],
        ['5', 10],
        ['99', 10],
      ],
    };
    const t = typ[code];
    if (t) v.TYPDECJUD = rng.weighted(t);
    if (['17', '18', '21', '22', '23'].includes(code)) {
      v.NATDECPLAC = rng.weighted([
        ['2', 55],
        ['1', 25],
        ['3', 12],
        ['9', 8],
      ]);
      v.INSTITPLAC =
        code === '18'
          ? rng.weighted([
              ['1', 30],
              ['2', 40],
              ['4', 20],
              ['5', 5],
              ['9', 5],
            ])
          : rng.weighted([
              ['3', 88],
              ['4', 6],
              ['9', 6],
            ]);
    }
  }
  return v;
}

function pickPlace(rng: Rng, key: string, age: number): string {
  if (key === 'A16')
    return rng.weighted([
      ['4', 70],
      ['16', 30],
    ]);
  if (key === 'A11')
    return rng.weighted([
      ['11', 85],
      ['99', 15],
    ]);
  if (key === 'A12' || key === 'A13')
    return rng.weighted([
      ['1', 40],
      ['2', 50],
      ['99', 10],
    ]);
  if (key === 'A21')
    return rng.weighted([
      ['6', 40],
      ['2', 20],
      ['1', 15],
      ['13', 15],
      ['14', 5],
      ['99', 5],
    ]);
  // A placement at home (place 12) is an accueil provisoire (14, 21) or a judicial placement (17, 18) (G18 p9).
  const atHome = key === 'A14' || key === 'J17' || key === 'J18' ? 4 : 0;
  if (key[0] === 'A') {
    return rng.weighted([
      ['1', 45],
      ['2', 30],
      [age < 3 ? '3' : '9', 6],
      ['5', 3],
      ['12', atHome],
      ['8', 2],
      ['10', 3],
      ['14', 2],
      ['99', 5],
    ]);
  }
  return rng.weighted([
    ['1', 45],
    ['2', 30],
    [age < 3 ? '3' : '9', 6],
    ['5', 4],
    ['12', atHome],
    ['8', 2],
    ['10', 3],
    ['19', 1],
    ['20', 1],
    ['99', 4],
  ]);
}

const AGE_AT_ENTRY: Table<number> = [
  [0, 6],
  [1, 4],
  [2, 4],
  [3, 4],
  [4, 4],
  [5, 4],
  [6, 4.5],
  [7, 4.5],
  [8, 4.5],
  [9, 4.5],
  [10, 5],
  [11, 5.5],
  [12, 6],
  [13, 6.5],
  [14, 6.5],
  [15, 6],
  [16, 5.5],
  [17, 4.5],
  [18, 3],
  [19, 1.5],
  [20, 0.6],
];

/**
 * The number that makes a young person's identity unique (issue 11): a département's files must not hold two young
 * people with the same pseudonym, which the synthetic name pools alone (a few thousand name pairs) cannot promise on
 * 20,000-line files. The number depends only on the entry year and the rank of the person in it, never on the
 * year asked for, so a young person keeps one identity across years (multi-year files still link). Entry years are
 * taken modulo 32: two people whose entry years differ by 32 or more cannot share a birth year (entry happens between
 * birth and the 21st birthday), hence never a pseudonym (the birth month and year are part of it).
 *
 * @example
 * identityNumber(2020, 0) !== identityNumber(2021, 0); // true
 */
export function identityNumber(entryYear: number, index: number): number {
  return index * 32 + (((entryYear % 32) + 32) % 32);
}

/**
 * Builds one young person and their whole trajectory.
 *
 * @example
 * const p = youngPerson({ seed: 1 }, 2020, 0);
 * p.id; // "J2020-0"
 * p.measures.length >= 1; // true
 */
export function youngPerson(options: PopulationOptions, entryYear: number, index: number): YoungPerson {
  const rng = new Rng(mixSeed(options.seed, entryYear, index));
  const sex = rng.chance(0.55) ? 'M' : 'F';
  const sexe = rng.chance(0.003) ? '9' : sex === 'M' ? '1' : '2';
  const entry = dayOf(entryYear, 1, 1) + rng.int(0, 364);
  const ageAtEntry = rng.weighted(AGE_AT_ENTRY);
  // True birth date: entry − age years − 0..364 days, and never after the entry date.
  let birth = addMonths(entry, -12 * ageAtEntry) - rng.int(0, 364);
  if (birth >= entry) birth = entry - 1;
  const b = partsOf(birth);
  const prenom = rng.pick(sex === 'M' ? BOYS_FIRST_NAMES : GIRLS_FIRST_NAMES);
  let drawn = rng.pick(MOTHERS_BIRTH_NAMES);
  if (rng.chance(0.06)) drawn = `${drawn}-${rng.pick(MOTHERS_BIRTH_NAMES)}`;
  const unique = uniqueSurnameElement(identityNumber(entryYear, index));
  const nomMere = `${drawn}-${unique}`;
  const utdp = `U0${rng.int(1, 6)}`;
  const id = `J${entryYear}-${index}`;
  const measures = trajectory(rng, id, entry, b.year, b.month, birth);
  const lastYear = Math.max(...measures.map((m) => yearOfDay(m.periods[m.periods.length - 1]!.end)));
  let correction: YoungPerson['correction'] = null;
  if (lastYear > entryYear && rng.chance(options.correctionRate ?? 0.02)) {
    // Only the drawn part is misspelled: the unique element stays, so the earlier spelling is nobody else's name.
    correction = {
      field: 'nomMere',
      before: `${misspell(drawn, rng)}-${unique}`,
      year: rng.int(entryYear + 1, lastYear),
    };
  }
  return {
    id,
    entryYear,
    index,
    sexe,
    sex,
    birth,
    jnais: b.day,
    mnais: b.month,
    anais: b.year,
    prenom,
    nomMere,
    correction,
    utdp,
    measures,
  };
}

function trajectory(rng: Rng, personId: string, entry: number, anais: number, mnais: number, birth: number): Measure[] {
  const measures: Measure[] = [];
  const age = (day: number): number => checkerAge(anais, mnais, day);
  const eighteen = addMonths(birth, 12 * 18);
  const twentyOne = addMonths(birth, 12 * 21);
  // The last day on which a decision still gives checker-age ≤ 20 / ≤ 17.
  const lastAdultDecision = dayOf(anais + 21, mnais, 1) - 1;
  const lastMinorDecision = dayOf(anais + 18, mnais, 1) - 1;
  const firstAdultDecision = Math.max(dayOf(anais + 18, mnais, 1), eighteen);
  let decision = entry;
  let previous: string | null = null;
  let alone: EndReason | null = null;
  for (let rank = 0; rank < 8; rank++) {
    const a = age(decision);
    if (a > 20 || decision > lastAdultDecision) break;
    const key = pickNature(rng, a, previous);
    const profile = PROFILES[key]!;
    const adult = isAdultNature(key);
    const minorOnly = isMinorOnlyNature(key) || (!adult && a < 18);
    // A hard stop for the measure: minor-only natures end the day before the 18th birthday,
    // every measure ends before the 21st birthday.
    const hardEnd = (minorOnly ? eighteen : twentyOne) - 1;
    const lastDecision = minorOnly ? lastMinorDecision : lastAdultDecision;
    if (decision > lastDecision || decision >= hardEnd) break;
    if (adult && decision < firstAdultDecision) break;
    const decisionVars = decisionVariables(rng, key);
    // "Other" decisions fill one block or the other (G18 p9, O15 p9): home support / community, or reception /
    // placement with its place.
    const lodged = key === 'A18' || key === 'J21' ? rng.chance(0.5) : profile.placement;
    if ((key === 'A18' || key === 'J21') && lodged) {
      decisionVars.TYPINTERDOM = '';
      decisionVars.TYPDECJUD = '';
    } else if (key === 'J21') {
      decisionVars.NATDECPLAC = '';
      decisionVars.INSTITPLAC = '';
    }
    // Gap between decision and start: often none (urgent), sometimes weeks; December decisions often start in January
    // (the guide's worked example: decided in N, started in N+1).
    const d = partsOf(decision);
    let gap = rng.weighted([
      [0, 45],
      [rng.int(1, 15), 35],
      [rng.int(16, 45), 20],
    ]);
    if (d.month === 12 && rng.chance(0.5)) gap = Math.max(gap, 32 - d.day + rng.int(0, 20));
    let start = decision + gap;
    if (start >= hardEnd) start = decision;
    const periods: Period[] = [];
    let placeChanges = 0;
    let place = lodged ? pickPlace(rng, key, a) : '';
    let cappedByAge = false;
    let periodDecision = decision;
    let changed = '';
    for (let p = 0; ; p++) {
      const months = rng.pick(profile.months);
      let end = months === 0 ? start + (profile.days ?? 1) - 1 : addMonths(start, months) - 1;
      end = Math.min(end, start + 729);
      if (end >= hardEnd) {
        end = hardEnd;
        cappedByAge = true;
      }
      let placeAtEnd = place;
      if (lodged && rng.chance(0.12)) {
        placeAtEnd = pickPlace(rng, key, a);
        if (placeAtEnd !== place) placeChanges++;
      }
      periods.push({ decision: periodDecision, start, end, place, placeAtEnd, changedAtRenewal: changed });
      if (cappedByAge || p >= profile.maxRenewals || !rng.chance(profile.renew)) break;
      // Renewal: the new period starts the day after; its decision is taken shortly before, never before
      // 1 January of the new start's year (so a renewal line belongs to one extraction year only).
      const nextStart = end + 1;
      const nextDecision = Math.max(dayOf(yearOfDay(nextStart), 1, 1), nextStart - rng.int(0, 20));
      if (nextDecision > lastDecision || nextStart >= hardEnd) break;
      start = nextStart;
      periodDecision = nextDecision;
      place = placeAtEnd;
      changed = '1';
      if (lodged && rng.chance(0.18)) {
        const moved = pickPlace(rng, key, age(nextDecision));
        if (moved !== place) {
          changed = '2';
          placeChanges++;
          place = moved;
        }
      }
      if (rng.chance(0.03)) changed = '9';
    }
    const last = periods[periods.length - 1]!;
    const end = last.end;
    // How the measure ends, and what comes next.
    let MOTFININT = '1';
    let MOTIFML = '';
    let DATDECMIN = '';
    let stop = false;
    let followedByNext = false;
    const endsAtMajority = end === eighteen - 1 && minorOnly;
    if (endsAtMajority) {
      MOTFININT = rng.chance(0.85) ? '1' : '2';
      MOTIFML = '15';
    } else if (end === twentyOne - 1) {
      MOTFININT = '1';
      MOTIFML = rng.chance(0.8) ? '19' : '99';
      stop = true;
    } else {
      MOTFININT = rng.weighted([
        ['1', 52],
        ['2', 34],
        ['3', 5],
        ['9', 9],
      ]);
      if (MOTFININT === '3') stop = true;
      else if (MOTFININT !== '9') {
        MOTIFML = rng.weighted([
          ['10', 42],
          ['11', 9],
          ['12', 8],
          ['13', 4],
          ['19', 15],
          ['99', 20],
          ['18', 0.4],
          ['16', key[0] === 'A' ? 0 : 0.3],
          ['14', key === 'A15' ? 20 : 0],
        ]);
        if (MOTIFML === '18') {
          DATDECMIN = `${String(partsOf(end).year).padStart(4, '0')}-${String(partsOf(end).month).padStart(2, '0')}`;
          stop = true;
        }
        if (MOTIFML === '12' || MOTIFML === '13' || MOTIFML === '14' || MOTIFML === '16') stop = true;
      }
    }
    // Next measure: immediately (hypothesis 2 on the end line) or after a gap, or never.
    let next: number | null = null;
    if (!stop) {
      const p = endsAtMajority ? 0.55 : ['J14', 'J11', 'A12', 'A13'].includes(key) ? 0.75 : 0.4;
      if (rng.chance(p)) {
        if (endsAtMajority || rng.chance(0.35)) {
          next = end + 1;
          followedByNext = true;
        } else next = end + rng.int(30, 3 * 365);
      }
    }
    // The reason as coded when nothing follows (hypothesis 1), kept in case the next measure never comes.
    alone = { MOTFININT, MOTIFML, DATDECMIN };
    if (followedByNext) {
      // Hypothesis 2: only DATFIN, MOTFININT and DIPLOME are filled on the end line.
      MOTFININT = MOTFININT === '9' || MOTFININT === '3' ? '1' : MOTFININT;
      MOTIFML = '';
      DATDECMIN = '';
    }
    measures.push({
      id: `${personId}-m${rank + 1}`,
      kind: key[0] === 'A' ? 'administrative' : 'judicial',
      nature: key.slice(1),
      decisionVars,
      periods,
      endReason: { MOTFININT, MOTIFML, DATDECMIN },
      followedByNext,
      placeChanges,
    });
    if (next === null) break;
    decision = next;
    previous = key;
  }
  // The loop may stop before the measure announced as following (age, last decision day, eighth measure): the last
  // end is then followed by nothing and is coded in hypothesis 1 (G18 p51).
  const last = measures[measures.length - 1];
  if (last?.followedByNext && alone) {
    last.followedByNext = false;
    last.endReason = alone;
  }
  return measures;
}
