/**
 * The prechecks compiled into one function (src/rules/settle-compiled.ts) answer as the tables they are compiled
 * from (`settleLineByTables`, selection.ts): on fast-check lines of both editions, where every variable is absent,
 * empty, one of its codes, its "ne sait pas" code, a value of its own format or an odd one, with any event (known,
 * unknown, absent) and any age, both give the same calls in the same order, the same counts of absent variables and
 * the same skip reasons. Also with a subset of rules (`only`), whose tables differ. And on one rule's tables, a
 * reserved code and an event read as their Set and Map say, on short values of any characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionData, type EditionId } from '../../src/nomenclature/index.js';
import { rules } from '../../src/rules/catalogue.js';
import { contextPlan, emptyContext, resolveOptions } from '../../src/rules/line.js';
import { ABSENT_REASON, selection, settleLine, settleLineByTables } from '../../src/rules/selection.js';
import { compileSettle, type SettleTables } from '../../src/rules/settle-compiled.js';
import type { QuickPass, RecordValues } from '../../src/rules/index.js';
import { invalidValue, passesFormat, sampleValue } from '../../src/rules/value-formats.js';
import { runs } from '../support/runs.js';
import { withoutCompiling } from '../support/without-compiling.js';

const ODD = ['', ' ', '0', '00', '99', '9', '1 ', 'é', 'é1', '1é', 'ab', '9999-99-99', '2019-02-30', 'x'.repeat(41)];

/** Values of one variable: its codes (the unknown code among them), its own formats, odd values. */
function valueArb(edition: EditionId, name: string): fc.Arbitrary<string | undefined> {
  const def = editionData(edition).variables.find((v) => v.name === name)!;
  const own = [
    ...(def.type === 'code' ? def.codes.map((c) => c.code) : []),
    ...(def.unknownCode ? [def.unknownCode] : []),
    sampleValue(def),
    invalidValue(def),
  ];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...own), weight: 6 },
    { arbitrary: fc.constant(''), weight: 3 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constantFrom(...ODD), weight: 1 },
    { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
  );
}

function lineArb(edition: EditionId) {
  const names = editionData(edition).variables.map((v) => v.name);
  const eventName = edition === '2016' ? 'TYPEV' : 'CODEV';
  const eventCodes = editionData(edition)
    .variables.find((v) => v.name === eventName)!
    .codes.map((c) => c.code);
  return fc.record({
    row: fc.tuple(...names.map((n) => valueArb(edition, n))),
    event: fc.oneof(fc.constantFrom(...eventCodes), fc.constantFrom(undefined, 'ZZ', '99', 'é', 'é1', '1é', '123', '')),
    age: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.constant(undefined)),
  });
}

function compare(edition: EditionId, only: readonly string[] | undefined, numRuns: number): void {
  const sel = selection(edition, only, rules);
  expect(sel.byVariable!.compiled).not.toBeNull();
  const nr = sel.record.length;
  const plan = contextPlan(edition);
  const names = plan.layout.names;
  fc.assert(
    fc.property(lineArb(edition), ({ row, event, age }) => {
      const ctx = emptyContext(resolveOptions({ edition }), plan);
      ctx.row = row.slice();
      const values: Record<string, string> = {};
      row.forEach((v, i) => {
        if (v !== undefined) values[names[i]!] = v;
      });
      ctx.values = values as RecordValues;
      ctx.event = event;
      ctx.age = age;
      const run = (settle: typeof settleLine) => {
        const unchecked = new Float64Array(nr);
        const skips = new Array<string | undefined>(nr).fill(undefined);
        const calls = new Int32Array(nr);
        const n = settle(sel, ctx.row, ctx, unchecked, skips, calls);
        return { calls: [...calls.subarray(0, n)], unchecked: [...unchecked], skips };
      };
      const compiled = run(settleLine);
      const tables = run(settleLineByTables);
      expect(compiled).toEqual(tables);
    }),
    { numRuns: runs(numRuns) },
  );
}

describe('the compiled prechecks = the tables', () => {
  it.each<EditionId>(['2016', '2011'])('edition %s: same calls, absent counts and skip reasons', (edition) => {
    compare(edition, undefined, 400);
  });

  it('with a subset of rules (`only`)', () => {
    const ids = rules('2016')
      .filter((r, i) => r.scope === 'record' && i % 3 === 0)
      .map((r) => r.id);
    compare('2016', ids, 200);
  });
});

/** The tables of one rule on row position 0 with a quick test `q`, the events numbered as `events` lists them. */
function oneRule(q: QuickPass, events: readonly string[]): SettleTables {
  const numbers = new Map(events.map((code, k) => [code, k] as const));
  const bytes = q.events === null ? null : new Uint8Array(numbers.size + 1);
  for (const code of q.events ?? []) bytes![numbers.get(code)!] = 1;
  const one = Int32Array.of(0);
  const from = Int32Array.of(0, 1);
  return {
    positions: one,
    all: one,
    allFrom: from,
    empty: one,
    emptyFrom: from,
    filled: one,
    filledFrom: from,
    emptyQuick: [q],
    filledQuick: [q],
    events: numbers,
    emptyEvents: [bytes],
    filledEvents: [bytes],
  };
}

const quick = (kind: QuickPass['kind'], more: Partial<QuickPass>): QuickPass => ({
  kind,
  format: null,
  events: null,
  min: null,
  max: null,
  condition: null,
  codes: null,
  ...more,
});

/** Codes and values of zero to three characters, ASCII or not: the tables and the Set (or Map) both answer. */
const shortText = fc.string({ unit: fc.constantFrom('1', '2', 'a', 'é', '\u0080', '\u00ff', '€'), maxLength: 3 });

describe('sets of codes and event numbers read from tables = the Set and Map', () => {
  it('a reserved code: one of the codes exactly as Set.has says (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(shortText, { maxLength: 6 }), shortText, (codes, v) => {
        const f = compileSettle(
          oneRule(quick('reserved', { codes: new Set(codes), min: 0, max: 1 }), []),
          '',
          passesFormat,
        )!;
        const ctx = { event: undefined, age: undefined, values: {} };
        const calls = new Int32Array(1);
        const n = f([v], ctx, new Float64Array(1), [], calls);
        // Age unknown: a reserved code is called, any other value passes.
        expect(n).toBe(new Set(codes).has(v) ? 1 : 0);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("the line's event: one of a test's events exactly as the Map says (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(shortText, { maxLength: 6 }),
        fc.nat(),
        fc.option(shortText, { nil: undefined }),
        (events, pick, event) => {
          const mine = new Set(events.filter((_, k) => (pick >> k) & 1));
          const f = compileSettle(oneRule(quick('events', { events: mine }), events), '', passesFormat)!;
          const calls = new Int32Array(1);
          const n = f(['x'], { event, age: undefined, values: {} }, new Float64Array(1), [], calls);
          // A filled value passes where the event is known and one of the test's.
          expect(n).toBe(event !== undefined && mine.has(event) ? 0 : 1);
        },
      ),
      { numRuns: runs(2000) },
    );
  });
});

describe('where code cannot be compiled (a Content-Security-Policy without unsafe-eval)', () => {
  it('compileSettle gives null (settleLine then reads the tables)', async () => {
    const tables = selection('2016', undefined, rules).byVariable!;
    const { value: compiled, refused } = await withoutCompiling(() =>
      compileSettle(tables, ABSENT_REASON, passesFormat),
    );
    expect(refused).toBe(1);
    expect(compiled).toBeNull();
    expect(compileSettle(tables, ABSENT_REASON, passesFormat)).toBeTypeOf('function');
  });
});
