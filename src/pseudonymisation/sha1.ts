/**
 * SHA-1 (FIPS 180-4) in plain TypeScript: synchronous, dependency-free, and the same in Node and in browsers.
 * SHA-1 is used here only because the national OLINPE construction requires it; do not use it elsewhere.
 */
import { encodeUtf8Into } from '../_lib/utf8.js';

/** A SHA-1 implementation: bytes in, 40 lowercase hexadecimal characters out. Inject `node:crypto` if you like. */
export type Sha1Hex = (data: Uint8Array) => string;

/**
 * A SHA-1 of a text's UTF-8 bytes, 40 lowercase hexadecimal characters out: e.g. `node:crypto`'s
 * `(text) => hash('sha1', text, 'hex')`, which hashes a short text several times faster than any SHA-1 written in
 * JavaScript, without a byte array made per call.
 */
export type Sha1Utf8 = (text: string) => string;

/**
 * The key as a text whose UTF-8 bytes are exactly the key's bytes (checked by encoding it back), or undefined when
 * there is none (bytes that are not UTF-8): then a {@link Sha1Utf8} cannot be used and the bytes are hashed.
 */
export function keyAsText(key: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(key);
  } catch {
    return undefined;
  }
  const back = utf8(text);
  if (back.length !== key.length) return undefined;
  for (let i = 0; i < back.length; i++) if (back[i] !== key[i]) return undefined;
  return text;
}

const W = new Int32Array(80);
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function wordHex(word: number): string {
  return (
    (HEX[(word >>> 24) & 0xff] as string) +
    (HEX[(word >>> 16) & 0xff] as string) +
    (HEX[(word >>> 8) & 0xff] as string) +
    (HEX[word & 0xff] as string)
  );
}

/** The five state words of the last {@link compress} (reused: no array allocated per hash). */
const STATE = new Int32Array(5);

/** Compresses the 64-byte blocks of `buffer` up to `end` and leaves the five state words in {@link STATE}. */
function compress(buffer: Uint8Array, end: number): Int32Array {
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  const w = W;
  for (let offset = 0; offset < end; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const i = offset + t * 4;
      w[t] =
        ((buffer[i] as number) << 24) |
        ((buffer[i + 1] as number) << 16) |
        ((buffer[i + 2] as number) << 8) |
        (buffer[i + 3] as number);
    }
    for (let t = 16; t < 80; t++) {
      const x = (w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number);
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 20; t++) {
      const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    for (let t = 20; t < 40; t++) {
      const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    for (let t = 40; t < 60; t++) {
      const temp =
        (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    for (let t = 60; t < 80; t++) {
      const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  STATE[0] = h0;
  STATE[1] = h1;
  STATE[2] = h2;
  STATE[3] = h3;
  STATE[4] = h4;
  return STATE;
}

/** Writes the SHA-1 padding after `length` message bytes already in `buffer`; returns the padded length. */
function pad(buffer: Uint8Array, length: number): number {
  const end = (((length + 8) >>> 6) + 1) * 64;
  buffer.fill(0, length, end);
  buffer[length] = 0x80;
  const bitLength = length * 8;
  buffer[end - 5] = Math.floor(bitLength / 0x100000000) & 0xff;
  buffer[end - 4] = (bitLength >>> 24) & 0xff;
  buffer[end - 3] = (bitLength >>> 16) & 0xff;
  buffer[end - 2] = (bitLength >>> 8) & 0xff;
  buffer[end - 1] = bitLength & 0xff;
  return end;
}

/**
 * SHA-1 of `data`, as 40 lowercase hexadecimal characters.
 *
 * @example
 * sha1Hex(new TextEncoder().encode('abc')); // "a9993e364706816aba3e25717850c26c9cd0d89d"
 */
export function sha1Hex(data: Uint8Array): string {
  const padded = new Uint8Array((((data.length + 8) >>> 6) + 1) * 64);
  padded.set(data);
  const h = compress(padded, pad(padded, data.length));
  return wordHex(h[0]!) + wordHex(h[1]!) + wordHex(h[2]!) + wordHex(h[3]!) + wordHex(h[4]!);
}

/**
 * The UTF-8 bytes of a text, without relying on any platform encoder (lone surrogates become U+FFFD, as in
 * `TextEncoder`).
 *
 * @example
 * utf8('é'); // Uint8Array [0xc3, 0xa9]
 */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  return out.subarray(0, encodeUtf8Into(text, 0, text.length, out, 0));
}

let scratch = new Uint8Array(256);

/**
 * The first 20 hexadecimal characters of SHA-1(UTF-8(text) + key bytes): one half of an OLINPE identifier.
 * With the built-in SHA-1 the bytes go through one reused buffer, wiped after each use.
 *
 * @example
 * halfHash('JEANMARCLEGOFF032010', utf8('exemple-cle-departementale')); // "fbcf6077f99ef8192477"
 */
export function halfHash(text: string, key: Uint8Array, sha1: Sha1Hex = sha1Hex): string {
  if (sha1 !== sha1Hex) {
    const data = utf8(text);
    const joined = new Uint8Array(data.length + key.length);
    joined.set(data);
    joined.set(key, data.length);
    return sha1(joined).slice(0, 20);
  }
  const room = (((text.length * 3 + key.length + 8) >>> 6) + 1) * 64;
  if (scratch.length < room) scratch = new Uint8Array(room);
  const buffer = scratch;
  const n = putText(buffer, 0, text);
  buffer.set(key, n);
  const end = pad(buffer, n + key.length);
  const h = compress(buffer, end);
  buffer.fill(0, 0, end);
  const h2 = h[2]!;
  return wordHex(h[0]!) + wordHex(h[1]!) + (HEX[(h2 >>> 24) & 0xff] as string) + (HEX[(h2 >>> 16) & 0xff] as string);
}

/** Writes the UTF-8 bytes of `text` into `buffer` from `n`; returns the new end (ASCII written directly). */
function putText(buffer: Uint8Array, n: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encodeUtf8Into(text, i, text.length, buffer, n);
    buffer[n++] = c;
  }
  return n;
}

/**
 * {@link halfHash} of `a + b + c` with the built-in SHA-1, without building the joined text (internal: the
 * pseudonymiser's hot path; same bytes hashed, same result).
 */
export function halfHash3(a: string, b: string, c: string, key: Uint8Array): string {
  const room = ((((a.length + b.length + c.length) * 3 + key.length + 8) >>> 6) + 1) * 64;
  if (scratch.length < room) scratch = new Uint8Array(room);
  const buffer = scratch;
  let n = putText(buffer, 0, a);
  n = putText(buffer, n, b);
  n = putText(buffer, n, c);
  buffer.set(key, n);
  const end = pad(buffer, n + key.length);
  const h = compress(buffer, end);
  buffer.fill(0, 0, end);
  const h2 = h[2]!;
  return wordHex(h[0]!) + wordHex(h[1]!) + (HEX[(h2 >>> 24) & 0xff] as string) + (HEX[(h2 >>> 16) & 0xff] as string);
}
