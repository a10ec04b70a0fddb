/**
 * The record table holds some variables together (one id per combination of the nature variables, one per
 * combination of the other codes; see src/analysis/table.ts). Differential properties against a plain reference
 * kept here: every variable in its own column of small-pool ids, interned in the same order, and combinations
 * compared variable by variable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordTable, SMALL_COLUMNS, TEXT_COLUMNS, type RecordLike } from '../../src/analysis/index.js';
import { IdTuplePool, PseudonymPool, valuePool } from '../../src/analysis/intern.js';
import { NATURE_LINK_VARIABLES } from '../../src/nomenclature/index.js';
import { runs } from '../support/runs.js';

/** The plain reference: one array of ids per variable, as the table was before it grouped them. */
class PlainTable {
  readonly small = valuePool();
  readonly texts = valuePool();
  readonly cols = new Map<string, number[]>();
  add(values: RecordLike): void {
    for (const c of SMALL_COLUMNS) {
      const col = this.cols.get(c) ?? [];
      col.push(this.small.intern(values[c]?.trim() ?? ''));
      this.cols.set(c, col);
    }
    for (const c of TEXT_COLUMNS) {
      const col = this.cols.get(c) ?? [];
      col.push(this.texts.intern(values[c]?.trim() ?? ''));
      this.cols.set(c, col);
    }
  }
  sameNature(a: number, b: number): boolean {
    return NATURE_LINK_VARIABLES.every((v) => this.cols.get(v)![a] === this.cols.get(v)![b]);
  }
}

/** Few values per variable, so that rows share codes, combinations and dates; spaces and empties included. */
const value = fc.constantFrom(undefined, '', ' ', '1', '2', '3', '9', ' 2 ', '15', '2018-03-01', '2019-99-99', 'x');
const record = fc.record(
  Object.fromEntries([...SMALL_COLUMNS, ...TEXT_COLUMNS].map((c) => [c, value])) as Record<
    string,
    fc.Arbitrary<string | undefined>
  >,
  { requiredKeys: [] },
);

describe('RecordTable: grouped columns against one column per variable', () => {
  it('gives every variable of every line the id and text of the plain table, and the same nature exactly when every nature variable is equal', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), (records) => {
        const table = new RecordTable(1);
        const plain = new PlainTable();
        for (const r of records) {
          table.add(r);
          plain.add(r);
        }
        expect(table.small.texts).toEqual(plain.small.texts);
        expect(table.texts.texts).toEqual(plain.texts.texts);
        for (let row = 0; row < records.length; row++) {
          for (const c of SMALL_COLUMNS) {
            expect(table.id(c, row)).toBe(plain.cols.get(c)![row]);
            expect(table.str(c, row)).toBe(records[row]![c]?.trim() ?? '');
          }
          for (const c of TEXT_COLUMNS) {
            expect(table.textId(c, row)).toBe(plain.cols.get(c)![row]);
            expect(table.text(c, row)).toBe(records[row]![c]?.trim() ?? '');
          }
          for (let other = 0; other < records.length; other++)
            expect(table.nature[row] === table.nature[other]).toBe(plain.sameNature(row, other));
        }
      }),
    );
  });
});

describe('IdTuplePool', () => {
  it('gives equal tuples one id and different tuples different ids, as a map keyed by the joined values does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: width, maxLength: width }), {
              maxLength: 300,
            }),
          ),
        ),
        ([width, tuples]) => {
          const pool = new IdTuplePool(width);
          const reference = new Map<string, number>([[Array(width).fill(0).join(','), 0]]);
          for (const t of tuples) {
            const key = t.join(',');
            if (!reference.has(key)) reference.set(key, reference.size);
            const id = pool.intern(t);
            expect(id).toBe(reference.get(key));
            for (let k = 0; k < width; k++) expect(pool.at(id, k)).toBe(t[k]);
          }
          expect(pool.size).toBe(reference.size);
        },
      ),
    );
  });
});

describe('PseudonymPool', () => {
  const hex = fc
    .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 1, maxLength: 42 })
    .map((cs) => cs.join(''));
  const pseudonym = fc.oneof(
    fc.constantFrom('a'.repeat(40), 'A'.repeat(40), `${'0'.repeat(39)}1`, '', ' ', 'é', 'abc'),
    hex,
    hex.map((h) => h.slice(0, 3)),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('f'.repeat(254), 'f'.repeat(255), '0'.repeat(300)),
  );
  it('gives the ids and values of a value pool, for hexadecimal pseudonyms and any other text', () => {
    fc.assert(
      fc.property(fc.array(pseudonym, { maxLength: 200 }), (values) => {
        const pool = new PseudonymPool();
        const reference = valuePool();
        // Past 1,024 values, so that the hash slots grow and are rebuilt; siblings that differ in one digit only.
        const many = Array.from(
          { length: 1600 },
          (_, i) => (i >> 4).toString(16).padStart(39, '7') + (i & 15).toString(16),
        );
        const all = [...values, ...many, ...values];
        expect(all.map((v) => pool.intern(v))).toEqual(all.map((v) => reference.intern(v ?? '')));
        expect(pool.size).toBe(reference.size);
        const ids = Array.from({ length: reference.size }, (_, id) => id);
        expect(ids.map((id) => pool.get(id))).toEqual(reference.texts);
        expect(reference.texts.map((v) => pool.find(v))).toEqual(ids);
        expect(all.map((v) => pool.find(`${v}0`))).toEqual(all.map((v) => reference.find(`${v}0`)));
      }),
      { numRuns: runs(30) },
    );
  });
});
