/**
 * Fills the 105 variables of one 2016 event line from the population model. Domain generators give coherent values
 * for the variables that matter to the trajectory (decision block, dates, end block, schooling by age, household);
 * every other variable gets a plausible code with a realistic share of "ne sait pas". Then each variable is kept
 * only where the nomenclature says it applies (event type, age band, condition) and left empty ('') elsewhere.
 *
 * @module
 */
import { variables } from '../nomenclature/index.js';
import type { VariableDef } from '../nomenclature/index.js';
import type { Record2016 } from '../model/index.js';
import { applies, dependencyOrder } from './applicability.js';
import { checkerAge, dayOf, isoDay, isoMonth } from '../_lib/days.js';
import type { LinePlan } from './lines.js';
import type { YoungPerson } from './population.js';
import type { Rng } from './random.js';

/** Everything a line needs besides the person and the plan. */
export interface LineContext {
  numdep: string;
  numanonym: string;
  numanonymant: string;
  /** Include UTDP (the ODPE-only territorial unit). */
  utdp: boolean;
}

/** Share of "ne sait pas" by variable (default {@link DEFAULT_UNKNOWN_RATE}). */
const UNKNOWN_RATE: Record<string, number> = {
  ORIGIP: 0.12,
  TRANSIP: 0.12,
  MOTIFSIG: 0.15,
  ENQPENAL: 0.2,
  SAISJUR: 0.1,
  TRAITINFO: 0.05,
  ANSPERE: 0.3,
  DCPERE: 0.2,
  PEREINC: 0.1,
  ANSMERE: 0.12,
  DCMERE: 0.08,
  MEREINC: 0.04,
  ANSA1: 0.1,
  ANSA2: 0.2,
  EMPLA1: 0.15,
  EMPLA2: 0.25,
  CSPA1: 0.2,
  CSPA2: 0.3,
  EMPLJM: 0.12,
  CSPJM: 0.25,
  MINIMA: 0.18,
  ALLOC: 0.15,
  DIPLOME: 0.15,
  HANDICAP: 0.05,
  ORIENTDEC: 0.08,
  ORIENTEFF: 0.1,
  CONDADD: 0.15,
  DEFINTEL: 0.15,
  CONFL: 0.1,
  VIOLFAM: 0.12,
  SOUTSOC: 0.15,
  DECAP: 0.08,
  TITAP: 0.04,
  COMPOMENAG: 0.03,
  NBFRAT: 0.05,
  NBENF: 0.04,
  FREQSCO: 0.1,
  NIVSCO: 0.05,
  MODACC: 0.1,
  ACCMOD: 0.08,
  AUTRLIEUACC: 0.08,
  PLACMOD: 0.08,
  AUTRLIEUAR: 0.08,
  INTERANT: 0.04,
  PROJET: 0.08,
};
/** Share of "ne sait pas" for coded variables not listed above. */
export const DEFAULT_UNKNOWN_RATE = 0.06;

const YES_NO_WEIGHTS: Record<string, number> = {
  SANTE: 0.35,
  SECURITE: 0.4,
  MORALITE: 0.15,
  CONDEDUC: 0.55,
  CONDEDEV: 0.45,
  VIOLSEX: 0.05,
  VIOLPHYS: 0.15,
  NEGLIG: 0.3,
  VIOLPSY: 0.3,
  VIOLCONJ: 0.2,
  DANGER: 0.1,
  MINA: 0.04,
  HANDICAP: 0.08,
  ORIENTDEC: 0.5,
  ORIENTEFF: 0.7,
  CONDADD: 0.3,
  DEFINTEL: 0.06,
  CONFL: 0.45,
  VIOLFAM: 0.3,
  SOUTSOC: 0.25,
  MINIMA: 0.35,
  ALLOC: 0.6,
  MEREINC: 0.02,
  PEREINC: 0.08,
  DCMERE: 0.02,
  DCPERE: 0.04,
  MESANT: 0.4,
  ACCFAM: 0.6,
  ENQPENAL: 0.2,
  SAISJUR: 0.3,
  AUTREHEBER: 0.1,
  ACCMOD: 0.3,
  AUTRLIEUACC: 0.15,
  PLACMOD: 0.3,
  AUTRLIEUAR: 0.15,
  SCOCLASPE: 0.08,
};

function unknownRate(name: string): number {
  return UNKNOWN_RATE[name] ?? DEFAULT_UNKNOWN_RATE;
}

/** A code of `def` allowed at `age` (code age bands respected), "ne sait pas" at the variable's rate. */
export function randomCode(def: VariableDef, age: number, rng: Rng): string {
  if (def.unknownCode !== null && rng.chance(unknownRate(def.name))) return def.unknownCode;
  const codes = def.codes.filter(
    (c) =>
      c.code !== def.unknownCode &&
      (!c.age || ((c.age.min === null || age >= c.age.min) && (c.age.max === null || age <= c.age.max))),
  );
  const yes = YES_NO_WEIGHTS[def.name];
  if (yes !== undefined && codes.length === 2 && codes[0]?.code === '1' && codes[1]?.code === '2')
    return rng.chance(yes) ? '2' : '1';
  if (codes.length === 0) return def.unknownCode ?? '';
  return rng.pick(codes).code;
}

function nivsco(age: number, rng: Rng): string {
  if (age <= 5) return '200';
  const primary = ['310', '320', '330', '340', '350'];
  if (age <= 10) return rng.chance(0.9) ? primary[Math.min(age - 6, 4)]! : rng.pick(['399', ...primary]);
  const college = ['410', '420', '430', '440'];
  if (age <= 14) return rng.chance(0.88) ? college[Math.min(age - 11, 3)]! : rng.pick(['499', '350', ...college]);
  if (age === 15) return rng.pick(['440', '510', '610', '620', '510']);
  if (age === 16) return rng.pick(['510', '520', '530', '610', '620', '630', '710', '599']);
  if (age === 17) return rng.pick(['550', '560', '630', '740', '710', '699', '750']);
  return rng.pick(['770', '630', '740', '750', '769', '710']);
}

function pastDate(from: number, minDays: number, maxDays: number, rng: Rng): string {
  if (rng.chance(0.03)) return '9999-99-99';
  return isoDay(from - rng.int(minDays, maxDays));
}

/**
 * Builds the record of one planned line: a complete 2016 record (every variable present, '' where not applicable).
 *
 * @example
 * // given: const [{ person, plan }] = synthLines({ seed: 1, year: 2023, records: 20 });
 * const id = 'a'.repeat(40);
 * const rec = buildRecord2016(person, plan, { numdep: '84', numanonym: id, numanonymant: id, utdp: false }, new Rng(1));
 * rec.TYPEV; // "1", "2" or "3"
 */
export function buildRecord2016(person: YoungPerson, plan: LinePlan, ctx: LineContext, rng: Rng): Record2016 {
  const age = checkerAge(person.anais, person.mnais, plan.datdecpe);
  const period = plan.measure.periods[plan.period]!;
  const end = plan.role === 'end';
  const v: Record<string, string> = {};
  const firstDecision = plan.measure.periods[0]!.decision;
  // Identification and the young person.
  v.UTDP = person.utdp;
  v.NUMDEP = ctx.numdep;
  v.NUMANONYM = ctx.numanonym;
  v.NUMANONYMANT = ctx.numanonymant;
  v.TYPEV = plan.typev;
  v.SEXE = person.sexe;
  v.ANAIS = String(person.anais);
  v.MNAIS = String(person.mnais).padStart(2, '0');
  // Decision block: repeated identically on linked lines.
  Object.assign(v, plan.measure.decisionVars);
  v.DATDECPE = isoDay(plan.datdecpe);
  // A decision line sent before the measure starts has no start date yet (G18 p5); DATDEB has no unknown form.
  v.DATDEB = plan.datdeb === null ? '' : isoDay(plan.datdeb);
  const place = end ? period.placeAtEnd : period.place;
  v.LIEUACC = plan.measure.kind === 'administrative' ? place : '';
  v.LIEUPLAC = plan.measure.kind === 'judicial' ? place : '';
  // AED / AEMO with accommodation: the place of accommodation may be given (G18 p9).
  const lodging =
    (v.NATPDECADM === '10' && (v.TYPINTERDOM === '4' || v.TYPINTERDOM === '5')) ||
    (v.NATDECASSED === '16' && (v.TYPDECJUD === '7' || v.TYPDECJUD === '8'));
  if (lodging && rng.chance(0.6)) {
    const where = rng.weighted([
      ['1', 50],
      ['2', 40],
      ['5', 10],
    ]);
    if (v.NATPDECADM === '10') v.LIEUACC = where;
    else v.LIEUPLAC = where;
  }
  // "Other" decisions (NATPDECADM 18, NATDECASSED 21): the block not chosen stays empty (G18 p9).
  if (v.NATPDECADM === '18' && v.TYPINTERDOM !== '') Object.assign(v, { LIEUACC: '', ACCMOD: '', AUTRLIEUACC: '' });
  if (v.NATDECASSED === '21' && v.TYPDECJUD !== '')
    Object.assign(v, { NATDECPLAC: '', INSTITPLAC: '', LIEUPLAC: '', PLACMOD: '', AUTRLIEUAR: '' });
  v.CHGLIEU = plan.role === 'renewal' ? period.changedAtRenewal : '';
  v.INTERANT = plan.measure.id.endsWith('-m1') ? (rng.chance(0.12) ? '2' : '1') : '2';
  if (rng.chance(unknownRate('INTERANT'))) v.INTERANT = '9';
  v.PROJET = rng.weighted([
    ['2', 45],
    ['1', 47],
    ['9', 8],
  ]);
  // The PPE is dated around the decision, never after the end of the file's year (nor after DATEXPORT); its day
  // may be unknown (99) but it has no wholly unknown form (G18 p44).
  if (v.PROJET === '2') {
    const ppe = Math.min(plan.datdecpe - rng.int(-60, 90), dayOf(plan.fileYear, 12, 31));
    v.DATPPE = rng.chance(0.03) ? `${isoDay(ppe).slice(0, 8)}99` : isoDay(ppe);
  } else v.DATPPE = '';
  // End block.
  if (end) {
    v.DATFIN = isoDay(plan.datfin!);
    const finalReason = plan.final ? plan.measure.endReason : { MOTFININT: '1', MOTIFML: '', DATDECMIN: '' };
    v.MOTFININT = finalReason.MOTFININT;
    v.MOTIFML = plan.followed ? '' : finalReason.MOTIFML;
    v.DATDECMIN = plan.followed ? '' : finalReason.DATDECMIN;
    v.NBCHGLIEU = plan.followed ? '' : rng.chance(0.05) ? '99' : String(Math.min(plan.measure.placeChanges, 98));
    v.DIPLOME =
      age < 16
        ? rng.weighted([
            ['1', 80],
            ['9', 20],
          ])
        : rng.weighted([
            ['1', 35],
            ['2', 30],
            ['3', 15],
            ['4', 8],
            ['9', 12],
          ]);
  }
  // Schooling by age.
  if (age >= 3) {
    const schooled = age <= 16 ? rng.chance(0.92) : rng.chance(0.6);
    v.SCODTCOM = rng.chance(0.03) ? '9' : schooled ? '2' : '1';
    v.ETABSCOSPE = rng.chance(0.03) ? '9' : !schooled && rng.chance(0.5) ? '2' : rng.chance(0.04) ? '2' : '1';
  }
  v.NIVSCO = rng.chance(unknownRate('NIVSCO')) ? '999' : nivsco(age, rng);
  // Household (minors) and situation (young adults).
  const single = rng.chance(0.55);
  v.COMPOMENAG = rng.chance(0.03)
    ? '99'
    : single
      ? rng.weighted([
          ['3', 70],
          ['4', 12],
          ['8', 8],
          ['9', 3],
          ['10', 7],
        ])
      : rng.weighted([
          ['2', 45],
          ['6', 35],
          ['7', 12],
          ['5', 8],
        ]);
  v.LIENA1 = rng.weighted([
    ['1', 85],
    ['3', 6],
    ['5', 3],
    ['7', 3],
    ['9', 3],
  ]);
  v.LIENA2 = single
    ? ''
    : rng.weighted([
        ['1', 55],
        ['2', 40],
        ['9', 5],
      ]);
  v.SEXA1 =
    v.LIENA1 === '1' && ['3', '2', '6'].includes(v.COMPOMENAG)
      ? '2'
      : rng.weighted([
          ['2', 70],
          ['1', 27],
          ['9', 3],
        ]);
  v.SEXA2 = single
    ? ''
    : rng.weighted([
        ['1', 80],
        ['2', 17],
        ['9', 3],
      ]);
  v.ANSA1 = rng.chance(unknownRate('ANSA1')) ? '9999' : String(person.anais - rng.int(18, 42));
  v.ANSA2 = single ? '' : rng.chance(unknownRate('ANSA2')) ? '9999' : String(person.anais - rng.int(18, 48));
  v.ANSMERE = String(person.anais - rng.int(17, 42));
  v.ANSPERE = String(person.anais - rng.int(18, 50));
  if (single) {
    v.EMPLA2 = '';
    v.CSPA2 = '';
  }
  v.NBFRAT = rng.chance(unknownRate('NBFRAT'))
    ? '99'
    : String(
        rng.weighted([
          [1, 20],
          [2, 30],
          [3, 25],
          [4, 12],
          [5, 7],
          [6, 4],
          [8, 2],
        ]),
      );
  v.NBENF = rng.chance(unknownRate('NBENF')) ? '99' : age >= 16 && rng.chance(0.08) ? '1' : '0';
  // Accueil provisoire jeune majeur: MENAGEJM 8 (G18 p27).
  if (age >= 18)
    v.MENAGEJM =
      v.NATPDECADM === '21'
        ? '8'
        : rng.weighted([
            ['1', 40],
            ['4', 25],
            ['2', 8],
            ['3', 7],
            ['8', 12],
            ['9', 8],
          ]);
  v.DECAP = rng.weighted([
    ['6', 70],
    ['1', 10],
    ['2', 3],
    ['3', 2],
    ['4', 3],
    ['5', 1],
    ['9', 11],
  ]);
  v.DATDECAP = pastDate(plan.datdecpe, 30, 2000, rng);
  v.DCMERE = rng.chance(0.02) ? '2' : rng.chance(unknownRate('DCMERE')) ? '9' : '1';
  v.DCPERE = rng.chance(0.04) ? '2' : rng.chance(unknownRate('DCPERE')) ? '9' : '1';
  v.DATDCMERE =
    v.DCMERE === '2'
      ? rng.chance(0.2)
        ? '9999-99'
        : isoMonth(Math.max(person.birth, plan.datdecpe - rng.int(30, 3000)))
      : '';
  v.DATDCPERE =
    v.DCPERE === '2'
      ? rng.chance(0.2)
        ? '9999-99'
        : isoMonth(Math.max(person.birth, plan.datdecpe - rng.int(30, 3000)))
      : '';
  // Initial information (opening lines only): dates before the decision.
  const judicial = plan.measure.kind === 'judicial';
  v.TRAITINFO = rng.weighted(
    judicial
      ? [
          ['1', 45],
          ['3', 25],
          ['4', 20],
          ['5', 4],
          ['9', 6],
        ]
      : [
          ['1', 70],
          ['2', 20],
          ['5', 4],
          ['9', 6],
        ],
  );
  v.DATIP = rng.chance(0.1) ? '' : pastDate(firstDecision, 20, 200, rng);
  v.DATSIGN = judicial && rng.chance(0.6) ? pastDate(firstDecision, 5, 60, rng) : '';
  v.DATJE = judicial ? pastDate(firstDecision, 0, 30, rng) : '';
  if (v.DATSIGN === '') {
    v.MOTIFSIG = '';
    v.ENQPENAL = '';
    v.SAISJUR = '';
  }
  // Evaluation: only when one took place.
  if (rng.chance(0.6)) {
    const fin = firstDecision - rng.int(5, 40);
    v.FINEVAL = isoDay(fin);
    v.NOTIFEVAL = isoDay(fin - rng.int(15, 90));
  } else {
    v.NOTIFEVAL = '';
    v.FINEVAL = '';
    v.MESANT = '';
    v.ACCFAM = '';
  }
  // Keep each variable where it applies, fill the rest generically, in dependency order.
  const out: Record<string, string> = {};
  const get = (name: string): string | undefined => out[name];
  for (const def of dependencyOrder('2016')) {
    if (def.name === 'UTDP' && !ctx.utdp) continue;
    if (!applies(def, plan.typev, age, get)) {
      out[def.name] = '';
      continue;
    }
    const given = v[def.name];
    out[def.name] = given !== undefined ? given : genericValue(def, age, rng);
  }
  const ordered: Record<string, string> = {};
  for (const def of variables('2016')) if (out[def.name] !== undefined) ordered[def.name] = out[def.name]!;
  return ordered as Record2016;
}

function genericValue(def: VariableDef, age: number, rng: Rng): string {
  switch (def.type) {
    case 'code':
      return def.codes.length === 0 ? '' : randomCode(def, age, rng);
    case 'year':
      return def.unknownCode ?? '';
    case 'integer':
      return String(rng.int(0, 3));
    default:
      return '';
  }
}
