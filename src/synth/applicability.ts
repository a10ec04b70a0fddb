/**
 * Applicability of a variable on one line, straight from the nomenclature: event type, age band, condition on
 * other variables. Shared by the generator (to leave non-applicable variables empty) and its tests.
 *
 * @module
 */
import { conditionVariables, evaluateCondition, isInAgeBand, variables } from '../nomenclature/index.js';
import type { EditionId, VariableDef } from '../nomenclature/index.js';

/** Whether `def` applies on a line of event `event` (TYPEV or CODEV), for a young person of `age`, given the line's values. */
export function applies(
  def: VariableDef,
  event: string,
  age: number | undefined,
  get: (name: string) => string | undefined,
): boolean {
  const a = def.applicability;
  if (!a.events.includes(event)) return false;
  if (!isInAgeBand(age, a.age)) return false;
  return a.condition === null || evaluateCondition(a.condition, get);
}

/** Whether `def` must be filled on such a line: it applies and, when the nomenclature sets `requiredWhen`, that holds. */
export function isRequired(
  def: VariableDef,
  event: string,
  age: number | undefined,
  get: (name: string) => string | undefined,
): boolean {
  if (def.required === null || !applies(def, event, age, get)) return false;
  return def.requiredWhen === undefined || evaluateCondition(def.requiredWhen, get);
}

const ORDER = new Map<EditionId, VariableDef[]>();

/**
 * The variables of an edition ordered so that every variable comes after the variables its condition reads
 * (file order otherwise): deciding them in this order never reads an undecided value.
 *
 * @example
 * const names = dependencyOrder('2016').map((d) => d.name);
 * names.indexOf('DECISION') < names.indexOf('NATPDECADM'); // true
 */
export function dependencyOrder(edition: EditionId): VariableDef[] {
  const cached = ORDER.get(edition);
  if (cached) return cached;
  const all = variables(edition);
  const names = new Set(all.map((d) => d.name));
  const done = new Set<string>();
  const out: VariableDef[] = [];
  let pending = all;
  while (pending.length > 0) {
    const next: VariableDef[] = [];
    for (const def of pending) {
      const deps = conditionVariables(def.applicability.condition).filter((n) => names.has(n) && n !== def.name);
      if (deps.every((n) => done.has(n))) {
        out.push(def);
        done.add(def.name);
      } else next.push(def);
    }
    if (next.length === pending.length) {
      out.push(...next); // a cycle: keep file order for the rest
      break;
    }
    pending = next;
  }
  ORDER.set(edition, out);
  return out;
}
