import { createHash, hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageAt,
  extractAgeBand,
  chainYear,
  degradeBirthDate,
  fillYearChaining,
  normaliseName,
  phonex,
  pseudonymise,
  PseudonymisationError,
  createRehasher,
  rehash,
} from '../../src/pseudonymisation/index.js';
import { phpFloatToString } from '../../src/pseudonymisation/php-float.js';
import { sha1Hex, utf8 } from '../../src/pseudonymisation/sha1.js';
import { runs } from '../support/runs.js';
import { dateUtcDay, writtenDateArb } from '../support/written-dates.js';

const KEY = 'exemple-cle-departementale';
const base = { prenom: 'Jean-Marc', nomMere: 'Le Goff', moisNaissance: 3, anneeNaissance: 2010 };

function thrown(f: () => unknown): PseudonymisationError {
  try {
    f();
  } catch (error) {
    if (error instanceof PseudonymisationError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('normaliseName (spec section 1 examples)', () => {
  it.each([
    ['Jean-Marc', 'JEANMARC'],
    [' chloé ', 'CHLOE'],
    ['Le Goff', 'LEGOFF'],
    ["N'Diaye", 'NDIAYE'],
    ['Œdipe', 'OEDIPE'],
    ['Søren', 'SOREN'],
    ['Łukasiewicz', 'LUKASIEWICZ'],
    ['Straße', 'STRASSE'],
    ['Þóra Ðuric Ħal ıpek æsa', 'THORADURICHALIPEKAESA'],
  ])('%s → %s', (input, expected) => expect(normaliseName(input)).toBe(expected));
  it('refuses an empty result, naming the field only', () => {
    const error = thrown(() => normaliseName(" -'. 42 ", 'prenom'));
    expect(error.field).toBe('prenom');
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/^prenom : .*\(prenom: .*\)$/);
    expect(error.messageEn).toBe('prenom: empty value or no usable letter');
  });
});

describe('phonex and PHP float text', () => {
  it('matches the spec examples', () => {
    expect(phonex('JEANMARC')).toBe('0.32856627268396');
    expect(phonex('LEGOFF')).toBe('0.51132638108425');
  });
  it('writes PHP precision-14 text, including the exponent form', () => {
    expect(phpFloatToString(0.000093914350112697)).toBe('9.3914350112697E-5');
    expect(phpFloatToString(1e-5)).toBe('1.0E-5');
    expect(phpFloatToString(0.0001)).toBe('0.0001');
    expect(phpFloatToString(0)).toBe('0');
    expect(phpFloatToString(0.5)).toBe('0.5');
    expect(phpFloatToString(0.1 + 0.2)).toBe('0.3');
    expect(phpFloatToString(123456789012345680)).toBe('1.2345678901235E+17');
    // exact binary ties round half to even, as PHP's dtoa does (JavaScript's toExponential rounds them up)
    expect(phpFloatToString(0.000030517578125)).toBe('3.0517578125E-5');
    expect(phpFloatToString(1.00000000000005, 14)).toBe('1');
    expect(phpFloatToString(2 ** -20 * 3, 3)).toBe('2.86E-6');
  });
  it('gives the exponent form for a name whose code starts with zeros', () => {
    // "1" has index 0: ONON → "11" → "1" → 0; ONONONOUA → "1112" → "112" → 1 × 22^-3 (the spec's example)
    expect(phonex('ONON')).toBe('0');
    expect(phonex('ONONONOUA')).toBe('9.3914350112697E-5');
  });
});

describe('SHA-1', () => {
  it('agrees with node:crypto on lengths around the block boundaries', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = utf8('é'.repeat(n % 7) + 'x'.repeat(n));
      expect(sha1Hex(bytes)).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
  });
  it('knows the FIPS example', () => expect(sha1Hex(utf8('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'));
  it('encodes UTF-8 as TextEncoder does', () => {
    const text = 'aé€😀\ud800z';
    expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});

describe('pseudonymise: refusals name the field, never the value', () => {
  it.each([
    [{ ...base, prenom: '' }, 'prenom', 'empty'],
    [{ ...base, nomMere: '--' }, 'nomMere', 'empty'],
    [{ ...base, nomMere: undefined as unknown as string }, 'nomMere', 'missing'],
    [{ ...base, moisNaissance: 13 }, 'moisNaissance', 'invalid'],
    [{ ...base, moisNaissance: '' }, 'moisNaissance', 'empty'],
    [{ ...base, moisNaissance: '3a' }, 'moisNaissance', 'invalid'],
    [{ ...base, anneeNaissance: 10 }, 'anneeNaissance', 'invalid'],
  ])('%#', (identity, field, code) => {
    const error = thrown(() => pseudonymise(identity, { key: KEY }));
    expect([error.field, error.code]).toEqual([field, code]);
  });
  it('needs the day only in the 2011 scheme, and checks it against the month', () => {
    expect(pseudonymise(base, { key: KEY })).toHaveLength(40);
    expect(thrown(() => pseudonymise(base, { key: KEY, scheme: 'oned-2011' })).field).toBe('jourNaissance');
    const feb30 = { ...base, moisNaissance: 2, jourNaissance: 30 };
    expect(thrown(() => pseudonymise(feb30, { key: KEY, scheme: 'oned-2011' })).field).toBe('jourNaissance');
  });
  it('refuses an empty key and an unknown scheme', () => {
    expect(thrown(() => pseudonymise(base, { key: '' })).field).toBe('key');
    expect(thrown(() => pseudonymise(base, { key: new Uint8Array() })).field).toBe('key');
    expect(thrown(() => pseudonymise(base, { key: KEY, scheme: 'x' as never })).field).toBe('scheme');
  });
  it('accepts an injected SHA-1 (e.g. node:crypto) with the same result', () => {
    const nodeSha1 = (d: Uint8Array) => createHash('sha1').update(d).digest('hex');
    expect(pseudonymise(base, { key: KEY, sha1: nodeSha1 })).toBe(pseudonymise(base, { key: KEY }));
  });
});

describe('rehash', () => {
  it('takes the received text as it is: upper-case hex hashes differently', () => {
    const lower = 'fbcf6077f99ef8192477b4932e36b2c37cb383db';
    const a = rehash(lower, { key: 'k2' });
    const b = rehash(lower.toUpperCase(), { key: 'k2' });
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(b).not.toBe(a);
  });
  it('matches the hand computation of the format notes', () => {
    expect(rehash('0123456789abcdef0123456789abcdef01234567', { key: 'CLE_ONED_TEST' })).toBe(
      '10935288d4037a5eff23091acab74870ede0c72d',
    );
  });
  it('refuses anything but 40 hexadecimal characters', () => {
    expect(thrown(() => rehash('abc', { key: 'k' })).field).toBe('numanonym');
    expect(thrown(() => rehash('', { key: 'k' })).code).toBe('empty');
    expect(thrown(() => rehash('g'.repeat(40), { key: 'k' })).code).toBe('invalid');
  });
  it('property: a re-hasher called on a sequence (repeats, refusals, either SHA-1) answers each as rehash() alone', () => {
    const hex40 = fc.stringMatching(/^[0-9a-fA-F]{40}$/);
    const value = fc.oneof(hex40, fc.constantFrom('', 'abc', 'g'.repeat(40), `${'a'.repeat(39)}é`));
    const outcome = (f: () => string): string => {
      try {
        return f();
      } catch (error) {
        return `refused ${(error as PseudonymisationError).code}`;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.oneof(value, fc.constant('repeat')), { maxLength: 12 }), fc.boolean(), (seq, node) => {
        const options = node
          ? { key: 'cle-observatoire', sha1Utf8: (t: string) => hash('sha1', t, 'hex') }
          : { key: 'cle-observatoire' };
        const toLevel2 = createRehasher(options);
        let previous = '';
        for (const item of seq) {
          const v = item === 'repeat' ? previous : item;
          expect(outcome(() => toLevel2(v))).toBe(outcome(() => rehash(v, { key: 'cle-observatoire' })));
          previous = v;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('year chaining', () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  it('NUMANONYMANT = NUMANONYM on a first transmission', () => {
    expect(chainYear(a)).toEqual({ NUMANONYM: a, NUMANONYMANT: a });
    expect(chainYear(a, null)).toEqual({ NUMANONYM: a, NUMANONYMANT: a });
  });
  it("carries last year's identifier", () => expect(chainYear(a, b)).toEqual({ NUMANONYM: a, NUMANONYMANT: b }));
  it('fills records without changing them', () => {
    const records = [
      { dossier: 'D1', id: a },
      { dossier: 'D2', id: b },
    ];
    const lastYear = new Map([['D2', a]]);
    const filled = fillYearChaining(records, { current: (r) => r.id, previous: (r) => lastYear.get(r.dossier) });
    expect(filled.map((r) => [r.NUMANONYM, r.NUMANONYMANT])).toEqual([
      [a, a],
      [b, a],
    ]);
    expect(records[0]).not.toHaveProperty('NUMANONYM');
  });
  it('refuses a malformed previous identifier', () => {
    expect(thrown(() => chainYear(a, 'xyz')).field).toBe('numanonymAnt');
  });
});

describe('degrade helpers', () => {
  it('drops the day of birth', () => {
    expect(degradeBirthDate('2010-03-05')).toEqual({ moisNaissance: 3, anneeNaissance: 2010 });
    expect(degradeBirthDate('05/03/2010')).toEqual({ moisNaissance: 3, anneeNaissance: 2010 });
    expect(degradeBirthDate(new Date(2010, 2, 5))).toEqual({ moisNaissance: 3, anneeNaissance: 2010 });
    const error = thrown(() => degradeBirthDate('2010-02-31'));
    expect(error.field).toBe('dateNaissance');
    expect(error.message).not.toContain('31');
  });
  it('computes ages from month and year, and age bands', () => {
    expect(ageAt({ moisNaissance: 3, anneeNaissance: 2010 }, '2024-02-29')).toBe(13);
    expect(ageAt({ moisNaissance: 3, anneeNaissance: 2010 }, '2024-03-01')).toBe(14);
    expect([0, 2, 3, 5, 6, 10, 11, 15, 16, 17, 18, 20, 21, 40].map((a) => extractAgeBand(a))).toEqual([
      '0-2',
      '0-2',
      '3-5',
      '3-5',
      '6-10',
      '6-10',
      '11-15',
      '11-15',
      '16-17',
      '16-17',
      '18-20',
      '18-20',
      '21+',
      '21+',
    ]);
    expect(extractAgeBand(12, [0, 6, 12, 18])).toBe('12-17');
    expect(thrown(() => extractAgeBand(-1)).field).toBe('age');
  });
  // Written on src/_lib/days.ts, the dates accepted are those `Date.UTC` accepted: the years 0–99, which it read as
  // 1900–1999 (so refused as not the date written), stay refused, explicitly (src/pseudonymisation/degrade.ts).
  it('refuses a year 0–99 with the error it gave on Date, never as a date of 1900–1999', () => {
    expect(thrown(() => degradeBirthDate('0050-03-05')).field).toBe('dateNaissance');
    expect(thrown(() => degradeBirthDate('05/03/0050')).field).toBe('dateNaissance');
    expect(thrown(() => ageAt({ moisNaissance: 3, anneeNaissance: 2010 }, '0099-12-31')).field).toBe('age');
    expect(degradeBirthDate('0100-03-05')).toEqual({ moisNaissance: 3, anneeNaissance: 100 });
  });
  it('accepts the written dates Date.UTC accepted, and only those', () => {
    fc.assert(
      fc.property(writtenDateArb(13, 32), ({ year, month, day, text }) => {
        const accepted = (f: () => unknown): boolean => {
          try {
            f();
            return true;
          } catch (e) {
            if (!(e instanceof PseudonymisationError)) throw e;
            return false;
          }
        };
        const byDate = dateUtcDay(year, month, day) !== null;
        expect(accepted(() => degradeBirthDate(text))).toBe(byDate);
        expect(accepted(() => degradeBirthDate(text.split('-').reverse().join('/')))).toBe(byDate);
        expect(accepted(() => ageAt({ moisNaissance: 1, anneeNaissance: 0 }, text))).toBe(byDate);
      }),
      { numRuns: runs(2000) },
    );
  });
});
