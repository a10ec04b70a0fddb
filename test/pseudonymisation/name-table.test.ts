/**
 * The identity-file pseudonymiser's table of names seen (src/pseudonymisation/name-table.ts): whatever the names,
 * where they sit in a text and how small the table, a lookup gives what normaliseName and phonex12 give, and the
 * same error for a name that cannot be normalised.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName, PseudonymisationError } from '../../src/pseudonymisation/index.js';
import { phonex12 } from '../../src/pseudonymisation/phonex.js';
import { NameTable } from '../../src/pseudonymisation/name-table.js';

const name = fc.string({
  unit: fc.constantFrom('a', 'n', 'é', 'ß', 'œ', 'Œ', ' ', '-', 'Z', 'h', 'e', 'u', '\uFFFD'),
  maxLength: 6,
});

function direct(value: string): readonly [string, string] | string {
  try {
    const normalised = normaliseName(value, 'prenom');
    return [normalised, phonex12(normalised)];
  } catch (error) {
    if (error instanceof PseudonymisationError) return error.messageEn;
    throw error;
  }
}

describe('NameTable', () => {
  it('gives normaliseName and phonex12 of the name at its place in a text, for any table size (clears included)', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (names, limit) => {
        const table = new NameTable(limit);
        // The names joined with a separator, looked up in place, twice (the second pass finds them remembered).
        const text = names.join(';');
        for (let pass = 0; pass < 2; pass++) {
          let at = 0;
          for (const n of names) {
            let got: readonly [string, string] | string;
            try {
              got = table.lookup(text, at, at + n.length, 'prenom');
            } catch (error) {
              if (!(error instanceof PseudonymisationError)) throw error;
              got = error.messageEn;
            }
            expect(got).toEqual(direct(n));
            at += n.length + 1;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
