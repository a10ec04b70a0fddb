import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord, recordSchema2016, valueStatus } from '../../src/model/index.js';
import { variables } from '../../src/nomenclature/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

describe('parseRecord', () => {
  it('accepts a typical opening line', () => {
    const result = parseRecord({
      NUMDEP: '84',
      NUMANONYM: 'a'.repeat(40),
      NUMANONYMANT: 'A'.repeat(40),
      TYPEV: '1',
      SEXE: '2',
      ANAIS: '2012',
      MNAIS: '03',
      DATDECPE: '2018-05-99',
      DECISION: '2',
      NATDECASSED: '15',
      DATDEB: '9999-99-99',
      AUTREDJ: '',
    });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.record.SEXE).toBe('2');
  });

  it.each([
    ['TYPEV', '4', 'invalid-code'],
    ['SEXE', '3', 'invalid-code'],
    ['DATDECPE', '2018-02-30', 'invalid-date'],
    ['DATDECPE', '18-02-03', 'invalid-date'],
    ['DATDECPE', '0000-00-00', 'invalid-date'],
    ['DATDCMERE', '2018-13', 'invalid-year-month'],
    ['DATDECMIN', '2018-05-01', 'invalid-year-month'],
    ['ANAIS', '1899', 'invalid-year'],
    ['MNAIS', '13', 'invalid-month'],
    ['MNAIS', '5', 'invalid-month'],
    ['NBFRAT', '100', 'invalid-integer'],
    ['NBENF', '-1', 'invalid-integer'],
    ['AUTREDA', 'x'.repeat(41), 'invalid-text'],
    ['NUMANONYM', 'abc', 'invalid-identifier'],
  ])('%s = %s gives one %s issue', (name, value, kind) => {
    const result = parseRecord({ [name]: value });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ variable: name, kind });
    expect(result.issues[0]!.message).toContain(name);
    expect(result.record).not.toHaveProperty(name);
  });

  it('reports unknown variables by name, and keeps the valid values', () => {
    const result = parseRecord({ SEXE: '1', CODEV: '4', FOO: 'x' });
    expect(result.issues.map((i) => [i.variable, i.kind])).toEqual([
      ['CODEV', 'unknown-variable'],
      ['FOO', 'unknown-variable'],
    ]);
    expect(result.record).toEqual({ SEXE: '1' });
  });

  it('accepts 2011 variables in the 2011 edition only', () => {
    expect(parseRecord({ CODEV: '4' }, { edition: '2011' }).ok).toBe(true);
    expect(parseRecord({ TYPEV: '1' }, { edition: '2011' }).issues[0]?.kind).toBe('unknown-variable');
  });

  it('rejects values that are not strings, and non-objects, without throwing', () => {
    expect(parseRecord({ SEXE: 1 }).issues[0]).toMatchObject({ variable: 'SEXE', kind: 'not-a-string' });
    expect(parseRecord({ SEXE: null }).issues[0]).toMatchObject({ variable: 'SEXE', kind: 'not-a-string' });
    expect(parseRecord('SEXE=1').issues[0]?.kind).toBe('not-a-record');
    expect(parseRecord(null).issues[0]?.kind).toBe('not-a-record');
  });

  it('does not repeat free text in issues', () => {
    const secret = `Dupont ${'x'.repeat(40)}`;
    const result = parseRecord({ AUTREDA: secret });
    expect(JSON.stringify(result.issues)).not.toContain('Dupont');
  });

  it('gives messages in French and in English', () => {
    const [issue] = parseRecord({ SEXE: '4' }).issues;
    expect(issue?.message).toMatch(/invalide ; attendu un code parmi 1, 2, 9/);
    expect(issue?.messageEn).toMatch(/invalid value "4"; expected one of the codes 1, 2, 9/);
  });
});

describe('valueStatus: absent, empty, unknown, filled are distinct', () => {
  it.each([
    ['SEXE', undefined, 'absent'],
    ['SEXE', '', 'empty'],
    ['SEXE', '9', 'unknown'],
    ['SEXE', '1', 'filled'],
    ['NIVSCO', '999', 'unknown'],
    ['DATDEB', '9999-99-99', 'unknown'],
    ['DATDCMERE', '9999-99', 'unknown'],
    ['DATDEB', '2019-01-01', 'filled'],
  ] as const)('%s %s → %s', (name, value, status) => {
    expect(valueStatus(name, value)).toBe(status);
  });
});

describe('properties', () => {
  for (const edition of ['2016', '2011'] as const) {
    it(`${edition}: any record built from the nomenclature's own codes and formats parses without issue`, () => {
      fc.assert(
        fc.property(validRecordArb(edition), (record) => {
          const result = parseRecord(record, { edition });
          expect(result.issues).toEqual([]);
          expect(result.record).toEqual(record);
        }),
        { numRuns: runs(300) },
      );
    });

    it(`${edition}: replacing one coded value by a value outside its list yields exactly one issue naming it`, () => {
      const coded = variables(edition).filter((v) => v.type === 'code' && v.codes.length > 0);
      const badValue = fc.string({ maxLength: 5 }).filter((s) => s !== '');
      fc.assert(
        fc.property(validRecordArb(edition), fc.constantFrom(...coded), badValue, (record, def, bad) => {
          fc.pre(!def.codes.some((c) => c.code === bad));
          const result = parseRecord({ ...record, [def.name]: bad }, { edition });
          expect(result.issues).toHaveLength(1);
          expect(result.issues[0]).toMatchObject({ variable: def.name, kind: 'invalid-code' });
        }),
        { numRuns: runs(300) },
      );
    });
  }

  it('the zod schema and parseRecord agree', () => {
    fc.assert(
      fc.property(validRecordArb('2016'), (record) => {
        expect(recordSchema2016.safeParse(record).success).toBe(parseRecord(record).ok);
      }),
      { numRuns: runs(100) },
    );
  });
});
