import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import { variableNames } from '../../src/nomenclature/index.js';
import { fitsModel } from '../../src/transmission/index.js';
import { validRecordArb } from '../support/arbitraries.js';

const EDITIONS: EditionId[] = ['2016', '2011'];
const nasty = fc.constantFrom('', ' ', '0', '9', '99', '999', '9999', '9999-99-99', '2023-02-29', '2024-02-29', '2024-13-01', '0000-00-00', 'x', '\u0001', 'A'.repeat(40), 'g'.repeat(40), '12', '123', '01', '1');

describe('fitsModel agrees with parseRecord (the reference)', () => {
  for (const edition of EDITIONS) {
    it(`${edition}: on valid records and on records with one value replaced or one unknown key`, () => {
      const names = variableNames(edition);
      const mutated = fc.tuple(validRecordArb(edition), fc.constantFrom(...names, 'FOO', 'CODEV', 'TYPEV'), fc.oneof(nasty, fc.string({ maxLength: 6 })));
      fc.assert(
        fc.property(fc.oneof(validRecordArb(edition), mutated.map(([r, k, v]) => ({ ...r, [k]: v }))), (record) => {
          expect(fitsModel(record, edition)).toBe(parseRecord(record, { edition }).ok);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('refuses non-string values like parseRecord does', () => {
    expect(fitsModel({ SEXE: 1 as unknown as string })).toBe(false);
    expect(parseRecord({ SEXE: 1 }).ok).toBe(false);
  });
});
