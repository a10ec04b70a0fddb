import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { staleFiles } from '../../scripts/generate.js';
import { checkEditionData } from '../../scripts/check-data.js';
import { editionData } from '../../src/nomenclature/index.js';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

describe('nomenclature data files', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(read('nomenclature/schema.json') as object);

  for (const edition of ['2016', '2011'] as const) {
    it(`nomenclature/${edition}/variables.json is valid against nomenclature/schema.json`, () => {
      const ok = validate(read(`nomenclature/${edition}/variables.json`));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it(`${edition}: names, codes, conditions and sources are consistent`, () => {
      expect(checkEditionData(editionData(edition))).toEqual([]);
    });
  }

  it('the JSON Schema rejects a variable with an unknown type', () => {
    const data = read('nomenclature/2016/variables.json') as { variables: { type: string }[] };
    data.variables[0]!.type = 'colour';
    expect(validate(data)).toBe(false);
  });

  it('every generated file (types, schemas, data modules, dictionary) is current', () => {
    expect(staleFiles()).toEqual([]);
  });
});

describe('data integrity checks', () => {
  it('reports an unknown code for "ne sait pas", a dangling condition and an unknown source', () => {
    const data = structuredClone(editionData('2016'));
    const sexe = data.variables.find((v) => v.name === 'SEXE')!;
    sexe.unknownCode = '7';
    sexe.applicability.condition = { var: 'NOPE', in: ['1'] };
    sexe.sources = [{ source: 'MISSING' }];
    expect(checkEditionData(data)).toEqual([
      'SEXE: unknownCode 7 is not one of its codes',
      'SEXE: condition on unknown variable NOPE',
      'SEXE: unknown source MISSING',
    ]);
  });
});
