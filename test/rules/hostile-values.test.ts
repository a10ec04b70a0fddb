/**
 * The library never throws on data (issue 12, item 7): validateRecord, parseRecord and the writers return
 * findings, issues or refusals for any JavaScript value, and no prototype is modified.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import { validateAll, validateRecord } from '../../src/rules/index.js';
import { writeAllBytes, writeAll } from '../../src/transmission/index.js';
import { runs } from '../support/runs.js';

const throwingToString = {
  toString: (): string => {
    throw new Error('toString called');
  },
};
const throwingGetter = Object.defineProperty({ TYPEV: '1' }, 'SEXE', {
  enumerable: true,
  get: () => {
    throw new Error('getter');
  },
});
const noPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {
  TYPEV: '1',
  SEXE: throwingToString,
});

const HOSTILE: Record<string, unknown> = {
  'JSON __proto__ key': JSON.parse('{"__proto__": "1", "TYPEV": "1"}'),
  'JSON __proto__ object': JSON.parse('{"__proto__": {"polluted": "yes"}, "SEXE": "1"}'),
  'constructor, hasOwnProperty, toString, valueOf keys': {
    constructor: '1',
    hasOwnProperty: '2',
    toString: '3',
    valueOf: '4',
    SEXE: '1',
  },
  'null value': { SEXE: null, TYPEV: '1' },
  'array value': { SEXE: ['1'] },
  'number value': { SEXE: 1, ANAIS: 2010 },
  'object whose toString throws': { SEXE: throwingToString },
  'getter that throws': throwingGetter,
  'frozen record': Object.freeze({ TYPEV: '1', SEXE: '9' }),
  'prototype-less record': noPrototype,
  'symbol and bigint values': { SEXE: Symbol('s'), TYPEV: 10n },
  'null record': null,
  'array record': ['1', '2'],
  'number record': 42,
  'string record': 'SEXE=1',
  'undefined record': undefined,
  '10 MB value': { SEXE: 'x'.repeat(10_000_000) },
};

function snapshotPrototypes(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
    .join('|');
}

async function exercise(value: unknown): Promise<void> {
  const v = validateRecord(value as never);
  expect(typeof v.ok).toBe('boolean');
  expect(Array.isArray(v.findings)).toBe(true);
  for (const f of v.findings) expect(f.message.length).toBeLessThan(1000);
  for (const edition of ['2016', '2011'] as const) {
    const p = parseRecord(value, { edition });
    expect(typeof p.ok).toBe('boolean');
    if (!p.ok) for (const i of p.issues) expect(i.message.length).toBeLessThan(1000);
  }
  for (const format of ['csv', 'xml'] as const) {
    const s = await writeAll([value as never], { format });
    expect(s.summary.received).toBe(1);
    expect(s.summary.written + s.summary.refused).toBe(1);
    const b = await writeAllBytes([value as never], { format });
    expect(b.summary.written + b.summary.refused).toBe(1);
  }
}

describe('hostile values: findings and issues, never an exception', () => {
  const before = snapshotPrototypes();
  for (const [name, value] of Object.entries(HOSTILE)) {
    it(name, async () => {
      await exercise(value);
      expect(snapshotPrototypes()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('a value that is not a string is a finding of its variable, by name', () => {
    const v = validateRecord({ SEXE: 1 } as never);
    expect(v.ok).toBe(false);
    expect(v.fields.SEXE?.[0]?.message).toContain('SEXE');
    const proto = validateRecord(JSON.parse('{"__proto__": 5}'));
    expect(Object.getPrototypeOf(proto.fields)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(proto.fields, '__proto__')).toBe(true);
    expect(validateRecord(null as never).ok).toBe(false);
  });
});

/** Every string of a plain-data value (keys included). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

describe('a 1 MB value gives short findings (variables[].value capped like messages)', () => {
  const big = 'x'.repeat(1_000_000);
  const digits = '1'.repeat(1_000_000);
  const records = [
    { NUMANONYM: 'A'.repeat(40), TYPEV: '1', SEXE: big },
    { NUMANONYM: 'B'.repeat(40), TYPEV: '1', SEXE: digits, ANAIS: digits, DATDECPE: `2019-01-01${big}` },
  ];
  const check = (findings: unknown[]): void => {
    expect(findings.length).toBeGreaterThan(0);
    const strings = stringsOf(findings);
    // The SEXE findings name the variable and show its value, capped: 40 characters and an ellipsis.
    expect(strings).toContain(`${'x'.repeat(40)}…`);
    for (const s of strings) {
      expect(s.length).toBeLessThan(1000);
      expect(s).not.toContain('x'.repeat(41));
      expect(s).not.toContain('1'.repeat(41));
    }
  };

  it('validateRecord', () => {
    const runs = records.map((r) => validateRecord(r, { absent: 'empty' }));
    for (const v of runs) expect(v.fields.SEXE?.length).toBeGreaterThan(0);
    check(runs.flatMap((v) => v.findings));
  });

  it('validateRecords (the path of validate --format json and the HTML report)', async () => {
    const { findings } = await validateAll(records);
    check(findings);
  });
});

describe('property: any JSON-like record', () => {
  const names = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'SEXE',
      'TYPEV',
      'NUMANONYM',
      'DATDECPE',
      'ANAIS',
      'MNAIS',
    ),
    fc.string(),
  );
  const records = fc.oneof(
    fc.dictionary(names, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(
      names,
      fc.anything({
        maxDepth: 1,
        withNullPrototype: true,
        withBigInt: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
      }),
      { maxKeys: 6 },
    ),
    fc
      .dictionary(names, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 6 })
      .map((d) => JSON.parse(JSON.stringify(d).replace(/^\{/, '{"__proto__":"1",').replace(',}', '}'))),
  );
  it('validateRecord, parseRecord and the writers return, and no prototype changes', async () => {
    const before = snapshotPrototypes();
    await fc.assert(
      fc.asyncProperty(records, async (record) => {
        await exercise(record);
        expect(snapshotPrototypes()).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: runs(300) },
    );
  });
});
