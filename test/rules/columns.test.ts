/**
 * Reading records into the row (src/rules/columns.ts): the reader compiled for a key order, and `place`, read as the
 * plain way (`for…in`, a name lookup per key, the mode without shortcuts). On fast-check runs of records of both
 * editions, mostly sharing one key order (so that the compiled reader runs), sometimes in another order, with names
 * outside the edition, values absent, `undefined`, empty, "ne sait pas" codes, 9999 dates; with `missing` '' or
 * undefined: the same rows, the same names outside the edition, the same counts in the same order of first sight.
 * Also where code cannot be compiled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionData, type EditionId } from '../../src/nomenclature/index.js';
import { Columns } from '../../src/rules/columns.js';
import { editionLayout } from '../../src/rules/row.js';
import type { RecordValues } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';
import { withoutCompiling } from '../support/without-compiling.js';

const OUTSIDE = ['NOM', 'PRENOM', 'constructor', 'X1'];

function valueArb(edition: EditionId, name: string): fc.Arbitrary<string | undefined> {
  const def = editionData(edition).variables.find((v) => v.name === name);
  const own = [...(def?.type === 'code' ? def.codes.map((c) => c.code) : []), def?.unknownCode ?? '9'];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...own), weight: 4 },
    { arbitrary: fc.constantFrom('', '9999-99-99', '9999-99', '2019-01-01', 'x'), weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** A run: a key order (the edition's names, some left out, some names outside it, shuffled) and its records. */
function runArb(edition: EditionId) {
  const names = editionData(edition).variables.map((v) => v.name);
  const keyOrder = fc
    .shuffledSubarray([...names, ...OUTSIDE], { minLength: 1 })
    .filter((keys) => keys.some((k) => names.includes(k)));
  const record = (keys: readonly string[]) =>
    fc.tuple(...keys.map((k) => fc.option(valueArb(edition, k), { nil: undefined, freq: 20 }))).map((vals) => {
      const r: Record<string, string | undefined> = {};
      keys.forEach((k, j) => {
        r[k] = vals[j];
      });
      return r;
    });
  return fc.record({
    records: keyOrder.chain((main) =>
      fc.array(
        fc.oneof(
          { arbitrary: record(main), weight: 8 },
          { arbitrary: keyOrder.chain(record), weight: 1 },
          { arbitrary: record(main).map((r) => Object.assign(Object.create(null) as object, r)), weight: 1 },
        ),
        { minLength: 1, maxLength: 12 },
      ),
    ),
    missing: fc.constantFrom<'' | undefined>('', undefined),
  });
}

function compare(edition: EditionId, records: readonly Record<string, string | undefined>[], missing: '' | undefined) {
  const layout = editionLayout(edition);
  const quick = new Columns(layout);
  const plain = new Columns(layout, true);
  for (const r of records) {
    const a = new Array<string | undefined>(layout.names.length).fill('stale');
    const b = new Array<string | undefined>(layout.names.length).fill('other');
    const extraA = quick.read(r as RecordValues, a, missing);
    const extraB = plain.read(r as RecordValues, b, missing);
    expect(a).toEqual(b);
    expect(extraA).toEqual(extraB);
  }
  // Records the compiled reader read since its counts were last added (stats() adds them).
  const ran = (quick as unknown as { readerRuns: number }).readerRuns;
  expect([...quick.stats()]).toEqual([...plain.stats()]);
  return ran;
}

describe('the reader compiled for a key order = the plain reading', () => {
  it.each<EditionId>(['2016', '2011'])('edition %s: same rows, names outside, counts and their order', (edition) => {
    // Runs where the compiled reader read records (once each variable of its key order has been seen).
    let compiled = 0;
    fc.assert(
      fc.property(runArb(edition), ({ records, missing }) => {
        if (compare(edition, records, missing) > 0) compiled++;
      }),
      { numRuns: runs(300) },
    );
    expect(compiled).toBeGreaterThan(0);
  });

  it('where code cannot be compiled (a Content-Security-Policy without unsafe-eval): place reads them', async () => {
    const names = editionLayout('2016').names;
    const records = [0, 1, 2].map((k) => Object.fromEntries(names.map((n, i) => [n, i % 3 === k ? '' : '9'])));
    const { refused } = await withoutCompiling(() => compare('2016', records, ''));
    expect(refused).toBe(1);
  });
});
