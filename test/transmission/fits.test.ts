import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import { variableNames } from '../../src/nomenclature/index.js';
import { escapeXml, fitsModel, readTransmission } from '../../src/transmission/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

const EDITIONS: EditionId[] = ['2016', '2011'];
const nasty = fc.constantFrom(
  '',
  ' ',
  '0',
  '9',
  '99',
  '999',
  '9999',
  '9999-99-99',
  '2023-02-29',
  '2024-02-29',
  '2024-13-01',
  '0000-00-00',
  'x',
  '\u0001',
  'A'.repeat(40),
  'g'.repeat(40),
  '12',
  '123',
  '01',
  '1',
);

describe('fitsModel agrees with parseRecord (the reference)', () => {
  for (const edition of EDITIONS) {
    it(`${edition}: on valid records and on records with one value replaced or one unknown key`, () => {
      const names = variableNames(edition);
      const mutated = fc.tuple(
        validRecordArb(edition),
        fc.constantFrom(...names, 'FOO', 'CODEV', 'TYPEV'),
        fc.oneof(nasty, fc.string({ maxLength: 6 })),
      );
      fc.assert(
        fc.property(
          fc.oneof(
            validRecordArb(edition),
            mutated.map(([r, k, v]) => ({ ...r, [k]: v })),
          ),
          (record) => {
            expect(fitsModel(record, edition)).toBe(parseRecord(record, { edition }).ok);
          },
        ),
        { numRuns: runs(2000) },
      );
    });
  }

  it('refuses non-string values like parseRecord does', () => {
    expect(fitsModel({ SEXE: 1 as unknown as string })).toBe(false);
    expect(parseRecord({ SEXE: 1 }).ok).toBe(false);
  });
});

describe('compiled date, month and pseudonym checks agree with the model on near-miss values', () => {
  const digits = (n: number) =>
    fc
      .array(fc.constantFrom('0', '1', '2', '3', '9', 'a', 'F', '-'), { minLength: n, maxLength: n })
      .map((a) => a.join(''));
  const dateLike = fc.tuple(
    fc.constantFrom('1900', '2000', '2023', '2024', '2100', '1899', '9999', '0000'),
    fc.constantFrom('-', '/'),
    fc.constantFrom('01', '02', '04', '12', '13', '00', '99'),
    fc.constantFrom('-'),
    fc.constantFrom('28', '29', '30', '31', '32', '00', '99', '1'),
  );
  const values = fc.oneof(
    dateLike.map((p) => p.join('')),
    dateLike.map((p) => p.slice(0, 3).join('')),
    digits(2),
    digits(4),
    digits(7),
    digits(10),
    digits(40),
    fc.constantFrom('99', '9999-99', '2024-99-99'),
  );
  for (const name of ['DATDEB', 'DATDCMERE', 'ANAIS', 'MNAIS', 'NUMANONYM'] as const) {
    it(name, () => {
      fc.assert(
        fc.property(values, (v) => {
          expect(fitsModel({ [name]: v })).toBe(parseRecord({ [name]: v }).ok);
        }),
        { numRuns: runs(3000) },
      );
    });
  }
});

// The XML reader decides while reading whether a 2016 record fits the model (read-xml.ts, `keep`), remembering per
// variable the last value its check accepted; a record it says fits is not checked again. Records in a row share
// values (the same replacement in several of them), so remembered values are met again.
describe("the XML reader's verdict per record agrees with parseRecord (the reference)", () => {
  it('2016: records in a row, some with a value replaced (the same one in several), read as UTF-8 bytes', async () => {
    const names = variableNames('2016');
    const safe = nasty.filter((v) => !/[\u0000-\u001f]/.test(v));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(validRecordArb('2016'), fc.option(fc.constantFrom(...names, 'TYPEV'), { nil: undefined })), {
          minLength: 1,
          maxLength: 6,
        }),
        safe,
        async (rows, replacement) => {
          const records = rows.map(([r, k]) => (k === undefined ? r : { ...r, [k]: replacement }));
          const xml = `<DECRET>\n${records
            .map(
              (r) =>
                `  <DONNEE>\n${Object.entries(r)
                  .map(([k, v]) => (v === '' ? `    <${k} />\n` : `    <${k}>${escapeXml(String(v))}</${k}>\n`))
                  .join('')}  </DONNEE>\n`,
            )
            .join('')}</DECRET>\n`;
          const read: { values: Record<string, string>; ok: boolean }[] = [];
          for await (const item of readTransmission(new TextEncoder().encode(xml), { format: 'xml', edition: '2016' }))
            if (item.type === 'record') read.push({ values: item.values, ok: item.issues.length === 0 });
          expect(read.length).toBe(records.length);
          for (const r of read) expect(r.ok).toBe(parseRecord(r.values, { edition: '2016' }).ok);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
