/** fast-check arbitraries built from the nomenclature itself: valid values for every variable type. */
import fc from 'fast-check';
import type { EditionId, VariableDef } from '../../src/nomenclature/index.js';
import { variables } from '../../src/nomenclature/index.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export const fullDateArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}-99`),
  fc.integer({ min: 1900, max: 2099 }).map((y) => `${y}-99-99`),
  fc.constant('9999-99-99'),
);
export const yearMonthArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`),
  fc.integer({ min: 1900, max: 2099 }).map((y) => `${y}-99`),
  fc.constant('9999-99'),
);
export const yearArb = fc.oneof(fc.integer({ min: 1900, max: 2099 }).map(String), fc.constant('9999'));
export const monthArb = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((m) => pad(m)),
  fc.constant('99'),
);
export const identifierArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });

/** Any valid value of a variable (never absent, may be empty). */
export function valueArb(def: VariableDef): fc.Arbitrary<string> {
  const filled = ((): fc.Arbitrary<string> => {
    switch (def.type) {
      case 'code':
        return def.codes.length > 0
          ? fc.constantFrom(...def.codes.map((c) => c.code))
          : fc.string({ unit: 'grapheme-ascii', maxLength: def.format?.maxLength ?? 40 });
      case 'date':
        return fullDateArb;
      case 'year-month':
        return yearMonthArb;
      case 'year':
        return yearArb;
      case 'month':
        return monthArb;
      case 'integer':
        return fc.integer({ min: 0, max: 10 ** (def.format?.maxDigits ?? 2) - 1 }).map(String);
      case 'text':
        return fc
          .string({ unit: 'grapheme', maxLength: def.format?.maxLength ?? 40 })
          .filter((s) => s.length <= (def.format?.maxLength ?? 40));
      case 'identifier':
        return identifierArb;
    }
  })();
  return fc.oneof({ arbitrary: filled, weight: 4 }, { arbitrary: fc.constant(''), weight: 1 });
}

/** A record of an edition whose every present value is valid by construction (some variables absent). */
export function validRecordArb(edition: EditionId): fc.Arbitrary<Record<string, string | undefined>> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const def of variables(edition)) model[def.name] = valueArb(def);
  return fc.record(model, { requiredKeys: [] });
}
