/**
 * 2011 edition (décret 2011-222) lines, with a simpler coherence than 2016 (documented choice):
 * - the 2011 decree covers minors only, so lines of young adults (18+ at DATDECPE) are not produced;
 * - CODEV 4 (mesure) for opening lines, CODEV 5 (renouvellement ou fin) for renewal and end lines;
 *   CODEV 1, 2, 3 (evaluations, signalements, saisines without a measure) are not simulated;
 * - each 2011 variable takes the value of its 2016 successor on the same line when that value is valid in 2011,
 *   otherwise a random code of its own list (with "ne sait pas" at the usual rate; a 2016 nature with no 2011
 *   code becomes 99); the measure's own dates (DATDEBAD/ACC/INTER/PLAC = DATDEB; DATFINAD/ACC/INTER/PLAC =
 *   DATFIN on end lines) follow its nature; renewal lines (CODEV 5 too) carry MOTFININT 9 and unknown end dates
 *   (9999-99-99), which ONPE's 2011 → 2016 converter reads as a renewal;
 * - applicability (CODEV, age band, conditions) is enforced exactly as for 2016.
 *
 * @module
 */
import { isCode, variables } from '../nomenclature/index.js';
import type { VariableDef } from '../nomenclature/index.js';
import type { Record2011 } from '../model/index.js';
import { applies, dependencyOrder } from './applicability.js';
import { checkerAge } from './calendar.js';
import { buildRecord2016, randomCode } from './fill2016.js';
import type { LineContext } from './fill2016.js';
import type { LinePlan } from './lines.js';
import type { YoungPerson } from './population.js';
import type { Rng } from './random.js';

const MEASURE_DATES: Record<string, 'start' | 'end'> = {
  DATDEBAD: 'start', DATDEBACC: 'start', DATDEBINTER: 'start', DATDEBPLAC: 'start',
  DATFINAD: 'end', DATFINACC: 'end', DATFININTER: 'end', DATFINPLAC: 'end',
};

function valid2011(def: VariableDef, value: string): boolean {
  if (value === '') return false;
  if (def.type === 'code' && def.codes.length > 0) return isCode(def.name, value, '2011');
  return true;
}

/**
 * Builds a 2011 record for a planned line, or null when the 2011 decree does not cover the line (young adult).
 *
 * @example
 * buildRecord2011(person, plan, ctx, rng)?.CODEV; // "4" or "5"
 */
export function buildRecord2011(person: YoungPerson, plan: LinePlan, ctx: LineContext, rng: Rng): Record2011 | null {
  const age = checkerAge(person.anais, person.mnais, plan.datdecpe);
  if (age >= 18) return null;
  const base = buildRecord2016(person, plan, { ...ctx, utdp: false }, rng) as Record<string, string | undefined>;
  const codev = plan.typev === '1' ? '4' : '5';
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
      out[def.name] = base.DATDEB ?? '';
      continue;
    }
    if (dateRole === 'end') {
      // A renewal is also CODEV 5 in 2011; its end dates are unknown (ONPE's converter reads CODEV 5 without
      // MOTFININT 1–3 as a renewal).
      out[def.name] = plan.role === 'end' ? (base.DATFIN ?? '') : '9999-99-99';
      continue;
    }
    if (plan.role !== 'end' && def.name === 'MOTFININT') {
      out[def.name] = '9';
      continue;
    }
    if (def.name === 'DATDECMIN') {
      out[def.name] = plan.role === 'end' && /^\d{4}-\d{2}$/.test(base.DATDECMIN ?? '') ? `${base.DATDECMIN!}-99` : '';
      continue;
    }
    if (plan.role !== 'end' && ['MOTFININT', 'NOUVDECPE', 'NATNOUVDECPE', 'MOTIFML', 'DATDECMIN', 'SITAPML', 'TYPINTERV', 'DIPLOME'].includes(def.name)) {
      out[def.name] = '';
      continue;
    }
    const successor = def.successor?.name ?? def.name;
    const from = base[successor];
    if (from !== undefined && valid2011(def, from)) {
      out[def.name] = from;
      continue;
    }
    if (def.name === 'NATPDECADM' || def.name === 'NATDECASSED') {
      out[def.name] = '99';
    } else if (def.type === 'code' && def.codes.length > 0) {
      out[def.name] = def.required !== null || rng.chance(0.8) ? randomCode(def, age, rng) : '';
    } else if (def.type === 'integer') out[def.name] = String(rng.int(1, 6));
    else if (def.required !== null && def.unknownCode !== null) out[def.name] = def.unknownCode;
    else out[def.name] = '';
  }
  const ordered: Record<string, string> = {};
  for (const def of variables('2011')) if (out[def.name] !== undefined) ordered[def.name] = out[def.name]!;
  return ordered as Record2011;
}
