/**
 * The identity that goes into pseudonymisation. It is deliberately a type of its own, separate from any record
 * model: a record never holds a name or a day of birth, and an identity never leaves {@link pseudonymise}.
 */

/** Which construction to follow: décret 2016-1966 (month and year) or the 2011 ONED tool (day, month, year). */
export type Scheme = 'olinpe-2016' | 'oned-2011';

/** The schemes, default first. */
export const SCHEMES: readonly Scheme[] = ['olinpe-2016', 'oned-2011'];

/** A number, or its decimal digits as text (as read from a file, e.g. `"03"`). */
export type DatePart = number | string;

/** The identity of a minor or young adult, as far as the national identifier needs it. */
export interface Identity {
  /** First name (prénom), as written; it is normalised before hashing. */
  readonly prenom: string;
  /** The mother's birth name (nom de naissance de la mère), as written. */
  readonly nomMere: string;
  /** Month of birth, 1 to 12. */
  readonly moisNaissance: DatePart;
  /** Year of birth, four digits. */
  readonly anneeNaissance: DatePart;
  /** Day of birth, 1 to 31: used by the `oned-2011` scheme only, ignored otherwise. */
  readonly jourNaissance?: DatePart;
}
