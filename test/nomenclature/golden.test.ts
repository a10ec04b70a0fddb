/**
 * Every variable and every code of both editions against golden lists extracted from the official
 * schemas (test/golden/xsd-*.json, facts only): ONPE's XSD 2.0 for 2016, ONED's XSD 1.22 for 2011.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { variables, type VariableDef } from '../../src/nomenclature/index.js';

interface Golden {
  version: string;
  elements: Record<string, { minOccurs: number; enumeration?: string[]; pattern?: string; maxLength?: number }>;
}
const golden = (file: string): Golden =>
  JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as Golden;

const TYPE_BY_PATTERN: [RegExp, VariableDef['type'][]][] = [
  [/^\[0-9a-fA-F\]\{40\}$/, ['identifier']],
  [/^\(\)\|\[0-9\]\{1,2\}$/, ['integer', 'month']],
  [/^\(9999\)\|\(\)\|\(0000\)/, ['year']],
  [
    /^\(\)\|\(0000-00\)\|\(\(9999\)\|\(19\)\[0-9\]\{2\}\|\(20\)\[0-9\]\{2\}\)-\(\(99\)\|\(0\)\[1-9\]\{1\}\|\(1\)\[0-2\]\{1\}\)$/,
    ['year-month'],
  ],
  [/^\(\)\|\(0000-00-00\)/, ['date']],
  // 2011 DATDECMIN: "0000-00" for empty, then a full date whose day and month may be 99.
  [/^\(\)\|\(0000-00\)\|.*\)-\(\(99\).*\)-\(\(99\)/, ['date']],
];

function checkEdition(edition: '2016' | '2011', file: string, count: number, extra: string[]): void {
  const xsd = golden(file);
  const vars = variables(edition);
  const names = vars.map((v) => v.name);

  it(`has the ${count} variables of XSD ${xsd.version}${extra.length ? ` plus ${extra.join(', ')}` : ''}`, () => {
    expect(Object.keys(xsd.elements)).toHaveLength(count);
    expect([...names].filter((n) => !extra.includes(n)).sort()).toEqual(Object.keys(xsd.elements).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  for (const [name, el] of Object.entries(xsd.elements)) {
    const def = vars.find((v) => v.name === name);
    if (el.enumeration) {
      it(`${name}: codes identical to the XSD enumeration, in order`, () => {
        expect(def?.type).toBe('code');
        expect(def?.codes.map((c) => c.code)).toEqual(el.enumeration!.filter((c) => c !== ''));
        expect(el.enumeration).toContain('');
      });
    } else if (el.pattern) {
      it(`${name}: type matches the XSD pattern`, () => {
        const expected = TYPE_BY_PATTERN.find(([re]) => re.test(el.pattern!))?.[1];
        expect(expected, `no type known for pattern ${el.pattern}`).toBeDefined();
        expect(expected).toContain(def?.type);
        expect(def?.codes).toEqual([]);
      });
    } else {
      it(`${name}: free text of at most ${el.maxLength} characters`, () => {
        expect(def?.type).toBe('text');
        expect(def?.format?.maxLength).toBe(el.maxLength);
      });
    }
  }
}

describe('2016 edition against ONPE XSD 2.0', () => {
  checkEdition('2016', 'xsd-2.0.json', 105, ['UTDP']);

  it('numbers the 105 variables 1 to 105 in the order of the decree', () => {
    const numbers = variables('2016')
      .map((v) => v.number)
      .filter((n) => n !== null);
    expect(numbers).toEqual(Array.from({ length: 105 }, (_, i) => i + 1));
  });
});

describe('2011 edition against ONED XSD 1.22', () => {
  checkEdition('2011', 'xsd-1.22.json', 129, []);
});
