/**
 * Decoding an identity file's bytes: UTF-8 unless the caller says otherwise. Invalid bytes are never turned
 * into a replacement character (which would silently drop a letter from a name and change the pseudonym):
 * decoding stops and says on which line and byte the first bad byte is.
 *
 * @module
 */

/** The encodings an identity file may be declared in. */
export type IdentityEncoding = 'utf-8' | 'latin1' | 'windows-1252';

/** The encodings accepted, default first. */
export const IDENTITY_ENCODINGS: readonly IdentityEncoding[] = ['utf-8', 'latin1', 'windows-1252'];

/** Where decoding stopped: 1-based line, 0-based byte offset in the input, and why (French, English). */
export interface DecodeProblem {
  line: number;
  offset: number;
  fr: string;
  en: string;
}

/** Offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Bytes with no character in windows-1252 (WHATWG maps them to C1 controls). */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * windows-1252 bytes 0x80–0x9F (0 where undefined). Written out because Node 20's `TextDecoder('windows-1252')`
 * decodes these bytes as ISO-8859-1 control characters (0x9C gives U+009C, not œ).
 */
const CP1252_HIGH = [0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178];

/**
 * Decodes identity-file bytes in the declared encoding (UTF-8 by default; a UTF-8 byte-order mark is
 * removed). Returns the text, or where and why it cannot: invalid UTF-8; in `latin1`, a byte 0x80–0x9F
 * (control characters in ISO-8859-1, letters such as œ in windows-1252: the file is then probably
 * windows-1252); in `windows-1252`, one of the five bytes it leaves undefined.
 *
 * @example
 * decodeIdentityBytes(new Uint8Array([0x41, 0x6e, 0x61, 0xef, 0x73]), 'latin1'); // { text: "Anaïs" }
 * decodeIdentityBytes(new Uint8Array([0x41, 0x0a, 0xef, 0x73])); // { problem: { line: 2, offset: 2, … } }
 */
export function decodeIdentityBytes(
  bytes: Uint8Array,
  encoding: IdentityEncoding = 'utf-8',
): { text: string } | { problem: DecodeProblem } {
  if (encoding === 'utf-8') {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      return {
        problem: {
          line: lineOf(bytes, bad),
          offset: bad,
          fr: "octet qui n'est pas de l'UTF-8 ; si le fichier est en ISO-8859-1 ou windows-1252, le dire avec --encoding latin1 ou --encoding windows-1252",
          en: 'byte that is not UTF-8; if the file is ISO-8859-1 or windows-1252, say so with --encoding latin1 or --encoding windows-1252',
        },
      };
    }
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      problem: {
        line: 1,
        offset: 0,
        fr: `le fichier commence par la marque d'ordre des octets de l'UTF-8 : il est en UTF-8, pas en ${encoding}`,
        en: `the file starts with the UTF-8 byte-order mark: it is UTF-8, not ${encoding}`,
      },
    };
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80 || b > 0x9f) continue;
    if (encoding === 'latin1' || CP1252_UNDEFINED.has(b)) {
      return {
        problem: {
          line: lineOf(bytes, i),
          offset: i,
          fr:
            encoding === 'latin1'
              ? 'octet 0x80–0x9F : un caractère de contrôle en ISO-8859-1 ; le fichier est sans doute en windows-1252 (--encoding windows-1252)'
              : "octet sans caractère en windows-1252 : le fichier n'est pas en windows-1252",
          en:
            encoding === 'latin1'
              ? 'byte 0x80–0x9F: a control character in ISO-8859-1; the file is probably windows-1252 (--encoding windows-1252)'
              : 'byte with no character in windows-1252: the file is not windows-1252',
        },
      };
    }
  }
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
  }
  let text = '';
  const step = 8192;
  for (let i = 0; i < codes.length; i += step) text += String.fromCharCode(...codes.subarray(i, i + step));
  return { text };
}
