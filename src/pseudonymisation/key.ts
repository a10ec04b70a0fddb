import { PseudonymisationError } from './errors.js';
import { utf8 } from './sha1.js';

/** A secret key: a text (hashed as its UTF-8 bytes) or raw bytes. */
export type Key = string | Uint8Array;

/**
 * The bytes of a key, refusing a missing or empty one (the error names the field `key`, never its value). A text
 * key that starts with a byte-order mark, or holds a replacement character (the trace of bytes lost in decoding),
 * is refused: it would silently give other pseudonyms than the key file it came from.
 *
 * @example
 * keyBytes('exemple-cle-departementale').length; // 26
 */
export function keyBytes(key: Key): Uint8Array {
  if (typeof key === 'string') {
    if (key.length === 0) throw new PseudonymisationError('key', 'empty');
    if (key.charCodeAt(0) === 0xfeff) throw new PseudonymisationError('key', 'invalid', KEY_FILE_PROBLEMS.bom);
    if (key.includes('\uFFFD')) throw new PseudonymisationError('key', 'invalid', KEY_FILE_PROBLEMS.replacement);
    return utf8(key);
  }
  if (!(key instanceof Uint8Array)) throw new PseudonymisationError('key', 'missing');
  if (key.length === 0) throw new PseudonymisationError('key', 'empty');
  return key;
}

/** Shortest key accepted from a key file without the `allowShort` override, in bytes. */
export const MIN_KEY_BYTES = 16;

/** Why a key file is refused. */
export type KeyFileProblemCode = 'empty' | 'bom' | 'extra-newline' | 'whitespace' | 'short' | 'replacement';

const KEY_FILE_PROBLEMS: Record<KeyFileProblemCode, { fr: string; en: string }> = {
  empty: { fr: 'le fichier de clé est vide', en: 'the key file is empty' },
  bom: {
    fr: "la clé commence par une marque d'ordre des octets (BOM, ajoutée par certains éditeurs comme le Bloc-notes) : elle donnerait d'autres pseudonymes ; enregistrer le fichier sans BOM",
    en: 'the key starts with a byte-order mark (BOM, added by some editors such as Notepad): it would give other pseudonyms; save the file without BOM',
  },
  'extra-newline': {
    fr: 'la clé se termine par un saut de ligne de plus que le saut final toléré : il ferait partie de la clé',
    en: 'the key ends with a line break beyond the one final line break ignored: it would be part of the key',
  },
  whitespace: { fr: "la clé n'est faite que d'espaces", en: 'the key is only whitespace' },
  short: {
    fr: `clé trop courte : ${MIN_KEY_BYTES} octets au moins, ou --allow-short-key`,
    en: `key too short: at least ${MIN_KEY_BYTES} bytes, or --allow-short-key`,
  },
  replacement: {
    fr: 'la clé contient un caractère de remplacement (U+FFFD), trace d’octets perdus au décodage',
    en: 'the key holds a replacement character (U+FFFD), the trace of bytes lost in decoding',
  },
};

/** A key file refused, and why (French, English), never quoting the key. */
export interface KeyFileProblem {
  code: KeyFileProblemCode;
  fr: string;
  en: string;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

/**
 * The key held by a key file's bytes: the bytes as they are, without one final LF or CRLF. Bytes are never
 * decoded (a key of random bytes is hashed as those bytes). Refused, with the reason: an empty key, a UTF-8
 * byte-order mark, a line break left at the end after the one removed, a key of only whitespace, and a key
 * shorter than {@link MIN_KEY_BYTES} bytes unless `allowShort`.
 *
 * @example
 * keyFromFileBytes(new TextEncoder().encode('exemple-cle-departementale\n')); // { key: Uint8Array(26) }
 * keyFromFileBytes(new TextEncoder().encode('\uFEFFexemple-cle-departementale')); // { problem: { code: 'bom', … } }
 */
export function keyFromFileBytes(
  bytes: Uint8Array,
  options: { allowShort?: boolean } = {},
): { key: Uint8Array } | { problem: KeyFileProblem } {
  const problem = (code: KeyFileProblemCode): { problem: KeyFileProblem } => ({
    problem: { code, ...KEY_FILE_PROBLEMS[code] },
  });
  let end = bytes.length;
  if (end >= 2 && bytes[end - 2] === 0x0d && bytes[end - 1] === 0x0a) end -= 2;
  else if (end >= 1 && bytes[end - 1] === 0x0a) end -= 1;
  const key = bytes.slice(0, end);
  if (key.length === 0) return problem('empty');
  if (key[0] === 0xef && key[1] === 0xbb && key[2] === 0xbf) return problem('bom');
  if (key[key.length - 1] === 0x0a || key[key.length - 1] === 0x0d) return problem('extra-newline');
  if (key.every(isSpace)) return problem('whitespace');
  if (key.length < MIN_KEY_BYTES && options.allowShort !== true) return problem('short');
  return { key };
}
