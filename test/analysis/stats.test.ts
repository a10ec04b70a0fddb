/**
 * Kaplan–Meier (src/analysis/stats.ts): the quartiles are read from the curve, and both follow the estimator's
 * definition, written plainly here (at each time with an end, the share still running is multiplied by one minus
 * the ends over those still at risk), with censored observations and ties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierCurve } from '../../src/analysis/index.js';
import { runs } from '../support/runs.js';

function reference(times: number[], ended: number[]) {
  const curve: { times: number[]; values: number[] } = { times: [], values: [] };
  let s = 1;
  for (const t of [...new Set(times)].sort((a, b) => a - b)) {
    const atRisk = times.filter((x) => x >= t).length;
    const ends = times.filter((x, i) => x === t && ended[i]).length;
    if (ends === 0) continue;
    s *= 1 - ends / atRisk;
    curve.times.push(t);
    curve.values.push(s);
  }
  const at = (share: number): number | null => {
    for (let i = 0; i < curve.values.length; i++) if (curve.values[i]! <= share + 1e-12) return curve.times[i]!;
    return null;
  };
  const events = ended.filter(Boolean).length;
  return {
    curve,
    quartiles: {
      count: times.length,
      events,
      censored: times.length - events,
      q1: at(0.75),
      median: at(0.5),
      q3: at(0.25),
    },
  };
}

describe('Kaplan–Meier', () => {
  it('gives the curve and the quartiles of the plain definition, censoring and ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1 })), { maxLength: 60 }),
        (obs) => {
          const times = obs.map(([t]) => t);
          const ended = obs.map(([, e]) => e);
          const expected = reference(times, ended);
          expect(kaplanMeierCurve(times, ended)).toEqual(expected.curve);
          expect(kaplanMeier(times, ended)).toEqual(expected.quartiles);
        },
      ),
      { numRuns: runs(1000) },
    );
    expect(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1])).toEqual({
      count: 4,
      events: 4,
      censored: 0,
      q1: 1,
      median: 2,
      q3: 3,
    });
  });
});
