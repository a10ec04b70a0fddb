/**
 * 2011 edition (décret 2011-222) lines, with a simpler coherence than 2016 (documented choice):
 * - the 2011 decree covers minors only, so lines of young adults (18+ at DATDECPE) are not produced;
 * - opening lines are CODEV 1 (information préoccupante assessed), 2 (direct report), 3 (direct seizure of the
 *   juvenile judge) or 4 (measure) after the origin the 2016 line records; renewal and end lines are CODEV 5;
 * - each 2011 variable takes the value of its 2016 successor on the same line when that value is valid in 2011,
 *   otherwise a random code of its own list (with "ne sait pas" at the usual rate; a 2016 nature with no 2011
 *   code becomes 99); the measure's own dates (DATDEBAD/ACC/INTER/PLAC = DATDEB; DATFINAD/ACC/INTER/PLAC =
 *   DATFIN on end lines) follow its nature; renewal lines (CODEV 5 too) leave MOTFININT, the end variables and the
 *   end dates empty, which is how the aid tells a renewal from an end (O15 p7–8);
 * - a delegation of parental authority or a guardianship (2016 NATDECASSED 22, 23) is NATDECASSED 21 with DECAP
 *   2 or 4 and DATDECPE = DATDECAP (O15 p10);
 * - applicability (CODEV, age band, conditions) is enforced exactly as for 2016.
 *
 * @module
 */
import { isCode, variables } from '../nomenclature/index.js';
import type { VariableDef } from '../nomenclature/index.js';
import type { Record2011 } from '../model/index.js';
import { applies, dependencyOrder } from './applicability.js';
import { checkerAge, isoDay } from '../_lib/days.js';
import { buildRecord2016, randomCode } from './fill2016.js';
import type { LineContext } from './fill2016.js';
import type { LinePlan } from './lines.js';
import type { YoungPerson } from './population.js';
import type { Rng } from './random.js';

/** The variables of the decision blocks (home support, reception, community, placement). */
const BLOCKS = new Set([
  'TYPINTERDOM',
  'LIEUACC',
  'ACCMOD',
  'AUTRLIEUACC',
  'TYPDECJUD',
  'NATDECPLAC',
  'INSTITPLAC',
  'LIEUPLAC',
  'PLACMOD',
  'AUTRLIEUAR',
]);

const MEASURE_DATES: Record<string, 'start' | 'end'> = {
  DATDEBAD: 'start',
  DATDEBACC: 'start',
  DATDEBINTER: 'start',
  DATDEBPLAC: 'start',
  DATFINAD: 'end',
  DATFINACC: 'end',
  DATFININTER: 'end',
  DATFINPLAC: 'end',
};

function valid2011(def: VariableDef, value: string): boolean {
  if (value === '') return false;
  if (def.type === 'code' && def.codes.length > 0) return isCode(def.name, value, '2011');
  return true;
}

/**
 * The CODEV of an opening line, from the origin the 2016 line records: a direct report to the prosecutor (2), a
 * direct seizure of the juvenile judge (3), an information préoccupante assessed by the council (1), else a measure
 * (4). Each comes with the date the aid requires for it (DATSIGN, DATJE, DATIP).
 */
function openingEvent(base: Record<string, string | undefined>, rng: Rng): string {
  if (base.DATSIGN) return '2';
  if (base.DATJE && rng.chance(0.4)) return '3';
  if (base.DATIP) return '1';
  return '4';
}

/**
 * Builds a 2011 record for a planned line, or null when the 2011 decree does not cover the line (young adult).
 *
 * @example
 * // given: const [{ person, plan }] = synthLines({ seed: 1, year: 2010, records: 20, edition: '2011' });
 * const ctx = { numdep: '84', numanonym: 'a'.repeat(40), numanonymant: 'a'.repeat(40), utdp: false };
 * buildRecord2011(person, plan, ctx, new Rng(1))?.CODEV; // "4" or "5"
 */
export function buildRecord2011(person: YoungPerson, plan: LinePlan, ctx: LineContext, rng: Rng): Record2011 | null {
  const age = checkerAge(person.anais, person.mnais, plan.datdecpe);
  if (age >= 18) return null;
  const base = buildRecord2016(person, plan, { ...ctx, utdp: false }, rng) as Record<string, string | undefined>;
  const codev = plan.typev === '1' ? openingEvent(base, rng) : '5';
  // Décret 2011 has no delegation of parental authority nor guardianship: NATDECASSED 21 with DECAP 2 or 4 and
  // DATDECPE = DATDECAP (O15 p10).
  const parental = base.NATDECASSED === '22' || base.NATDECASSED === '23' ? base.NATDECASSED : null;
  const out: Record<string, string> = {};
  const get = (name: string): string | undefined => out[name];
  for (const def of dependencyOrder('2011')) {
    if (def.name === 'CODEV') {
      out.CODEV = codev;
      continue;
    }
    if (!applies(def, codev, age, get)) {
      out[def.name] = '';
      continue;
    }
    const dateRole = MEASURE_DATES[def.name];
    if (dateRole === 'start') {
      // A decision line sent before the start: the start date is not known yet (9999-99-99, O15 p8).
      out[def.name] = base.DATDEB || '9999-99-99';
      continue;
    }
    if (dateRole === 'end') {
      // A renewal is also CODEV 5 in 2011; its end dates are unknown (ONPE's converter reads CODEV 5 without
      // MOTFININT 1–3 as a renewal).
      out[def.name] = plan.role === 'end' ? (base.DATFIN ?? '') : '';
      continue;
    }
    if (def.name === 'DATDECMIN') {
      out[def.name] = plan.role === 'end' && /^\d{4}-\d{2}$/.test(base.DATDECMIN ?? '') ? `${base.DATDECMIN!}-99` : '';
      continue;
    }
    if (
      plan.role !== 'end' &&
      ['MOTFININT', 'NOUVDECPE', 'NATNOUVDECPE', 'MOTIFML', 'DATDECMIN', 'SITAPML', 'TYPINTERV', 'DIPLOME'].includes(
        def.name,
      )
    ) {
      out[def.name] = '';
      continue;
    }
    const successor = def.successor?.name ?? def.name;
    const from = base[successor];
    if (from === '' && BLOCKS.has(def.name)) {
      // The block the 2016 line left empty (the other one of an "other" decision) stays empty.
      out[def.name] = '';
      continue;
    }
    if (from !== undefined && valid2011(def, from)) {
      out[def.name] = from;
      continue;
    }
    if (def.name === 'NATDECASSED' && parental !== null) {
      out[def.name] = '21';
    } else if (def.name === 'AUTREDJ' && parental !== null) {
      out[def.name] = parental === '22' ? 'délégation autorité parentale' : 'tutelle déférée à l’ASE';
    } else if (def.name === 'NATPDECADM' || def.name === 'NATDECASSED') {
      out[def.name] = '99';
    } else if (def.type === 'code' && def.codes.length > 0) {
      out[def.name] = def.required !== null || rng.chance(0.8) ? randomCode(def, age, rng) : '';
    } else if (def.type === 'integer') out[def.name] = String(rng.int(1, 6));
    else if (def.required !== null && def.unknownCode !== null) out[def.name] = def.unknownCode;
    else if (def.type === 'date' && !def.successor) {
      // A date of the 2011 edition with no 2016 counterpart (MDPH decision, prosecutor's opinion, project signed):
      // some time before the decision (DATDECPE, which buildRecord2016 writes as plan.datdecpe).
      out[def.name] = isoDay(plan.datdecpe - rng.int(20, 400));
    } else out[def.name] = '';
  }
  if (parental !== null) {
    out.DECAP = parental === '22' ? '2' : '4';
    out.DATDECAP = out.DATDECPE ?? '';
  }
  // A place drawn for a 2016 place with no 2011 code is never "at the parents' home" outside a placement at home
  // (O15 p9: NATPDECADM 14, NATDECASSED 17 or 18).
  if (out.LIEUACC === '12' && out.NATPDECADM !== '14') out.LIEUACC = '99';
  if (out.LIEUPLAC === '12' && out.NATDECASSED !== '17' && out.NATDECASSED !== '18') out.LIEUPLAC = '99';
  if (parental === null && out.NATDECASSED === '21' && (out.DECAP === '2' || out.DECAP === '4')) {
    // A delegation or guardianship under NATDECASSED 21 is the parental-authority case above: not another measure.
    out.DECAP = '1';
  }
  const ordered: Record<string, string> = {};
  for (const def of variables('2011')) if (out[def.name] !== undefined) ordered[def.name] = out[def.name]!;
  return ordered as Record2011;
}
