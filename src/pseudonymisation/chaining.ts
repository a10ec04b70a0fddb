import { PseudonymisationError } from './errors.js';
import type { PseudonymisationField } from './errors.js';

/** The two identifier variables of a transmitted record. */
export interface YearChaining {
  /** This year's identifier. */
  NUMANONYM: string;
  /** The identifier sent the previous year; equal to NUMANONYM on a first transmission. */
  NUMANONYMANT: string;
}

const IDENTIFIER = /^[0-9a-fA-F]{40}$/;

function checked(value: string, field: PseudonymisationField): string {
  if (typeof value !== 'string') throw new PseudonymisationError(field, 'missing');
  if (value.length === 0) throw new PseudonymisationError(field, 'empty');
  if (!IDENTIFIER.test(value)) throw new PseudonymisationError(field, 'invalid');
  return value;
}

/**
 * NUMANONYM and NUMANONYMANT from this year's identifier and, when the young person was already transmitted, last
 * year's one. On a first transmission (no previous identifier) NUMANONYMANT = NUMANONYM.
 *
 * @example
 * chainYear('fbcf6077f99ef8192477b4932e36b2c37cb383db');
 * // { NUMANONYM: "fbcf…83db", NUMANONYMANT: "fbcf…83db" }
 * const [thisYear, lastYear] = ['a'.repeat(40), 'b'.repeat(40)];
 * chainYear(thisYear, lastYear); // { NUMANONYM: 'a'.repeat(40), NUMANONYMANT: 'b'.repeat(40) }
 */
export function chainYear(current: string, previous?: string | null): YearChaining {
  const NUMANONYM = checked(current, 'numanonym');
  if (previous === undefined || previous === null || previous === '') return { NUMANONYM, NUMANONYMANT: NUMANONYM };
  return { NUMANONYM, NUMANONYMANT: checked(previous, 'numanonymAnt') };
}

/** Where to find this year's and last year's transitory identifiers of a record. */
export interface YearChainingSource<R> {
  /** This year's identifier of the record. */
  current(record: R): string;
  /** Last year's identifier, or `undefined`/`null`/`''` on a first transmission. */
  previous(record: R): string | null | undefined;
}

/**
 * Fills NUMANONYM and NUMANONYMANT for a year's records (new objects; the input is not modified).
 *
 * @example
 * const records = [{ id: 'a'.repeat(40), dossier: 'D-17' }];
 * const lastYear = new Map([['D-17', 'b'.repeat(40)]]);
 * fillYearChaining(records, { current: (r) => r.id, previous: (r) => lastYear.get(r.dossier) });
 */
export function fillYearChaining<R extends object>(
  records: readonly R[],
  source: YearChainingSource<R>,
): Array<R & YearChaining> {
  return records.map((record) => ({ ...record, ...chainYear(source.current(record), source.previous(record)) }));
}
