/**
 * The character-level fast paths equal what they replace: value validators vs the model's zod field schemas (what
 * `parseRecord` accepts), date parts and ages vs their plain definitions written below; and the compact state
 * helpers behave as the plain structures they stand for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionData } from '../../src/nomenclature/index.js';
import { ageAtEvent, compareDates } from '../../src/rules/index.js';
import { yearOfDay } from '../../src/_lib/days.js';
import { isKnownFullDate, yearOf } from '../../src/rules/dates.js';
import { hex53, shortHash, StreamHash } from '../../src/rules/hash.js';
import { fingerprint, fingerprintOfVariables } from '../../src/rules/messages.js';
import {
  NumberColumn,
  PersonKeySet,
  PersonKeyTable,
  PseudonymColumn,
  PseudonymIndex,
  SmallNumberColumn,
  compactId,
  expandId,
} from '../../src/rules/person-tables.js';
import { People } from '../../src/rules/people.js';
import { isIdentifier, valueValidator } from '../../src/rules/value-formats.js';
import { runs } from '../support/runs.js';
import { capValue, IDENTIFIER_PATTERN, MAX_QUOTED, recordShape2011, recordShape2016 } from '../../src/model/index.js';

/** A date's parts as the rules read them: year (not 9999), then month (1–12) and day (1–31) when known. */
function dateParts(value: string | undefined): [number, number | undefined, number | undefined] | undefined {
  if (value === undefined || value.length < 4) return undefined;
  const y = Number(value.slice(0, 4));
  if (!Number.isInteger(y) || y === 9999) return undefined;
  const m = value.length >= 7 ? Number(value.slice(5, 7)) : undefined;
  const d = value.length >= 10 ? Number(value.slice(8, 10)) : undefined;
  const month = m !== undefined && m >= 1 && m <= 12 ? m : undefined;
  const day = month !== undefined && d !== undefined && d >= 1 && d <= 31 ? d : undefined;
  return [y, month, day];
}

/** Two dates compared on the parts both know (equal when one stops earlier); undefined without a known year. */
function plainCompare(a: string | undefined, b: string | undefined): -1 | 0 | 1 | undefined {
  const pa = dateParts(a);
  const pb = dateParts(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < 3; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function plainKnown(value: string | undefined): boolean {
  if (value === undefined || value.length !== 10) return false;
  const p = dateParts(value);
  return p !== undefined && p[1] !== undefined && p[2] !== undefined;
}

/** A known year and month at the start of a value (`AAAA-MM…`), year not 9999, month 1–12. */
function yearMonth(value: string | undefined): [number, number] | undefined {
  const m = value === undefined ? null : /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return y === 9999 || mo < 1 || mo > 12 ? undefined : [y, mo];
}

/** Age in completed years at the decision (DATDECPE, else DATDEB), born on the 1st of MNAIS/ANAIS. */
function plainAge(values: Record<string, string | undefined>): number | undefined {
  const by = values.ANAIS;
  const bm = values.MNAIS;
  if (by === undefined || bm === undefined || by.length !== 4 || by === '9999') return undefined;
  const birthYear = Number(by);
  const birthMonth = Number(bm);
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthMonth < 1 || birthMonth > 12)
    return undefined;
  const at = yearMonth(values.DATDECPE) ?? yearMonth(values.DATDEB);
  return at ? at[0] - birthYear - (at[1] < birthMonth ? 1 : 0) : undefined;
}

const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: min, maxLength: max });

/**
 * 40 characters, hexadecimal but now and then one beside the ranges ('/', ':', '@', 'G', '`', 'g') or beyond ASCII
 * (among them 'á' and 'Á', whose codes less 128 are 'a' and 'A').
 */
const nearHex = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.constantFrom(...'0123456789abcdefABCDEF'), weight: 30 },
    { arbitrary: fc.constantFrom('/', ':', '@', 'G', '`', 'g', '\u00e1', '\u00c1', '\u0130', '\u0661'), weight: 1 },
  ),
  minLength: 40,
  maxLength: 40,
});

/** Text close to the formats: digits, dashes, nines, a few letters and spaces, sometimes a non-ASCII character. */
const datelike = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789-9 +.eAaFfx'), maxLength: 12 }),
  fc
    .tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom(
    '9999-99-99',
    '9999-99',
    '2019-99-99',
    '2019-02-29',
    '2020-02-29',
    '2000-02-29',
    '1900-02-29',
    '99',
    '9999',
  ),
  fc.string({ maxLength: 6 }),
);

describe('fast paths = the plain definitions', () => {
  it.each(['2016', '2011'] as const)(
    'every %s variable: the validator answers as the model (zod) on filled values',
    (edition) => {
      const defs = editionData(edition).variables;
      const shape = (edition === '2016' ? recordShape2016 : recordShape2011) as Record<
        string,
        { safeParse(v: unknown): { success: boolean } }
      >;
      fc.assert(
        fc.property(
          fc.constantFrom(...defs),
          fc.oneof(datelike, hex(38, 42), nearHex, fc.string({ maxLength: 3 })),
          (def, value) => {
            if (value !== '') expect(valueValidator(def)(value)).toBe(shape[def.name]!.safeParse(value).success);
          },
        ),
        { numRuns: runs(20_000) },
      );
      for (const def of defs) for (const c of def.codes) expect(valueValidator(def)(c.code)).toBe(true);
    },
  );

  it('identifiers checked one after another (the last accepted remembered) answer as the pattern', () => {
    // A few texts drawn again and again, valid or not, so that a text often follows itself or another.
    const pool = fc.array(fc.oneof(hex(38, 42), nearHex, fc.constant('a'.repeat(40))), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        pool.chain((texts) => fc.array(fc.constantFrom(...texts), { maxLength: 20 })),
        (sequence) => {
          for (const v of sequence) expect(isIdentifier(v)).toBe(IDENTIFIER_PATTERN.test(v));
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('date parts, comparisons and ages', () => {
    fc.assert(
      fc.property(datelike, datelike, (a, b) => {
        expect(compareDates(a, b)).toBe(plainCompare(a, b));
        expect(yearOf(a)).toBe(dateParts(a)?.[0]);
        expect(isKnownFullDate(a)).toBe(plainKnown(a));
      }),
      { numRuns: runs(20_000) },
    );
    fc.assert(
      fc.property(
        fc.option(datelike, { nil: undefined }),
        fc.option(datelike, { nil: undefined }),
        fc.option(datelike, { nil: undefined }),
        fc.option(datelike, { nil: undefined }),
        (ANAIS, MNAIS, DATDECPE, DATDEB) => {
          const r = { ANAIS, MNAIS, DATDECPE, DATDEB };
          expect(ageAtEvent(r)).toBe(plainAge(r));
        },
      ),
      { numRuns: runs(20_000) },
    );
  });

  it('the streamed hash is shortHash as a number', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), (parts) => {
        const h = new StreamHash();
        for (const p of parts) {
          h.string(p);
          h.char(124);
        }
        expect(h.value()).toBe(parseInt(shortHash(parts.map((p) => `${p}|`).join('')), 16));
      }),
    );
  });

  it('compact pseudonyms are one-to-one and give the text back', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hex(40, 40).map((s) => s.toLowerCase()),
          fc.string({ maxLength: 44 }),
          hex(40, 40).map((s) => s.toUpperCase()),
        ),
        fc.string({ maxLength: 44 }),
        (a, b) => {
          expect(expandId(compactId(a))).toBe(a);
          expect(compactId(a) === compactId(b)).toBe(a === b);
        },
      ),
    );
    expect(compactId('0'.repeat(40)).length).toBe(11);
  });

  it('number columns, person-key tables and person-key sets (short lists, then a table past 8 entries) behave as Maps', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3000 }),
            fc.integer({ min: 0, max: 40 }),
            fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant(-0), fc.constant(-2147483648)),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const column = new NumberColumn(-1);
          const small = new SmallNumberColumn();
          const smallModel = new Map<number, number>();
          const table = new PersonKeyTable(2, 8);
          const set = new PersonKeySet(2);
          const model = new Map<number, number>();
          const keys = new Map<string, [number, number]>();
          for (const [i, k, v] of ops) {
            column.set(i, v);
            model.set(i, v);
            small.set(i * 7, (Math.abs(v * k) % 600) | 0);
            smallModel.set(i * 7, (Math.abs(v * k) % 600) | 0);
            const key = k * 1_000_003 + 0.0; // 53-bit keys of any size
            const added = table.add(i % 50, key * 9_007_199, v, -v);
            const id = `${i % 50}/${key * 9_007_199}`;
            expect(added).toBe(!keys.has(id));
            expect(set.add(i % 50, key * 9_007_199, v, -v)).toBe(added);
            if (added) keys.set(id, [v, -v]);
          }
          for (const [i, v] of model) expect(Object.is(column.get(i), v)).toBe(true);
          expect(column.get(5000)).toBe(-1);
          expect(column.get(1_000_000)).toBe(-1);
          for (const [i, v] of smallModel) expect(small.get(i)).toBe(v);
          expect(small.get(7 * 3001)).toBe(-1);
          expect(small.get(1_000_000)).toBe(-1);
          for (const [id, [a, b]] of keys) {
            const [p, k] = id.split('/').map(Number) as [number, number];
            const slot = table.find(p, k);
            expect(slot).toBeGreaterThanOrEqual(0);
            expect(Object.is(table.aAt(slot), a)).toBe(true);
            expect(Object.is(table.bAt(slot), b)).toBe(true);
            const handle = set.find(p, k);
            expect(handle).not.toBe(-1);
            expect(Object.is(set.aAt(handle), a)).toBe(true);
            expect(Object.is(set.bAt(handle), b)).toBe(true);
            expect(set.find(p + 50, k)).toBe(-1);
          }
          expect(table.size).toBe(keys.size);
          expect(set.size).toBe(keys.size);
        },
      ),
    );
  });

  /** Pseudonyms: 40 hexadecimal digits in lower, upper or mixed case (a few distinct ones), or any text. */
  const pseudonym = fc.oneof(
    fc
      .constantFrom('0', '1', 'a', 'f')
      .chain((c) => fc.constantFrom(c.repeat(40), c.toUpperCase().repeat(40), `${c.repeat(39)}B`, `${c.repeat(39)}b`)),
    hex(40, 40),
    hex(40, 40).map((s) => s.toLowerCase()),
    fc.string({ maxLength: 44 }),
  );

  it('pseudonym indexes number texts in the order first added, as a Map does, case included, and give them back', () => {
    fc.assert(
      fc.property(fc.array(pseudonym, { maxLength: 3000 }), (texts) => {
        const index = new PseudonymIndex(4);
        const model = new Map<string, number>();
        for (const t of texts) {
          expect(index.indexOf(t)).toBe(model.get(t) ?? -1);
          if (!model.has(t)) model.set(t, model.size);
          expect(index.add(t)).toBe(model.get(t));
        }
        expect(index.size).toBe(model.size);
        for (const [t, n] of model) {
          expect(index.indexOf(t)).toBe(n);
          expect(index.textOf(n)).toBe(t);
        }
        expect(index.textOf(model.size)).toBeUndefined();
      }),
      { numRuns: runs(60) },
    );
  });

  it('the year of a day number is the one a Date gives', () => {
    // Every day of the years a known full date can name through Date.UTC (1900 to 9998), and far around.
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -25_567, max: 2_932_896 }), fc.integer({ min: -4e7, max: 4e7 })), (d) => {
        expect(yearOfDay(d)).toBe(new Date(d * 86_400_000).getUTCFullYear());
      }),
      { numRuns: runs(2000) },
    );
    for (const d of [-1, 0, 365, 10_956, 10_957, 2_932_896]) {
      expect(yearOfDay(d)).toBe(new Date(d * 86_400_000).getUTCFullYear());
    }
  });

  it('a pseudonym index numbers lower cases as add(text.toLowerCase()) does, and tells how the text is written', () => {
    fc.assert(
      fc.property(fc.array(pseudonym, { maxLength: 3000 }), (texts) => {
        const index = new PseudonymIndex(4);
        const model = new Map<string, number>();
        for (const t of texts) {
          const lower = t.toLowerCase();
          if (!model.has(lower)) model.set(lower, model.size);
          expect(index.addLower(t)).toBe(model.get(lower));
          // 1: 40 hex digits, its own lower case; 2: 40 hex digits, its own upper case but not lower; 0: other.
          const hex = /^[0-9a-fA-F]{40}$/.test(t);
          expect(index.tag).toBe(!hex ? 0 : t === lower ? 1 : t === t.toUpperCase() ? 2 : 0);
        }
        for (const [t, n] of model) expect(index.textOf(n)).toBe(t);
      }),
      { numRuns: runs(60) },
    );
  });

  it('young people are numbered per text as first seen, and counted per lower case, as Maps would', () => {
    fc.assert(
      fc.property(fc.array(pseudonym, { maxLength: 2000 }), (texts) => {
        const people = new People();
        const ids = new Map<string, number>();
        const lowers = new Map<string, number>();
        for (const t of texts) {
          if (!ids.has(t)) ids.set(t, ids.size);
          const lower = t.toLowerCase();
          if (!lowers.has(lower)) lowers.set(lower, ids.get(t)!);
          expect(people.idOf(t)).toBe(ids.get(t));
          expect(people.lastLower).toBe(lowers.get(lower));
        }
        expect(people.distinct).toBe(lowers.size);
        for (const [t, n] of ids) expect(people.textOf(n)).toBe(t);
      }),
      { numRuns: runs(60) },
    );
  });

  it('pseudonym columns give each text back and compare it regardless of case', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), pseudonym, pseudonym), { maxLength: 200 }),
        (ops) => {
          const column = new PseudonymColumn();
          const model = new Map<number, string>();
          for (const [i, t, other] of ops) {
            expect(column.has(i)).toBe(model.has(i));
            column.set(i, t);
            model.set(i, t);
            expect(column.equalsIgnoringCase(i, other)).toBe(t.toLowerCase() === other.toLowerCase());
            expect(column.equalsIgnoringCase(i, t.toUpperCase())).toBe(
              t.toLowerCase() === t.toUpperCase().toLowerCase(),
            );
          }
          for (const [i, t] of model) expect(column.get(i)).toBe(t);
          expect(column.get(50_000)).toBeUndefined();
          expect(column.equalsIgnoringCase(50_000, 'a')).toBe(false);
        },
      ),
    );
  });

  it('a fingerprint is the hash of its text, written as toString(16) would, fed piece by piece', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('DATFIN', 'TYPEV', 'DATFIN2', 'É')), {
          maxLength: 4,
        }),
        fc.double({ min: 0, max: 2 ** 53 - 1, noNaN: true }),
        (ruleId, key, names, x) => {
          const sorted = names.length === 1 ? names[0]! : [...names].sort().join(',');
          // The plain definition: the text built, hashed, the number written in base 16.
          const text = `${ruleId}\u0000${key}\u0000${sorted}`;
          const plain = parseInt(shortHash(text), 16).toString(16).padStart(14, '0');
          expect(fingerprint(ruleId, key, names)).toBe(plain);
          // The same from a finding's variables (one or two without an array of names).
          expect(
            fingerprintOfVariables(
              ruleId,
              key,
              names.map((name) => ({ name, value: 'x' })),
            ),
          ).toBe(plain);
          const n = Math.floor(x);
          expect(hex53(n)).toBe(n.toString(16).padStart(14, '0'));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('a capped value is its first 40 code points, as Array.from counts them', () => {
    const unit = fc.constantFrom('x', 'é', '😀', '\ud800', '\udc00', ' ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), fc.integer({ min: 0, max: 100 }), (units, pad) => {
        const text = 'a'.repeat(pad) + units.join('');
        const points = Array.from(text);
        const plain =
          text.length <= MAX_QUOTED
            ? text
            : points.length > MAX_QUOTED
              ? `${points.slice(0, MAX_QUOTED).join('')}…`
              : text;
        expect(capValue(text)).toBe(plain);
      }),
      { numRuns: runs(500) },
    );
  });
});
