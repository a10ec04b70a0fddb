/**
 * The CLI's report links with `consume` (the linkage lets go of each part of the lines once used), lets go of the
 * rest once linked (`releaseLines`), and the indicators hold their durations in typed arrays. Differential
 * properties: the same people, measures, quality lists and report as with every line kept, and the same durations
 * as a plain reference kept here (growing lists of numbers, each group's observations picked by index, as before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MeasureFlag,
  NATURE_GROUPS,
  NO_DAY,
  analysisReport,
  buildTrajectories,
  indicators,
  kaplanMeier,
  kaplanMeierCurve,
  qualityItems,
  quartiles,
  releaseLines,
  reportCsv,
  type Trajectories,
} from '../../src/analysis/index.js';
import { synthesiseYears } from '../../src/synth/index.js';
import { runs } from '../support/runs.js';

/** Two or three yearly files of one synthetic population, with injected errors. */
const files = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    records: fc.integer({ min: 20, max: 160 }),
    errorRate: fc.constantFrom(0, 0.1, 0.3),
    years: fc.constantFrom([2022, 2023], [2021, 2022, 2023]),
  })
  .map(({ years, ...o }) =>
    synthesiseYears({ ...o, department: '84' }, [...years]).files.map((f) => ({
      file: `${f.year}.xml`,
      records: f.records as Record<string, string | undefined>[],
    })),
  );

/** The durations as the indicators computed them with plain lists (the reference). */
function plainDurations(t: Trajectories): unknown {
  const M = t.measures;
  const endedDurations: number[] = [];
  const kmTimes: number[] = [];
  const kmEnded: number[] = [];
  const kmGroup: number[] = [];
  for (let m = 0; m < M.length; m++) {
    const s = M.start[m]!;
    const e = M.end[m]!;
    const started = s !== NO_DAY;
    const endUnknown = (M.flags[m]! & MeasureFlag.END_DATE_UNKNOWN) !== 0;
    const truncated = !started || s < t.window.start || (M.flags[m]! & MeasureFlag.OPENING_MISSING) !== 0;
    if (truncated || endUnknown) continue;
    if (e !== NO_DAY) endedDurations.push(e - s);
    kmTimes.push((e !== NO_DAY ? e : t.window.end) - s);
    kmEnded.push(e !== NO_DAY ? 1 : 0);
    kmGroup.push(M.group[m]!);
  }
  const byGroup: Record<string, unknown> = {};
  const curves: Record<string, unknown> = { all: kaplanMeierCurve(kmTimes, kmEnded) };
  NATURE_GROUPS.forEach((g, gi) => {
    const idx = kmGroup.flatMap((x, i) => (x === gi ? [i] : []));
    if (idx.length) {
      byGroup[g.id] = kaplanMeier(
        idx.map((i) => kmTimes[i]!),
        idx.map((i) => kmEnded[i]!),
      );
      curves[g.id] = kaplanMeierCurve(
        idx.map((i) => kmTimes[i]!),
        idx.map((i) => kmEnded[i]!),
      );
    }
  });
  return {
    ended: quartiles(endedDurations),
    survival: kaplanMeier(kmTimes, kmEnded),
    survivalByGroup: byGroup,
    curves,
  };
}

describe('the lean report', () => {
  it('gives the report of the kept lines once the lines are released, and the durations of plain lists', async () => {
    await fc.assert(
      fc.asyncProperty(files, async (sources) => {
        const kept = await buildTrajectories(sources);
        const ind = indicators(kept, { charts: true });
        const { excluded: _, ...durations } = ind.durations;
        expect(durations).toEqual(plainDurations(kept));
        const whole = analysisReport(kept, ind);

        const lean = await buildTrajectories(sources, { consume: true });
        expect(lean.table.numanonym.length).toBe(0);
        expect(lean.lineMeasure.length + lean.linePerson.length).toBe(0);
        expect(lean.people).toEqual(kept.people);
        expect(lean.measures).toEqual(kept.measures);
        expect(lean.quality).toEqual(kept.quality);
        expect([lean.files, lean.window, lean.smallDay]).toEqual([kept.files, kept.window, kept.smallDay]);
        const quality = qualityItems(lean);
        expect(quality).toEqual(qualityItems(kept));
        releaseLines(lean);
        expect(lean.table.numanonym.length).toBe(0);
        const report = analysisReport(lean, indicators(lean, { charts: true }), quality);
        expect(JSON.stringify(report)).toBe(JSON.stringify(whole));
        expect(reportCsv(report)).toBe(reportCsv(whole));
      }),
      { numRuns: runs(12) },
    );
  });

  it('refuses new lines once consumed by the linkage', async () => {
    const t = await buildTrajectories([[{ NUMANONYM: 'a'.repeat(40), TYPEV: '1' }]], { consume: true });
    expect(() => t.table.add({ TYPEV: '1' })).toThrow(/released/);
  });

  it('refuses new lines once released', async () => {
    const t = await buildTrajectories([[{ NUMANONYM: 'a'.repeat(40), TYPEV: '1' }]]);
    releaseLines(t);
    expect(() => t.table.add({ TYPEV: '1' })).toThrow(/released/);
  });
});
