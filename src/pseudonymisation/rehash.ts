import { isHex40 } from '../_lib/hex.js';
import { PseudonymisationError } from './errors.js';
import type { PseudonymisationField } from './errors.js';
import { keyBytes } from './key.js';
import type { Key } from './key.js';
import { halfHash, keyAsText, sha1Hex } from './sha1.js';
import type { Sha1Hex, Sha1Utf8 } from './sha1.js';

/** Options of {@link rehash}. */
export interface RehashOptions {
  /** The observatory's (level-2) key. */
  key: Key;
  /** A SHA-1 implementation to use instead of the built-in one. */
  sha1?: Sha1Hex;
  /** A SHA-1 of texts (e.g. `node:crypto`'s `hash`), used when the key's bytes are a UTF-8 text (see `createPseudonymiser`). */
  sha1Utf8?: Sha1Utf8;
  /** The field named in errors (default `numanonym`). */
  field?: PseudonymisationField;
}

/**
 * Prepares a level-2 re-hasher for one key (the key is encoded once).
 *
 * @example
 * const toLevel2 = createRehasher({ key: 'exemple-cle-observatoire' });
 * toLevel2('fbcf6077f99ef8192477b4932e36b2c37cb383db'); // "c74a7851c565d271dece76b6619bf4332183c2ce"
 */
export function createRehasher(options: RehashOptions): (numanonym: string, field?: PseudonymisationField) => string {
  const key = keyBytes(options.key);
  const sha1 = options.sha1 ?? sha1Hex;
  const keyText = options.sha1Utf8 === undefined ? undefined : keyAsText(key);
  const sha1Utf8 = options.sha1Utf8;
  const level2 =
    keyText !== undefined && sha1Utf8 !== undefined
      ? (id: string): string =>
          sha1Utf8(id.slice(0, 20) + keyText).slice(0, 20) + sha1Utf8(id.slice(20, 40) + keyText).slice(0, 20)
      : (id: string): string => halfHash(id.slice(0, 20), key, sha1) + halfHash(id.slice(20, 40), key, sha1);
  // The last identifier and its re-hash: NUMANONYMANT is often NUMANONYM (a first transmission), and a young
  // person's events follow one another; the same input is not hashed twice in a row.
  let last: string | undefined;
  let lastLevel2 = '';
  return (numanonym, field = options.field ?? 'numanonym') => {
    if (typeof numanonym !== 'string') throw new PseudonymisationError(field, 'missing');
    if (numanonym === last) return lastLevel2;
    if (numanonym.length === 0) throw new PseudonymisationError(field, 'empty');
    if (!isHex40(numanonym)) {
      throw new PseudonymisationError(field, 'invalid', {
        fr: '40 caractères hexadécimaux attendus',
        en: '40 hexadecimal characters expected',
      });
    }
    lastLevel2 = level2(numanonym);
    last = numanonym;
    return lastLevel2;
  };
}

/**
 * The level-2 (observatory) identifier: each 20-character half of the received NUMANONYM is hashed with the
 * observatory key, taken exactly as received (upper-case hexadecimal is not lower-cased: it hashes differently).
 *
 * @example
 * rehash('fbcf6077f99ef8192477b4932e36b2c37cb383db', { key: 'exemple-cle-observatoire' });
 * // "c74a7851c565d271dece76b6619bf4332183c2ce"
 */
export function rehash(numanonym: string, options: RehashOptions): string {
  return createRehasher(options)(numanonym);
}
