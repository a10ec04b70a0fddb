/**
 * The engine's shortcuts change nothing: the normal path finds exactly what the same build finds without shortcuts
 * (every rule's full `check` called on every line, records read the plain way with `for…in`): same findings in the
 * same order, same summary (counts, statuses with checked counts and skip reasons, column statistics), same
 * validateRecord results, on synthetic files with injected errors, on records built in every shape, and on
 * fast-check records with hostile values. Every rule of both editions is compared.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionData, type EditionId } from '../../src/nomenclature/index.js';
import { validateAll, validateRecord } from '../../src/rules/index.js';
import type { RecordValues, RuleOptions } from '../../src/rules/index.js';
import { synthesise } from '../../src/synth/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';
import { validateRecordWithoutShortcuts } from '../../src/rules/record.js';
import { validateAllSync } from '../../src/rules/run.js';
import { GOLDEN_INPUTS, goldenItems, goldenText } from '../../scripts/golden-findings.js';

type Item = RecordValues | { values: RecordValues; line?: number; index?: number };

/** Plain data of a run, Maps turned into entry lists (order included). */
async function runOf(collect: typeof validateAll, items: Item[], options: RuleOptions) {
  const { findings, summary } = await collect(items, options);
  return {
    findings,
    summary: { ...summary, stats: { records: summary.stats.records, columns: [...summary.stats.columns] } },
  };
}

const withoutShortcuts = async (items: Item[], options: RuleOptions) => validateAllSync(items, options, false);

async function expectSameRun(items: Item[], options: RuleOptions): Promise<number> {
  const ours = await runOf(validateAll, items, options);
  const plain = await runOf(withoutShortcuts as typeof validateAll, items, options);
  expect(ours).toEqual(plain);
  return plain.findings.length;
}

function expectSameRecord(record: RecordValues, options: RuleOptions): void {
  const ours = validateRecord(record, options);
  const plain = validateRecordWithoutShortcuts(record, options);
  expect(ours).toEqual(plain);
  // The same JSON, keys in the same order (each finding of the normal path is built as one object literal).
  expect(JSON.stringify(ours)).toBe(JSON.stringify(plain));
}

const ID = (c: string): string => c.repeat(40);

/** Values that stress the rules: unknown codes, bad formats, partial dates, case, free text, extremes. */
const TRICKY = [
  '',
  '9',
  '99',
  '9999',
  '9999-99-99',
  '9999-99',
  '2019-99-99',
  '2019-02-30',
  '2019-13-01',
  '19',
  'x',
  'ZZ',
  '0',
  '1',
  '2',
  '3',
  '11',
  '19',
  '1910',
  '2000',
  '2005',
  '2015',
  '2019',
  '2029',
  '2017-01-01',
  '2019-06-15',
  '2021-12-31',
  '2016-01-01',
  '1919-03-01',
  '2019-03',
  ID('a'),
  ID('A'),
  ID('b'),
  'a'.repeat(41),
  '\u0001',
  'Jean Dupont',
];

function hostileRecordArb(edition: EditionId): fc.Arbitrary<Record<string, string | undefined>> {
  const names = editionData(edition).variables.map((v) => v.name);
  return fc
    .tuple(
      validRecordArb(edition),
      fc.array(
        fc.tuple(
          fc.constantFrom(...names, 'NOM', 'CODEV', 'TYPEV'),
          fc.oneof(fc.constantFrom(...TRICKY), fc.constant(undefined), fc.string({ maxLength: 12 })),
        ),
        { maxLength: 8 },
      ),
      fc.constantFrom(ID('a'), ID('A'), ID('b'), ID('c'), '', undefined),
      fc.constantFrom(ID('d'), ID('D'), ID('e'), '', undefined),
    )
    .map(([base, changes, person, previous]) => {
      const r: Record<string, string | undefined> = { ...base, NUMANONYM: person, NUMANONYMANT: previous };
      for (const [name, value] of changes) r[name] = value;
      return r;
    });
}

describe('the golden findings (test/golden/findings, written by npm run generate)', () => {
  it.each(GOLDEN_INPUTS.map((input) => [input.edition, input] as const))(
    '%s: the path without shortcuts finds them, line for line',
    (edition, input) => {
      const golden = readFileSync(new URL(`../golden/findings/${edition}.json`, import.meta.url), 'utf8');
      const plain = validateAllSync(goldenItems(input), { edition: input.edition, ...input.options }, false);
      expect(goldenText(input, plain)).toBe(golden);
      expect(plain.summary.errors).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('the engine with its shortcuts = the same build without them', () => {
  it.each([
    ['2016', 11, 0.2],
    ['2016', 12, 0.5],
    ['2011', 13, 0.3],
  ] as const)(
    'synthetic %s file (seed %i, error rate %f): same findings, order and summary',
    async (edition, seed, errorRate) => {
      const { records } = synthesise({ seed, year: 2019, records: 1500, edition, errorRate });
      const items = records.map((record, i) => ({ values: record as RecordValues, line: i + 3, index: i }));
      // Lines repeated (full, administrative and judicial duplicates), and with a mixed-case pseudonym.
      items.push({ values: records[5] as RecordValues, line: 9000, index: 9000 });
      items.push({ values: { ...(records[8] as RecordValues), DATDEB: '2019-01-02' }, line: 9001, index: 9001 });
      const first = records[0] as RecordValues;
      items.push({
        values: { ...first, NUMANONYM: first.NUMANONYM?.toUpperCase(), SEXE: '2' },
        line: 9002,
        index: 9002,
      });
      for (const options of [
        { edition, referenceYear: 2019 },
        { edition, exportDate: '2019-06-30', lang: 'en' as const },
        { edition },
      ]) {
        expect(await expectSameRun(items, options)).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  it.each(['2016', '2011'] as const)(
    'fast-check %s records with hostile values: same run, same validateRecord',
    async (edition) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileRecordArb(edition), { maxLength: 25 }),
          fc.record({
            referenceYear: fc.constantFrom(undefined, 2019),
            exportDate: fc.constantFrom(undefined, '2019-12-31'),
            lang: fc.constantFrom('fr' as const, 'en' as const),
            absent: fc.constantFrom(undefined, 'empty' as const, 'skip' as const),
            destination: fc.constantFrom(undefined, 'onpe' as const, 'odpe' as const),
            bothLanguages: fc.boolean(),
          }),
          fc.boolean(),
          async (records, opts, wrapped) => {
            const { absent, ...rest } = opts;
            const options: RuleOptions = { edition, ...rest, ...(absent ? { absent } : {}) };
            if (options.destination === undefined) delete options.destination;
            const items: Item[] = wrapped ? records.map((values, i) => ({ values, line: 2 * i + 2 })) : records;
            await expectSameRun(items, options);
            for (const r of records) expectSameRecord(r, options);
          },
        ),
        { numRuns: runs(150) },
      );
    },
    120_000,
  );

  it('records built key by key, cloned from a template, with a prototype of their own or none: same run', async () => {
    const { records } = synthesise({ seed: 21, year: 2019, records: 2500, errorRate: 0.2 });
    const names = editionData('2016').variables.map((v) => v.name);
    const template = Object.fromEntries(names.map((n) => [n, '']));
    const keyByKey = records.map((r) => {
      const out: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(r)) out[k] = v;
      return out;
    });
    const cloned = records.map((r) => ({ ...template, ...(r as Record<string, string>) }));
    // A line with a name outside the edition and a value left undefined, late in the file.
    keyByKey.push({ ...keyByKey[3], NOM: 'x', SEXE: undefined });
    cloned.push({ ...cloned[3]!, NOM: 'x' });
    // Read with for…in (inherited names included), as `values[name]` sees them.
    const inherited = records
      .slice(0, 300)
      .map((r) => Object.assign(Object.create({ NOM: 'x', SEXE: '7' }) as Record<string, string>, r));
    const bare = records.slice(0, 300).map((r) => Object.assign(Object.create(null) as Record<string, string>, r));
    for (const items of [keyByKey, cloned, inherited, bare])
      expect(await expectSameRun(items, { referenceYear: 2019 })).toBeGreaterThan(0);
  }, 60_000);

  it('validateRecord on inputs read in one call or key by key: getters, re-entrant calls, key orders that change', () => {
    const { records } = synthesise({ seed: 7, year: 2019, records: 60, errorRate: 0.4 });
    const base = records[0] as Record<string, string>;
    const getter = (value: () => unknown) =>
      Object.defineProperty({ ...base }, 'SEXE', { enumerable: true, configurable: true, get: value });
    const inner: unknown[] = [];
    const reentrant = Object.defineProperty({ TYPEV: base.TYPEV, SEXE: '7' }, 'NUMDEP', {
      enumerable: true,
      get: () => {
        // A getter that validates another record while this one is read (the engine's spare context is busy).
        inner.push(validateRecord({ ...base, DATFIN: 'x' }, { absent: 'empty' }));
        return 'ZZZ';
      },
    });
    const reversed = Object.fromEntries(Object.entries(base).reverse());
    const many = Object.fromEntries([
      ...Object.entries(base),
      ...Array.from({ length: 400 }, (_, i) => [`X${i}`, 'x']),
    ]);
    const inputs: unknown[] = [
      getter(() => '7'),
      getter(() => {
        throw new Error('getter');
      }),
      getter(() => 3),
      reentrant,
      reversed,
      many,
      { ...base, NOM: 'x', SEXE: undefined },
      ...records,
      reversed,
      { SEXE: '1', ...base },
    ];
    for (const options of [
      {},
      { absent: 'empty' as const, lang: 'en' as const, bothLanguages: true },
      { edition: '2011' as const },
    ])
      for (const input of inputs) expectSameRecord(input as RecordValues, options);
    expect(inner.length).toBeGreaterThan(0);
    expect(inner[0]).toEqual(validateRecordWithoutShortcuts({ ...base, DATFIN: 'x' }, { absent: 'empty' }));
  });

  it('the same with a subset of rules (`only`) and on an empty input', async () => {
    const { records } = synthesise({ seed: 5, year: 2019, records: 300, errorRate: 0.3 });
    const only = ['OL-YP-005', 'OL16-YP-006', 'OL16-FMT-SEXE', 'OL-VAR-001', 'OL16-DAT-010', 'OL-FILE-001'];
    await expectSameRun(records as RecordValues[], { referenceYear: 2019, only });
    await expectSameRun([], { referenceYear: 2019 });
    expectSameRecord({ TYPEV: '1', DATFIN: '2019-01-01', SEXE: '7', NOM: 'x' }, { only });
  });
});
