/**
 * The one hand-written UTF-8 encoder (src/_lib/utf8.ts, used by the SHA-1 of pseudonymisation and the byte
 * writer of transmission) against the platform's `TextEncoder`, on any UTF-16 text including lone surrogates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8Into } from '../../src/_lib/utf8.js';
import { runs } from '../support/runs.js';

const encoder = new TextEncoder();
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

function encoded(text: string, from = 0, to = text.length): number[] {
  const buf = new Uint8Array((to - from) * 3);
  return [...buf.subarray(0, encodeUtf8Into(text, from, to, buf, 0))];
}

describe('encodeUtf8Into', () => {
  it('gives the bytes of TextEncoder (lone surrogates as U+FFFD)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(encoded(text)).toEqual([...encoder.encode(text)]);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('a text cut between two characters encodes as its two parts one after the other', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (text, at) => {
        let cut = text.length === 0 ? 0 : at % (text.length + 1);
        const before = text.charCodeAt(cut - 1);
        const after = text.charCodeAt(cut);
        if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) cut--;
        expect([...encoded(text, 0, cut), ...encoded(text, cut)]).toEqual([...encoder.encode(text)]);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('writes from the position given and returns the position after', () => {
    const buf = new Uint8Array(12).fill(7);
    expect(encodeUtf8Into('aé€𝄞', 0, 5, buf, 2)).toBe(12);
    expect([...buf]).toEqual([7, 7, 0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e]);
  });
});
