import { PseudonymisationError } from './errors.js';
import { utf8 } from './sha1.js';

/** A secret key: a text (hashed as its UTF-8 bytes) or raw bytes. */
export type Key = string | Uint8Array;

/**
 * The bytes of a key, refusing a missing or empty one (the error names the field `key`, never its value).
 *
 * @example
 * keyBytes('exemple-cle-departementale').length; // 26
 */
export function keyBytes(key: Key): Uint8Array {
  if (typeof key === 'string') {
    if (key.length === 0) throw new PseudonymisationError('key', 'empty');
    return utf8(key);
  }
  if (!(key instanceof Uint8Array)) throw new PseudonymisationError('key', 'missing');
  if (key.length === 0) throw new PseudonymisationError('key', 'empty');
  return key;
}
