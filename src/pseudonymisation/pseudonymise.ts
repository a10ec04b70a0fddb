import { PseudonymisationError } from './errors.js';
import type { PseudonymisationField } from './errors.js';
import type { DatePart, Identity, Scheme } from './identity.js';
import { keyBytes } from './key.js';
import type { Key } from './key.js';
import { normaliseName } from './normalise.js';
import { phonex12 } from './phonex.js';
import { halfHash, halfHash3, keyAsText, sha1Hex } from './sha1.js';
import type { Sha1Hex, Sha1Utf8 } from './sha1.js';

/** Options of {@link pseudonymise}. */
export interface PseudonymiseOptions {
  /** The département's (level-1) key. */
  key: Key;
  /** `olinpe-2016` (default) or `oned-2011`. */
  scheme?: Scheme;
  /** A SHA-1 implementation to use instead of the built-in pure TypeScript one (e.g. `node:crypto`). */
  sha1?: Sha1Hex;
  /**
   * A SHA-1 of texts (e.g. `node:crypto`'s `hash`), used instead of `sha1` and of the built-in one when the key's
   * bytes are a UTF-8 text (any key read from a text file): the hashed bytes are the same, the text is not
   * encoded in JavaScript first. `olinpe pseudonymise` gives `node:crypto`'s.
   */
  sha1Utf8?: Sha1Utf8;
  /**
   * Remember the normalised form and phonetic code of up to this many distinct names (default 0: none). For files
   * of many rows where names repeat (first names above all), this spares most of the phonetic work, the costliest
   * step. The names stay in this pseudonymiser's memory while it lives: give it to a pseudonymiser made for one
   * file, not to a long-lived one. When full, the memory is emptied and filled again.
   */
  memo?: number;
}

/** A reusable pseudonymiser: the key is checked and encoded once. */
export type Pseudonymiser = (identity: Identity) => string;

function datePart(
  value: DatePart | undefined,
  field: PseudonymisationField,
  digits: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === null) throw new PseudonymisationError(field, 'missing');
  if (typeof value === 'string' && value.length > 0 && value.length <= digits) {
    // The usual case, one to `digits` ASCII digits, read without trim or regular expression (same result).
    let n = 0;
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    if (i === value.length) {
      if (n < min || n > max) throw new PseudonymisationError(field, 'invalid');
      return n;
    }
  }
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') throw new PseudonymisationError(field, 'empty');
    if (!/^[0-9]+$/.test(text) || text.length > digits) throw new PseudonymisationError(field, 'invalid');
    n = Number(text);
  } else throw new PseudonymisationError(field, 'invalid');
  if (!Number.isInteger(n) || n < min || n > max) throw new PseudonymisationError(field, 'invalid');
  return n;
}

function daysInMonth(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The date part D of the hashed text: `MMAAAA` (olinpe-2016) or `JJMMAAAA` (oned-2011), after checking each part.
 *
 * @example
 * birthDigits({ prenom: 'x', nomMere: 'y', moisNaissance: 3, anneeNaissance: 2010, jourNaissance: 5 }, 'oned-2011'); // "05032010"
 */
export function birthDigits(identity: Identity, scheme: Scheme = 'olinpe-2016'): string {
  const month = datePart(identity.moisNaissance, 'moisNaissance', 2, 1, 12);
  const year = datePart(identity.anneeNaissance, 'anneeNaissance', 4, 1900, 2100);
  const my = `${String(month).padStart(2, '0')}${year}`;
  if (scheme === 'olinpe-2016') return my;
  const day = datePart(identity.jourNaissance, 'jourNaissance', 2, 1, 31);
  if (day > daysInMonth(month, year)) throw new PseudonymisationError('jourNaissance', 'invalid');
  return `${String(day).padStart(2, '0')}${my}`;
}

/** The two halves of NUMANONYM from the normalised names, the date digits and the names' phonex12. */
export type Halves = (name: string, mother: string, digits: string, namePhonex: string, motherPhonex: string) => string;

/**
 * The hashing of {@link createPseudonymiser} (internal: also the identity-file pseudonymiser's): as text when a text
 * SHA-1 is given and the key is a UTF-8 text, else as bytes.
 */
export function hashHalves(key: Uint8Array, sha1: Sha1Hex, sha1Utf8: Sha1Utf8 | undefined): Halves {
  const keyText = sha1Utf8 === undefined ? undefined : keyAsText(key);
  return keyText !== undefined && sha1Utf8 !== undefined
    ? (name: string, mother: string, digits: string, namePhonex: string, motherPhonex: string): string =>
        sha1Utf8(name + mother + digits + keyText).slice(0, 20) +
        sha1Utf8(namePhonex + motherPhonex + keyText).slice(0, 20)
    : sha1 === sha1Hex
      ? (name: string, mother: string, digits: string, namePhonex: string, motherPhonex: string): string =>
          halfHash3(name, mother, digits, key) + halfHash3(namePhonex, motherPhonex, '', key)
      : (name: string, mother: string, digits: string, namePhonex: string, motherPhonex: string): string =>
          halfHash(name + mother + digits, key, sha1) + halfHash(namePhonex + motherPhonex, key, sha1);
}

/**
 * Prepares a pseudonymiser for one key and scheme (faster for many identities: the key is encoded once).
 *
 * @example
 * const pseudo = createPseudonymiser({ key: 'exemple-cle-departementale' });
 * pseudo({ prenom: 'Jean-Marc', nomMere: 'Le Goff', moisNaissance: 3, anneeNaissance: 2010 });
 * // "fbcf6077f99ef8192477b4932e36b2c37cb383db"
 */
export function createPseudonymiser(options: PseudonymiseOptions): Pseudonymiser {
  const scheme = options.scheme ?? 'olinpe-2016';
  if (scheme !== 'olinpe-2016' && scheme !== 'oned-2011') throw new PseudonymisationError('scheme', 'invalid');
  const key = keyBytes(options.key);
  const sha1 = options.sha1 ?? sha1Hex;
  const limit = Math.max(0, Math.floor(options.memo ?? 0));
  const halves = hashHalves(key, sha1, options.sha1Utf8);
  if (limit > 0) {
    // name as given -> [normalised, phonex12]; only names that normalise without error are remembered.
    const memo = new Map<string, readonly [string, string]>();
    const known = (name: unknown, field: PseudonymisationField): readonly [string, string] => {
      const hit = typeof name === 'string' ? memo.get(name) : undefined;
      if (hit !== undefined) return hit;
      const normalised = normaliseName(name as string, field);
      const entry = [normalised, phonex12(normalised)] as const;
      if (memo.size >= limit) memo.clear();
      // A copy of the name: a name cut from a large text may be a view that keeps the whole text alive.
      memo.set((name as string).length < 13 ? (name as string) : (' ' + (name as string)).slice(1), entry);
      return entry;
    };
    return (identity: Identity): string => {
      if (identity === null || typeof identity !== 'object') throw new PseudonymisationError('prenom', 'missing');
      const p = known(identity.prenom, 'prenom');
      const m = known(identity.nomMere, 'nomMere');
      const d = birthDigits(identity, scheme);
      return halves(p[0], m[0], d, p[1], m[1]);
    };
  }
  return (identity: Identity): string => {
    if (identity === null || typeof identity !== 'object') throw new PseudonymisationError('prenom', 'missing');
    const p = normaliseName(identity.prenom, 'prenom');
    const m = normaliseName(identity.nomMere, 'nomMere');
    const d = birthDigits(identity, scheme);
    return halves(p, m, d, phonex12(p), phonex12(m));
  };
}

/**
 * The level-1 (département) identifier NUMANONYM of an identity: 40 lowercase hexadecimal characters.
 * Throws a {@link PseudonymisationError} naming the faulty field (never its value) when an input is missing or invalid.
 *
 * @example
 * pseudonymise(
 *   { prenom: 'Jean-Marc', nomMere: 'Le Goff', moisNaissance: 3, anneeNaissance: 2010 },
 *   { key: 'exemple-cle-departementale' },
 * ); // "fbcf6077f99ef8192477b4932e36b2c37cb383db"
 */
export function pseudonymise(identity: Identity, options: PseudonymiseOptions): string {
  return createPseudonymiser(options)(identity);
}
