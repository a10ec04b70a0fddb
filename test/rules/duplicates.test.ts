/**
 * The full-duplicate rule (OL-YP-005, ONPE's audit section "Doublons") keys each line by the young person's number
 * and a hash of the line's other values (src/rules/cross-rules.ts, `fullHash`: NUMANONYM left out, characters fed
 * two at a time). The law it must keep, checked here on fast-check lines with few distinct values (so that true
 * duplicates, near ones and values moved between variables are frequent): a line is reported exactly when an
 * earlier line of the same NUMANONYM (case included) holds the same values, a left-out variable reading as empty
 * (as in a file), whatever the order of the keys. The administrative and judicial duplicates (OL16-YP-006,
 * OL16-YP-007), which read the same hash, run beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionData } from '../../src/nomenclature/index.js';
import { StreamHash } from '../../src/rules/hash.js';
import { validateAllSync } from '../../src/rules/run.js';
import type { RecordValues } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';

const NAMES = editionData('2016').variables.map((v) => v.name);
const SOME = ['TYPEV', 'DATDECPE', 'DATDEB', 'NATPDECADM', 'NATDECASSED', 'LIEUACC', 'SEXE', 'AUTREDA', 'UTDP'];
const ID = (c: string): string => c.repeat(40);

const VALUE = fc.constantFrom('', '1', '12', '21', '22', '2019-01-10', '2019-10-01', '2019-01-01');

/** A line's own part: a few variables from tiny alphabets, sometimes a name outside the edition. */
const baseArb = fc.record({
  values: fc.dictionary(fc.constantFrom(...SOME), VALUE, { maxKeys: 5 }),
  extra: fc.option(fc.constantFrom('NOM', 'X'), { nil: undefined }),
  extraValue: VALUE,
});

/**
 * Lines made from two or three bases, each maybe with one variable changed (often to a value of the same length
 * that differs by one character or by two swapped), of three pseudonyms (one the upper case of another) or none,
 * keys in either order: true duplicates and near ones are frequent.
 */
const linesArb = fc
  .tuple(
    fc.array(baseArb, { minLength: 1, maxLength: 3 }),
    fc.array(
      fc.record({
        base: fc.nat(2),
        numanonym: fc.constantFrom(ID('a'), ID('b'), ID('A'), ''),
        change: fc.option(fc.tuple(fc.constantFrom(...SOME, 'NOM'), VALUE), { nil: undefined }),
        reversed: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
  )
  .map(([bases, lines]) =>
    lines.map((l) => {
      const b = bases[l.base % bases.length]!;
      const entries: [string, string][] = [['NUMANONYM', l.numanonym], ...Object.entries(b.values)];
      if (b.extra !== undefined) entries.push([b.extra, b.extraValue]);
      const r: Record<string, string> = Object.fromEntries(l.reversed ? entries.reverse() : entries);
      if (l.change) r[l.change[0]] = l.change[1];
      return r as RecordValues;
    }),
  );

/** What a line holds as the rules read a file: every variable of the edition (absent as empty), then the others. */
function canonical(r: RecordValues): string {
  const own = NAMES.map((n) => r[n] ?? '');
  const others = Object.keys(r)
    .filter((n) => !NAMES.includes(n))
    .sort()
    .map((n) => [n, r[n]]);
  return JSON.stringify([own, others]);
}

describe('OL-YP-005: full duplicates', () => {
  it('reports a line exactly when an earlier line of the same NUMANONYM holds the same values', () => {
    fc.assert(
      fc.property(linesArb, (records) => {
        const { findings } = validateAllSync(records, { only: ['OL-YP-005', 'OL16-YP-006', 'OL16-YP-007'] });
        const expected: number[] = [];
        const seen = new Set<string>();
        records.forEach((r, i) => {
          if (!r.NUMANONYM) return;
          const key = `${r.NUMANONYM}\u0000${canonical(r)}`;
          if (seen.has(key)) expected.push(i);
          else seen.add(key);
        });
        const full = findings.filter((f) => f.ruleId === 'OL-YP-005').map((f) => f.recordIndex);
        expect(full).toEqual(expected);
      }),
      { numRuns: runs(400) },
    );
  });
});

describe('StreamHash.row', () => {
  it('feeds what char() of each position and length, then pairs() of the value, feed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 9 }), { nil: undefined }), { maxLength: 12 }),
        fc.integer({ min: -1, max: 12 }),
        (row, skip) => {
          const a = new StreamHash();
          a.row(row, skip);
          const b = new StreamHash();
          row.forEach((v, i) => {
            if (v === undefined || i === skip) return;
            b.char(((i + 1) * 0x100000 + v.length) | 0);
            b.pairs(v);
          });
          expect(a.value()).toBe(b.value());
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
