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

describe('recorded discrepancies between sources, French first', () => {
  const all = (['2016', '2011'] as const).flatMap((edition) => {
    const data = editionData(edition);
    return [
      ...(data.discrepancies ?? []).map((d) => ({ edition, variable: undefined, d })),
      ...data.variables.flatMap((v) => (v.discrepancies ?? []).map((d) => ({ edition, variable: v, d }))),
    ];
  });
  /** A prose text (not only names, codes and numbers): two lowercase words in a row. */
  const prose = (t: string): boolean => /\p{Ll}{3,} \p{Ll}{3,}/u.test(t);

  it('every choice and reason is written in French and in English', () => {
    expect(all.length).toBeGreaterThan(90);
    for (const { edition, variable, d } of all) {
      const where = `${edition} ${variable?.name ?? '(edition)'} ${d.topic}`;
      for (const text of [d.choice, d.reason]) {
        expect(text.fr.length, where).toBeGreaterThan(0);
        expect(text.en.length, where).toBeGreaterThan(0);
        // Prose is translated, not copied; names and codes ("MEREINC.", "unknownCode = 9.") read the same.
        if (prose(text.en)) expect(text.fr, where).not.toBe(text.en);
        expect(text.fr, where).not.toMatch(/\b(the|is|are|when|only|with)\b/);
      }
    }
  });

  it('what each source says is, when it is a note in words, written in French and in English', () => {
    const english: string[] = [];
    let bilingual = 0;
    const walk = (x: unknown): void => {
      if (typeof x === 'string') {
        if (/\b(the|is|are|when|only|with|and|of)\b/.test(x)) english.push(x);
      } else if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const t = x as { fr?: unknown; en?: unknown };
        if (typeof t.fr === 'string' && typeof t.en === 'string') {
          bilingual++;
          expect(t.fr).not.toMatch(/\b(the|is|are|when|only|with)\b/);
        } else Object.values(x).forEach(walk);
      }
    };
    for (const { d } of all) for (const side of d.sides) walk(side.value);
    expect(english).toEqual([]);
    expect(bilingual).toBeGreaterThan(200);
  });

  it('the dictionary writes each one in French, then in English under lang="en"', () => {
    for (const { edition, variable, d } of all.filter((x) => x.variable !== undefined).slice(0, 40)) {
      const block = variable!.block
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const page = readFileSync(new URL(`../../docs/dictionary/${edition}/block-${block}.md`, import.meta.url), 'utf8');
      const fr = page.indexOf(`Choix retenu par olinpe : ${d.choice.fr}`);
      expect(fr, `${edition} ${variable!.name}`).toBeGreaterThan(0);
      const en = page.indexOf(`olinpe’s choice: ${d.choice.en}`, fr);
      expect(en, `${edition} ${variable!.name}`).toBeGreaterThan(fr);
      expect(page.lastIndexOf('<p lang="en"', en)).toBeGreaterThan(fr);
    }
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
