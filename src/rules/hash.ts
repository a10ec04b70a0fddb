/**
 * A tiny pure string hash for finding fingerprints (no Node crypto, so it runs in a browser).
 *
 * @module
 */

/**
 * A 53-bit hash of a string (cyrb53, public domain), written as 14 hexadecimal characters.
 * Not cryptographic: it only makes fingerprints short and stable across runs.
 *
 * @example
 * shortHash('OL16-EVT-DATFIN|abc'); // always the same 14 hex characters
 * shortHash('a') !== shortHash('b'); // true
 */
export function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return hex53(finishHash53(h1, h2));
}

/** The character code of each hexadecimal digit. */
const HEX: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * A 53-bit hash written as 14 hexadecimal characters: `n.toString(16).padStart(14, '0')`, a digit at a time and in
 * one `String.fromCharCode` (the radix conversion of a double is several times slower, and joining pieces
 * allocates each intermediate string).
 *
 * @example
 * hex53(255); // "000000000000ff"
 */
export function hex53(n: number): string {
  const hi = Math.floor(n / 4294967296);
  const lo = n >>> 0;
  return String.fromCharCode(
    HEX[(hi >>> 20) & 15]!,
    HEX[(hi >>> 16) & 15]!,
    HEX[(hi >>> 12) & 15]!,
    HEX[(hi >>> 8) & 15]!,
    HEX[(hi >>> 4) & 15]!,
    HEX[hi & 15]!,
    HEX[lo >>> 28]!,
    HEX[(lo >>> 24) & 15]!,
    HEX[(lo >>> 20) & 15]!,
    HEX[(lo >>> 16) & 15]!,
    HEX[(lo >>> 12) & 15]!,
    HEX[(lo >>> 8) & 15]!,
    HEX[(lo >>> 4) & 15]!,
    HEX[lo & 15]!,
  );
}

/**
 * The final mix of the two 32-bit lanes of {@link shortHash} into one 53-bit number (also used by the rules'
 * streamed line hashes, so there is one definition of the mix).
 *
 * @example
 * Number.isSafeInteger(finishHash53(1, 2)); // true
 */
export function finishHash53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The same hash as {@link shortHash}, fed piece by piece and returned as a number (53 bits), so that a key made of
 * several values is hashed without building its string: `hashNumber` of `a|b|` equals `parseInt(shortHash('a|b|'), 16)`.
 *
 * @example
 * const h = new StreamHash();
 * h.string('a|b|');
 * h.value() === parseInt(shortHash('a|b|'), 16); // true
 */
export class StreamHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Starts again. */
  reset(): this {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    return this;
  }

  /** Feeds one UTF-16 code unit. */
  char(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }

  /** Feeds the code units of a string. */
  string(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * Feeds the code units of a string two at a time (one 32-bit word a step, the last unit alone when the length is
   * odd): half the mixing steps of {@link string}, for hashes that are only compared with each other (the whole-line
   * hash of the duplicate rules). Not the same value as {@link string}; feed the length first where strings follow
   * one another, so that the words tell the strings apart.
   */
  pairs(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    const even = text.length & ~1;
    let i = 0;
    for (; i < even; i += 2) {
      const ch = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    if (i < text.length) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * Feeds the present values of a row, the one at `skip` left out: for each, its position and length as one unit
   * (`(position + 1) * 2^20 + length`; a value of 2^20 units or more gives `-(position + 1)` then its length), then
   * its code units as {@link pairs} feeds them. The same as those {@link char} and {@link pairs} calls, in one loop
   * with the two lanes kept in locals (the whole-line hash of the duplicate rules, once per line).
   */
  row(row: readonly (string | undefined)[], skip: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let p = 0; p < row.length; p++) {
      const v = row[p];
      if (v === undefined || p === skip) continue;
      const n = v.length;
      let head = n < 0x100000 ? ((p + 1) * 0x100000 + n) | 0 : -(p + 1);
      h1 = Math.imul(h1 ^ head, 2654435761);
      h2 = Math.imul(h2 ^ head, 1597334677);
      if (head < 0) {
        head = n;
        h1 = Math.imul(h1 ^ head, 2654435761);
        h2 = Math.imul(h2 ^ head, 1597334677);
      }
      const even = n & ~1;
      let i = 0;
      for (; i < even; i += 2) {
        const ch = v.charCodeAt(i) | (v.charCodeAt(i + 1) << 16);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      if (i < n) {
        const ch = v.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** The 53-bit hash of what was fed. */
  value(): number {
    return finishHash53(this.h1, this.h2);
  }
}
