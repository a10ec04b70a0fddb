/**
 * Text encodings of real exports: UTF-8 (the default), ISO-8859-1 and windows-1252 (what French software commonly
 * writes). Decoding is streaming, exact at chunk boundaries, and stops at the first invalid byte with the text
 * decoded before it, so that a reader can say on which line it is and still read the rows before it.
 *
 * ISO-8859-1 is decoded as windows-1252, as every browser does (WHATWG Encoding standard: the labels `latin1` and
 * `iso-8859-1` name windows-1252). The two differ only on bytes 0x80–0x9F: control characters in ISO-8859-1 that
 * no value uses, and œ, €, ’, « … » quotes in windows-1252, which files declared ISO-8859-1 do carry.
 *
 * @module
 */

import { CP1252_HIGH, invalidUtf8At } from '../_lib/encoding.js';

export { invalidUtf8At };

/** An encoding olinpe reads. */
export type TextEncodingName = 'utf-8' | 'latin1' | 'windows-1252';

/** The encodings olinpe reads, by their usual labels (lower case). */
const LABELS: Readonly<Record<string, TextEncodingName>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  iso_8859_1: 'latin1',
  'iso_8859-1': 'latin1',
  latin1: 'latin1',
  'latin-1': 'latin1',
  l1: 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
};

/**
 * The encoding a label names (`UTF-8`, `ISO-8859-1`, `latin1`, `windows-1252`, `cp1252`…), or undefined when
 * olinpe does not read it.
 *
 * @example
 * encodingOf('ISO-8859-1'); // "latin1"
 * encodingOf('Shift_JIS'); // undefined
 */
export function encodingOf(label: string): TextEncodingName | undefined {
  return LABELS[label.trim().toLowerCase()];
}

/** Invalid bytes met in the input. `before` is the text decoded up to them (same chunk), `refused` a declared encoding olinpe does not read. */
export class DecodeError extends Error {
  constructor(
    readonly before: string,
    readonly encoding: TextEncodingName = 'utf-8',
    readonly refused?: string,
  ) {
    super(refused !== undefined ? `unsupported encoding ${refused}` : 'invalid UTF-8');
    this.name = 'DecodeError';
  }
}

/** Decodes windows-1252 bytes (never fails: every byte is a character). */
function decode1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
  return text;
}

/** Byte of each character that windows-1252 writes with a byte 0x80–0x9F (the five undefined bytes: their C1 control). */
const CP1252_BYTE: ReadonlyMap<number, number> = new Map(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

/**
 * Encodes text in `encoding`, the inverse of decoding it: a text decoded from latin1 or windows-1252 bytes gives
 * back the same bytes (latin1 is decoded as windows-1252, see above). Returns the offset of the first character the
 * encoding cannot write instead, so that nothing is silently replaced.
 *
 * @example
 * encodeText('œuvre', 'windows-1252').bytes?.[0]; // 156
 * encodeText('€', 'utf-8').bytes?.length; // 3
 * encodeText('€', 'latin1').bytes?.[0]; // 128
 */
export function encodeText(
  text: string,
  encoding: TextEncodingName,
): { bytes: Uint8Array; unencodable?: undefined } | { bytes?: undefined; unencodable: number } {
  if (encoding === 'utf-8') return { bytes: new TextEncoder().encode(text) };
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_BYTE.get(c);
    if (b === undefined) return { unencodable: i };
    bytes[i] = b;
  }
  return { bytes };
}

/**
 * A copy of the bytes from `from` (never a view: `slice` of a Node Buffer is one, and the reader keeps no view on a
 * chunk of its input, whose memory may be read into again: see `allowChunkReuse` in chunks.ts).
 *
 * @example
 * copyBytes(new Uint8Array([1, 2, 3]), 1); // Uint8Array [2, 3]
 */
export function copyBytes(bytes: Uint8Array, from = 0): Uint8Array {
  return new Uint8Array(bytes.subarray(from));
}

/** Length of the prefix of `bytes` that does not end inside a UTF-8 sequence (at most 3 bytes are held back). */
export function utf8Boundary(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const c = bytes[n - k]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > k ? n - k : n;
    }
  }
  return n;
}

/** A streaming decoder: feed byte chunks in order, then call `end()`. Throws {@link DecodeError} on invalid UTF-8. */
export interface StreamDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
}

/**
 * A streaming decoder for `encoding`. UTF-8 is checked strictly (an invalid or truncated sequence throws a
 * {@link DecodeError} carrying the text before it, exactly, even when the sequence straddles two chunks).
 *
 * @example
 * const d = createDecoder('windows-1252');
 * d.decode(new Uint8Array([0x9c, 0x75, 0x76, 0x72, 0x65])); // "œuvre"
 */
export function createDecoder(encoding: TextEncodingName): StreamDecoder {
  if (encoding !== 'utf-8') return { decode: decode1252, end: () => '' };
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Uint8Array = new Uint8Array(0);
  const run = (bytes: Uint8Array, final: boolean): string => {
    const all = carry.length === 0 ? bytes : concat(carry, bytes);
    const cut = final ? all.length : utf8Boundary(all);
    carry = copyBytes(all, cut);
    const body = all.subarray(0, cut);
    try {
      return fatal.decode(body);
    } catch {
      const at = invalidUtf8At(body);
      const before = at > 0 ? fatal.decode(body.subarray(0, at)) : '';
      throw new DecodeError(before, 'utf-8');
    }
  };
  return { decode: (bytes) => run(bytes, false), end: () => (carry.length > 0 ? run(new Uint8Array(0), true) : '') };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Decodes a whole byte buffer with a named encoding. When a byte is not valid (UTF-8 only), `text` is what comes
 * before it and `invalid` says where: the 1-based line and column of the bad byte and its offset.
 *
 * @example
 * decodeText(new Uint8Array([0x61, 0x0a, 0xe9, 0x0a]), 'utf-8'); // { text: "a\n", invalid: { line: 2, column: 1, offset: 2 } }
 * decodeText(new Uint8Array([0x61, 0x0a, 0xe9, 0x0a]), 'latin1').text; // "a\né\n"
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncodingName = 'utf-8',
): { text: string; invalid?: { line: number; column: number; offset: number } } {
  const decoder = createDecoder(encoding);
  try {
    return { text: decoder.decode(bytes) + decoder.end() };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const text = error.before;
    let line = 1;
    let last = -1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      line++;
      last = i;
    }
    return { text, invalid: { line, column: text.length - last, offset: new TextEncoder().encode(text).length } };
  }
}

/** Node's own UTF-8 check, where there is one (Node 20.16 and later; not in browsers). */
const nodeIsUtf8 = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => { isUtf8?: (bytes: Uint8Array) => boolean } } }
).process?.getBuiltinModule?.('node:buffer')?.isUtf8;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Whether `bytes` are valid UTF-8 (whole characters only: see {@link utf8Boundary}), as the strict decoder judges them.
 *
 * @example
 * isValidUtf8(new Uint8Array([0x63, 0xc3, 0xa9])); // true
 * isValidUtf8(new Uint8Array([0xff])); // false
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  if (nodeIsUtf8 !== undefined) return nodeIsUtf8(bytes);
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
