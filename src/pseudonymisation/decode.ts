/**
 * Decoding an identity file's bytes: UTF-8 unless the caller says otherwise. Invalid bytes are never turned
 * into a replacement character (which would silently drop a letter from a name and change the pseudonym):
 * decoding stops and says on which line and byte the first bad byte is.
 *
 * @module
 */

import { CP1252_HIGH, invalidUtf8At } from '../_lib/encoding.js';

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

/**
 * Offset of the first byte that does not belong to well-formed UTF-8, or -1 (one definition for the library,
 * shared with the transmission readers).
 *
 * @example
 * firstInvalidUtf8(new Uint8Array([0x61, 0xc3, 0xa9, 0xe9])); // 3
 */
export const firstInvalidUtf8: (bytes: Uint8Array) => number = invalidUtf8At;

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Bytes with no character in windows-1252 (WHATWG maps them to C1 controls). */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

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
  return decodeSingleByte(bytes, encoding);
}

/** The single-byte part of {@link decodeIdentityBytes}, without the byte-order-mark check (start of file only). */
function decodeSingleByte(
  bytes: Uint8Array,
  encoding: 'latin1' | 'windows-1252',
): { text: string } | { problem: DecodeProblem } {
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

/** A decoder of identity-file bytes chunk by chunk: the same text and the same problem as {@link decodeIdentityBytes}. */
export interface IdentityDecoder {
  /**
   * Decodes the next chunk (`final` for the last one, which may be empty). Unlike {@link decodeIdentityBytes}, the
   * text keeps a leading UTF-8 byte-order mark (U+FEFF): the caller decides what it means.
   */
  decode(chunk: Uint8Array, final?: boolean): { text: string } | { problem: DecodeProblem };
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * A streaming {@link decodeIdentityBytes}: a character cut by a chunk boundary is held until the next chunk, and
 * the first bad byte is reported with the same line, offset and reason as for the whole file.
 *
 * @example
 * const decoder = createIdentityDecoder('utf-8');
 * decoder.decode(new Uint8Array([0x41, 0xc3])); // { text: "A" }
 * decoder.decode(new Uint8Array([0xa9]), true); // { text: "é" }
 */
export function createIdentityDecoder(encoding: IdentityEncoding = 'utf-8'): IdentityDecoder {
  let consumed = 0; // bytes decoded so far: the offset of the next byte
  let line = 1; // the line of that byte
  let carry = new Uint8Array(0);
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const located = (problem: DecodeProblem): { problem: DecodeProblem } => ({
    problem: { ...problem, line: line + problem.line - 1, offset: consumed + problem.offset },
  });
  return {
    decode(chunk, final = false) {
      let bytes = chunk;
      if (carry.length > 0) {
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
      }
      let end = bytes.length;
      if (!final) {
        if (encoding === 'utf-8') {
          // Hold back a character cut by the end of the chunk (its lead byte is among the last three bytes).
          for (let k = 1; k <= 3 && k <= bytes.length; k++) {
            const b = bytes[bytes.length - k]!;
            if ((b & 0xc0) === 0x80) continue;
            const size = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
            if (size > k) end = bytes.length - k;
            break;
          }
        } else if (consumed === 0 && bytes.length < 3) end = 0; // the byte-order-mark check needs three bytes
      }
      const part = end === bytes.length ? bytes : bytes.subarray(0, end);
      carry = end === bytes.length ? new Uint8Array(0) : bytes.slice(end);
      let text: string;
      if (encoding === 'utf-8') {
        try {
          text = utf8.decode(part);
        } catch {
          const r = decodeIdentityBytes(part, 'utf-8');
          if ('problem' in r) return located(r.problem);
          throw new Error('unreachable: the platform decoder and invalidUtf8At disagree');
        }
      } else {
        const r = consumed === 0 ? decodeIdentityBytes(part, encoding) : decodeSingleByte(part, encoding);
        if ('problem' in r) return located(r.problem);
        text = r.text;
      }
      line += countLines(part);
      consumed += part.length;
      return { text };
    },
  };
}
