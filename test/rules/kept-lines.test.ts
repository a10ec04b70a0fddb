/**
 * The lines kept as columns of numbers (src/rules/kept-lines.ts) stand for the objects they replaced: the three
 * young-person rules on ends and renewals (OL16-YP-010, -011, -012) find exactly what their plain object-based form
 * (test/rules/reference-guide-lines.ts) finds, references included (index, line, pseudonym, record key), on
 * fast-check lines crowded around the days an end and its follow-up share; and a kept line's reference, place and
 * texts come back as given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guideCrossRules } from '../../src/rules/guide-rules.js';
import { TextPool } from '../../src/_lib/text-pool.js';
import { KeptLines } from '../../src/rules/kept-lines.js';
import { JoinedTextPool, TextListPool } from '../../src/rules/text-lists.js';
import { absentAsEmpty, LineRef, resolveOptions } from '../../src/rules/line.js';
import { editionLayout, readRow } from '../../src/rules/row.js';
import { placeOf, recordKey } from '../../src/rules/messages.js';
import { People } from '../../src/rules/people.js';
import type { RawFinding, RecordContext, RecordRef, RecordValues } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';
import {
  referenceCollect,
  referenceEndHypotheses,
  referenceEndWithoutFollowUp,
  referenceLines,
  referenceRenewalSameDecision,
} from './reference-guide-lines.js';

interface Item {
  values: RecordValues;
  index: number;
  line: number | undefined;
}

/** Pseudonyms: two equal but for case (one young person), one not hexadecimal, long and short. */
const PSEUDONYMS = ['a'.repeat(40), 'A'.repeat(40), `${'0123456789'.repeat(4)}`, 'AB12', 'x'.repeat(60), ''];
/** Days around an end and its follow-up, the turn of a year, and dates that are not known full dates. */
const DATES = [
  '2019-06-29',
  '2019-06-30',
  '2019-07-01',
  '2019-07-02',
  '2019-12-31',
  '2020-01-01',
  '2019-06-99',
  '2019-02-30',
  '9999-99-99',
  '2019-06',
  '',
  // Years a Date writes in another width than four digits (the 31 December of OL16-YP-012 read from the text).
  '-123-12-31',
  '-124-01-01',
  '1e05-12-31',
  '0099-12-31',
];
/** Whole numbers that fit a cell, the marks and numbers that do not. */
const NUMBERS = fc.oneof(
  fc.nat(1000),
  fc.constantFrom(-1, 0, -0, 2147483647, -2147483648, -2147483647, 2 ** 31, 2 ** 53, 1.5, Number.NaN),
  fc.integer(),
);

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 4 });
const code = (...codes: string[]): fc.Arbitrary<string | undefined> => maybe(fc.constantFrom('', ...codes));

const valuesArb: fc.Arbitrary<RecordValues> = fc.record({
  NUMANONYM: maybe(fc.constantFrom(...PSEUDONYMS)),
  TYPEV: code('1', '2', '3', '4', 'x'),
  CODEV: code('11', 'a|b'),
  DATDECPE: maybe(fc.constantFrom(...DATES)),
  DATDEB: maybe(fc.constantFrom(...DATES)),
  DATFIN: maybe(fc.constantFrom(...DATES)),
  DECISION: code('1', '2', '1|'),
  NATPDECADM: code('10', '11'),
  AUTREDA: code('1'),
  NATDECASSED: code('16', '|16'),
  AUTREDJ: code('1'),
  NATDECPLAC: code('1'),
  TYPINTERDOM: code('2', '3'),
  TYPDECJUD: code('6', '7'),
  MOTFININT: code('1', '2', '3', 'x'.repeat(20)),
  MOTIFML: code('10', 'y'.repeat(30)),
  DATDECMIN: maybe(fc.constantFrom(...DATES)),
});

/** Lines of three pseudonyms (two of one young person) on a few days in a row: ends meet their follow-ups. */
const DAYS = ['2019-06-29', '2019-06-30', '2019-07-01', '2019-07-02', '2019-12-31', '2020-01-01'];
const focusedArb: fc.Arbitrary<RecordValues> = fc.record({
  NUMANONYM: fc.constantFrom('a'.repeat(40), 'A'.repeat(40), 'b'.repeat(40)),
  TYPEV: fc.constantFrom('1', '2', '3'),
  DATDECPE: fc.constantFrom(...DAYS),
  DATDEB: fc.constantFrom(...DAYS),
  DATFIN: fc.constantFrom(...DAYS),
  DECISION: fc.constantFrom('1', '2'),
  MOTFININT: fc.constantFrom('1', '2', '3'),
  MOTIFML: fc.constantFrom('', '10'),
  DATDECMIN: fc.constantFrom('', '2019-05-01'),
});

const itemsArb: fc.Arbitrary<Item[]> = fc
  .array(
    fc.record({
      values: fc.oneof({ arbitrary: focusedArb, weight: 3 }, { arbitrary: valuesArb, weight: 1 }),
      index: maybe(NUMBERS),
      line: maybe(NUMBERS),
    }),
    { maxLength: 30 },
  )
  .map((list) => list.map((it, i) => ({ values: it.values, index: it.index ?? i, line: it.line })));

/** A reference as plain data. */
const plainRef = (r: RecordRef | undefined) =>
  r && { index: r.index, line: r.line, numanonym: r.numanonym, key: r.key };
const plain = (list: RawFinding[]) => list.map((f) => ({ ...f, at: plainRef(f.at) }));

const layout = editionLayout('2016');

/**
 * Lines through a rule set as the engine hands them over: the row read from the values (a variable left out as
 * undefined, or as '' with `empty`, as `absent: 'empty'` reads it), a person's numbers, one reference per line.
 */
function feed(items: Item[], observe: (ctx: RecordContext, ref: RecordRef) => void, empty = false): void {
  const people = new People();
  for (const { values, index, line } of items) {
    const numanonym = values.NUMANONYM;
    const ref = new LineRef(index, line, numanonym || undefined, values);
    const person = numanonym ? people.idOf(numanonym) : -1;
    const pseudonymOf = (p: number) => people.textOf(p);
    const row = new Array<string | undefined>(layout.names.length);
    const extra = readRow(values, layout, row);
    if (empty) absentAsEmpty(row);
    const ctx: RecordContext = {
      values,
      edition: '2016',
      event: undefined,
      age: undefined,
      referenceYear: undefined,
      exportDate: undefined,
      lang: 'fr',
      destination: undefined,
      row,
      extra,
      person,
      personLower: numanonym ? people.lastLower : -1,
      pseudonymOf,
      shared: { fullHash: undefined },
    };
    observe(ctx, ref);
  }
}

/** The findings of OL16-YP-010, -012, -011 (their order in guideCrossRules); one state for the three or one each. */
function columns(items: Item[], shared: boolean, empty = false): RawFinding[][] {
  const o = resolveOptions({});
  const states = guideCrossRules.map((r) => r.init(shared ? o : { ...o }));
  feed(
    items,
    (ctx, ref) => {
      for (let k = 0; k < guideCrossRules.length; k++) guideCrossRules[k]!.observe(states[k]!, ctx, ref);
    },
    empty,
  );
  const stats = { records: items.length, columns: new Map() };
  return guideCrossRules.map((r, k) => plain(r.finish(states[k]!, o, stats) as RawFinding[]));
}

function reference(items: Item[]): RawFinding[][] {
  const state = referenceLines();
  feed(items, (ctx, ref) => referenceCollect(state, ctx, ref));
  return [referenceEndHypotheses(state), referenceEndWithoutFollowUp(state), referenceRenewalSameDecision(state)].map(
    plain,
  );
}

describe('young-person rules on ends and renewals, lines kept as numbers', () => {
  it('the rules are OL16-YP-010, -012 and -011, in that order', () => {
    expect(guideCrossRules.map((r) => r.id)).toEqual(['OL16-YP-010', 'OL16-YP-012', 'OL16-YP-011']);
  });

  it('find what the plain object-based rules find (property), one state for the three or one each', () => {
    fc.assert(
      fc.property(itemsArb, fc.boolean(), (items, empty) => {
        const expected = reference(items);
        expect(columns(items, true, empty)).toStrictEqual(expected);
        expect(columns(items, false, empty)).toStrictEqual(expected);
      }),
      {
        numRuns: runs(400),
        // A 31 December of a year of another width (read from `1e05`), where a year taken from the first four
        // characters of the ISO text once made the reference find an end not on 31 December.
        examples: [
          [
            [
              {
                values: { NUMANONYM: 'a'.repeat(40), TYPEV: '3', DATFIN: '1e05-12-31', MOTFININT: '1' },
                index: 0,
                line: undefined,
              },
            ],
            false,
          ],
        ],
      },
    );
  });

  it('draws lines crowded enough for each rule to say something (a fixed sample, whatever the run cap)', () => {
    // Not capped by the quick run (runs()): ten cases can miss a rule; the law above is only as good as its lines.
    const found = [0, 0, 0];
    for (const items of fc.sample(itemsArb, { numRuns: 400, seed: 16 })) {
      const expected = reference(items);
      for (let k = 0; k < 3; k++) found[k]! += expected[k]!.length;
    }
    for (const n of found) expect(n).toBeGreaterThan(0);
  });

  it('a hand-made young person: every rule reports, from the kept texts and places', () => {
    const ID = 'b'.repeat(40);
    const open = { NUMANONYM: ID, DECISION: '1', NATPDECADM: '10', TYPINTERDOM: '2' };
    const items: Item[] = [
      {
        values: { ...open, TYPEV: '3', DATDEB: '2019-01-01', DATFIN: '2019-06-30', MOTFININT: '1', MOTIFML: '10' },
        index: 0,
        line: 5,
      },
      {
        values: { ...open, TYPEV: '2', DATDECPE: '2019-06-25', DATDEB: '2019-07-01', TYPINTERDOM: '3' },
        index: 1,
        line: undefined,
      },
      { values: { ...open, TYPEV: '1', DATDECPE: '2019-06-30', DATDEB: '2019-08-01' }, index: 2, line: 2 ** 40 },
      {
        values: { ...open, TYPEV: '3', DATDEB: '2019-01-01', DATFIN: '2019-03-31', MOTFININT: '2' },
        index: 3,
        line: 9,
      },
    ];
    const ours = columns(items, true);
    expect(ours).toStrictEqual(reference(items));
    expect(ours.map((list) => list.length)).toEqual([1, 1, 1]);
    expect(ours[0]![0]!.params.next).toEqual({ fr: `ligne ${2 ** 40}`, en: `line ${2 ** 40}` });
    expect(ours[2]![0]!.at).toStrictEqual({
      index: 1,
      line: undefined,
      numanonym: ID,
      key: recordKey(items[1]!.values),
    });
  });
});

describe('KeptLines', () => {
  it('gives each line its reference, place and key back, whatever its numbers (property)', () => {
    fc.assert(
      fc.property(itemsArb, fc.nat(3), fc.boolean(), (items, extra, empty) => {
        const kept = new KeptLines(extra);
        const refs: RecordRef[] = [];
        feed(
          items,
          (ctx, ref) => {
            if (ctx.person < 0) return;
            const n = kept.add(ctx, ref);
            for (let k = 0; k < extra; k++) kept.set(n, k, n * 7 + k);
            refs.push(ref);
          },
          empty,
        );
        expect(kept.size).toBe(refs.length);
        refs.forEach((ref, n) => {
          expect(kept.ref(n)).toStrictEqual(plainRef(ref));
          expect(Object.is(kept.place(n), placeOf(ref))).toBe(true);
          for (let k = 0; k < extra; k++) expect(kept.get(n, k)).toBe(n * 7 + k);
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('pools number distinct texts and lists as a Map would (property)', () => {
    fc.assert(
      fc.property(
        // Up to 216 distinct lists: the table of lists grows several times.
        fc.array(fc.array(fc.constantFrom('', '1', '|', '1|', '2:', 'x'.repeat(20)), { minLength: 3, maxLength: 3 }), {
          maxLength: 400,
        }),
        (lists) => {
          const texts = new TextPool();
          const tuples = new TextListPool();
          const joins = new JoinedTextPool();
          const seenTexts = new Map<string, number>();
          const seenLists = new Map<string, number>();
          const seenJoins = new Map<string, number>();
          for (const list of lists) {
            // Joined by '|': lists such as ['1|', ''] and ['1', '|'] share a number.
            const joined = list.join('|');
            if (!seenJoins.has(joined)) seenJoins.set(joined, seenJoins.size);
            const j = joins.intern(list);
            expect(j).toBe(seenJoins.get(joined));
            expect(joins.get(j)).toBe(joined);
            const t = list.join('');
            if (!seenTexts.has(t)) seenTexts.set(t, seenTexts.size);
            expect(texts.intern(t)).toBe(seenTexts.get(t));
            const k = JSON.stringify(list);
            if (!seenLists.has(k)) seenLists.set(k, seenLists.size);
            const n = tuples.intern(list);
            expect(n).toBe(seenLists.get(k));
            expect(tuples.parts(n)).toEqual(list);
          }
          for (const [t, n] of seenTexts) expect(texts.get(n)).toBe(t);
          expect(texts.size).toBe(seenTexts.size);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
