import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTrajectories, indicatorAgeBand, indicators, kaplanMeier, quartiles } from '../../src/analysis/index.js';
import { ID_A, ID_B, ID_C, accueil, aemo, line } from './fixtures.js';

describe('stats', () => {
  it('quartiles by interpolation', () => {
    expect(quartiles([1, 2, 3, 4, 5])).toEqual({ count: 5, q1: 2, median: 3, q3: 4 });
    expect(quartiles([]).median).toBeNull();
  });
  it('Kaplan–Meier equals the empirical quantile without censoring, and is null when the curve stays high', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const km = kaplanMeier(
          xs,
          xs.map(() => 1),
        );
        const s = [...xs].sort((a, b) => a - b);
        expect(km.median).toBe(s[Math.ceil(s.length / 2) - 1]);
        expect(km.events).toBe(xs.length);
      }),
    );
    expect(kaplanMeier([1, 2, 3, 4], [1, 0, 0, 0]).median).toBeNull();
  });
  it('age bands', () => {
    expect([0, 3, 10, 14, 17, 18, 21, -1].map(indicatorAgeBand)).toEqual([
      '0-2',
      '3-5',
      '6-10',
      '11-14',
      '15-17',
      '18-20',
      '21+',
      'inconnu',
    ]);
  });
});

describe('indicators on hand-checked trajectories', () => {
  it('counts stock, flows, durations, sequences and re-entries', async () => {
    // A: AEMO 2018-03-05 → 2019-03-04, then placement from 2019-06-01 (re-entry after 89 days), still running.
    // B: accueil provisoire 2019-02-01 → 2019-08-01 (girl, born 2003-01: 16 at entry).
    // C: end in 2019 of an AEMO started in 2016 (before the files).
    const a1 = aemo('2018-03-01', '2018-03-05');
    const a2 = { DECISION: '2', NATDECASSED: '17', NATDECPLAC: '2', DATDECPE: '2019-05-30', DATDEB: '2019-06-01' };
    const b1 = accueil('2019-01-30', '2019-02-01');
    const c1 = aemo('2016-01-01', '2016-01-15');
    const t = await buildTrajectories([
      { file: '2018', records: [line(ID_A, '1', a1, { VIOLPSY: '2', VIOLCONJ: '2', SANTE: '1' })] },
      {
        file: '2019',
        records: [
          line(ID_A, '3', a1, { DATFIN: '2019-03-04', MOTFININT: '2', MOTIFML: '10' }),
          line(ID_A, '1', a2, { NEGLIG: '2' }),
          { ...line(ID_B, '1', b1), SEXE: '2', ANAIS: '2003', MNAIS: '01' },
          {
            ...line(ID_B, '3', b1, { DATFIN: '2019-08-01', MOTFININT: '1', MOTIFML: '15' }),
            SEXE: '2',
            ANAIS: '2003',
            MNAIS: '01',
          },
          line(ID_C, '3', c1, { DATFIN: '2019-01-14', MOTFININT: '1' }),
        ],
      },
    ]);
    const ind = indicators(t);
    expect(ind.referenceYear).toBe(2019);
    expect(ind.measuresInProgress).toMatchObject({ total: 1, byGroup: { placement: 1 }, byKind: { judicial: 1 } });
    expect(ind.peopleInProgress).toMatchObject({ total: 1, bySex: { masculin: 1 }, byAgeBand: { '11-14': 1 } });
    expect(ind.measureEntries).toMatchObject({
      total: 2,
      byGroup: { placement: 1, 'accueil-provisoire': 1 },
      byAgeBand: { '15-17': 1, '11-14': 1 },
    });
    expect(ind.measureExits.total).toBe(3);
    expect(ind.peopleEntries.total).toBe(2); // A's re-entry and B
    expect(ind.peopleExits.total).toBe(3); // A (first spell ended 2019-03-04, then re-entered), B, and C
    expect(ind.reentries).toMatchObject({ people: 1, count: 1, gapDays: { median: 89 } });
    expect(ind.endReasons.motfinint).toEqual({ '1': 2, '2': 1 });
    expect(ind.durations.ended).toMatchObject({ count: 2 });
    expect(ind.durations.ended.median).toBe((364 + 181) / 2);
    expect(ind.durations.survival).toMatchObject({ count: 3, events: 2, censored: 1 });
    expect(ind.firstMeasures).toEqual({
      byGroup: { aemo: 1, 'accueil-provisoire': 1 },
      byKind: { judicial: 1, administrative: 1 },
      startedBefore: 1,
    });
    expect(ind.sequences).toEqual(
      expect.arrayContaining([
        { sequence: ['aemo', 'placement'], count: 1 },
        { sequence: ['…', 'aemo'], count: 1 },
      ]),
    );
    expect(ind.dangerAtEntry.measures).toBe(2);
    expect(ind.dangerAtEntry.byVariable.NEGLIG).toEqual({ oui: 1, non: 0, nsp: 0, vide: 1 });
    expect(ind.series.map((s) => [s.year, s.measuresInProgress, s.peopleInProgress])).toEqual([
      [2018, 2, 2],
      [2019, 1, 1],
    ]); // 2018: A and C (running since 2016)
    expect(ind.monthly).toHaveLength(24);
    expect(ind.quality).toMatchObject({ endsBeforeWindow: 1, openNeverClosed: 1 });
    expect(ind.pyramid[11]).toMatchObject({ boys: 1 });
  });
});
