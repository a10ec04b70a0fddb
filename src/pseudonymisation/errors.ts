/**
 * The one error type of `olinpe/pseudonymisation`. Its messages name the field only: never a name, a day of
 * birth, a key, or any other input value, so that it can be logged or shown without leaking an identity.
 */

/** The identity or option field an error is about. */
export type PseudonymisationField =
  | 'nom'
  | 'prenom'
  | 'nomMere'
  | 'jourNaissance'
  | 'moisNaissance'
  | 'anneeNaissance'
  | 'key'
  | 'scheme'
  | 'numanonym'
  | 'numanonymAnt'
  | 'dateNaissance'
  | 'age';

/** Why the input was refused. */
export type PseudonymisationErrorCode = 'missing' | 'empty' | 'invalid';

const FRENCH: Record<PseudonymisationErrorCode, string> = {
  missing: 'valeur absente',
  empty: 'valeur vide ou sans aucune lettre utilisable',
  invalid: 'valeur invalide',
};

const ENGLISH: Record<PseudonymisationErrorCode, string> = {
  missing: 'missing value',
  empty: 'empty value or no usable letter',
  invalid: 'invalid value',
};

/**
 * Thrown when an input cannot be pseudonymised. `message` is French first, then English in parentheses;
 * `messageFr` and `messageEn` hold each language alone. No message ever contains an input value.
 *
 * @example
 * try {
 *   normaliseName('---');
 * } catch (error) {
 *   if (error instanceof PseudonymisationError) console.log(error.field, error.code); // "nom" "empty"
 * }
 */
export class PseudonymisationError extends Error {
  readonly messageFr: string;
  readonly messageEn: string;

  constructor(
    readonly field: PseudonymisationField,
    readonly code: PseudonymisationErrorCode,
    detail?: { fr: string; en: string },
  ) {
    const fr = `${field} : ${detail?.fr ?? FRENCH[code]}`;
    const en = `${field}: ${detail?.en ?? ENGLISH[code]}`;
    super(`${fr} (${en})`);
    this.name = 'PseudonymisationError';
    this.messageFr = fr;
    this.messageEn = en;
  }
}
