/**
 * The two rules on NUMANONYMANT (OL-YP-008: one young person, two of them; OL-YP-009: one of them, two young
 * people) share one index of the run's NUMANONYMANT in lower case (src/rules/cross-rules.ts, `antsOf`), and
 * OL-YP-008 keeps a young person's first one as its number there and how it is written. They find exactly what
 * their plain form below finds (strings in Maps, compared in lower case), whether they run together (one index),
 * apart (an index each) or alone, on fast-check lines with pseudonyms in every case and texts that are not
 * pseudonyms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossRules } from '../../src/rules/cross-rules.js';
import { LineRef, resolveOptions } from '../../src/rules/line.js';
import { placeOf, placeText } from '../../src/rules/messages.js';
import { People } from '../../src/rules/people.js';
import type { CrossRule, RawFinding, RecordContext, RecordRef, RecordValues } from '../../src/rules/index.js';
import { runs } from '../support/runs.js';

const chain = crossRules.find((r) => r.id === 'OL-YP-008')!;
const shared = crossRules.find((r) => r.id === 'OL-YP-009')!;

const plainRef = (r: RecordRef | undefined) =>
  r && { index: r.index, line: r.line, numanonym: r.numanonym, key: r.key };
const plain = (list: RawFinding[]) => list.map((f) => ({ ...f, at: plainRef(f.at) }));

function feed(items: RecordValues[], observe: (ctx: RecordContext, ref: RecordRef) => void): void {
  const people = new People();
  items.forEach((values, i) => {
    const numanonym = values.NUMANONYM;
    const ref = new LineRef(i, i % 3 === 0 ? undefined : i + 2, numanonym || undefined, values);
    const person = numanonym ? people.idOf(numanonym) : -1;
    const personLower = numanonym ? people.lastLower : -1;
    observe({ values, person, personLower, pseudonymOf: (p) => people.textOf(p) } as RecordContext, ref);
  });
}

/** The findings of some of the two rules, run with one options object (one index) or a copy each. */
function ours(items: RecordValues[], list: CrossRule<unknown>[], together: boolean): RawFinding[][] {
  const o = resolveOptions({});
  const states = list.map((r) => r.init(together ? o : { ...o }));
  feed(items, (ctx, ref) => {
    for (let k = 0; k < list.length; k++) list[k]!.observe(states[k], ctx, ref);
  });
  return list.map((r, k) =>
    plain(r.finish(states[k], o, { records: items.length, columns: new Map() }) as RawFinding[]),
  );
}

/** OL-YP-008 and OL-YP-009 with strings in Maps. */
function reference(items: RecordValues[]): [RawFinding[], RawFinding[]] {
  const first = new Map<number, { ant: string; place: number }>();
  const other = new Map<number, { ant: string; ref: RecordRef }>();
  const slots = new Map<string, { person: number; place: number; other?: RecordRef }>();
  feed(items, (ctx, ref) => {
    const ant = ctx.values.NUMANONYMANT;
    if (ctx.person < 0 || !ant) return;
    const f = first.get(ctx.person);
    if (f === undefined) first.set(ctx.person, { ant, place: placeOf(ref) });
    else if (!other.has(ctx.person) && f.ant.toLowerCase() !== ant.toLowerCase())
      other.set(ctx.person, { ant, ref: plainRef(ref)! });
    const slot = slots.get(ant.toLowerCase());
    if (slot === undefined) slots.set(ant.toLowerCase(), { person: ctx.personLower, place: placeOf(ref) });
    else if (slot.other === undefined && slot.person !== ctx.personLower) slot.other = plainRef(ref)!;
  });
  const persons = [...other.keys()].sort(
    (a, b) => Math.abs(first.get(a)!.place) - Math.abs(first.get(b)!.place) || a - b,
  );
  const chained = persons.map((p) => ({
    at: other.get(p)!.ref,
    params: { firstAt: placeText(first.get(p)!.place) },
    variables: [{ name: 'NUMANONYMANT', value: other.get(p)!.ant, expected: first.get(p)!.ant }],
  }));
  const sharedOnes = [...slots.values()]
    .filter((s) => s.other !== undefined)
    .map((s) => ({ at: s.other, params: { firstAt: placeText(s.place) }, variables: [{ name: 'NUMANONYMANT' }] }));
  return [chained, sharedOnes];
}

const HEX = ['a'.repeat(40), 'A'.repeat(40), `${'a'.repeat(39)}B`, `${'0'.repeat(39)}1`, 'b'.repeat(40)];
const TEXTS = ['AB12', 'ab12', 'ß', 'SS', 'İ', 'i̇', 'x'.repeat(60), 'X'.repeat(60)];
const lineArb: fc.Arbitrary<RecordValues> = fc.record({
  NUMANONYM: fc.option(fc.constantFrom(...HEX, 'AB12', ''), { nil: undefined, freq: 6 }),
  NUMANONYMANT: fc.option(fc.constantFrom(...HEX, ...TEXTS, ''), { nil: undefined, freq: 6 }),
});

describe('OL-YP-008 and OL-YP-009 over one index of NUMANONYMANT', () => {
  it('find what their plain form finds, together, apart or alone (property)', () => {
    const found = [0, 0];
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (items) => {
        const [c, s] = reference(items);
        found[0]! += c.length;
        found[1]! += s.length;
        expect(ours(items, [chain, shared], true)).toStrictEqual([c, s]);
        expect(ours(items, [shared, chain], true)).toStrictEqual([s, c]);
        expect(ours(items, [chain, shared], false)).toStrictEqual([c, s]);
        expect(ours(items, [chain], true)).toStrictEqual([c]);
        expect(ours(items, [shared], true)).toStrictEqual([s]);
      }),
      { numRuns: runs(300) },
    );
    expect(found[0]).toBeGreaterThan(0);
    expect(found[1]).toBeGreaterThan(0);
  });
});
