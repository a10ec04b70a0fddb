/**
 * Properties on generated data: on synth files for three consecutive years (given in shuffled order),
 * buildTrajectories rebuilds every generated measure with its dates and every trajectory, and the
 * report's counts equal the generator's ground truth.
 */
import { describe, expect, it } from 'vitest';
import { buildTrajectories, dayNumber, indicators, measureView } from '../../src/analysis/index.js';
import { synthesiseYears } from '../../src/synth/synthesise.js';

const YEARS = [2021, 2022, 2023];

describe.each([1, 4, 7, 2024])('synth seed %i, three consecutive years', (seed) => {
  it('rebuilds 100% of the generated measures and trajectories, and the counts of the ground truth', async () => {
    const { files, truth } = synthesiseYears({ seed, records: 400 }, YEARS);
    const order = seed % 2 ? [files[2]!, files[0]!, files[1]!] : [files[1]!, files[2]!, files[0]!];
    const offset = new Map<number, number>();
    let n = 0;
    for (const f of order) {
      offset.set(f.year, n);
      n += f.records.length;
    }
    const t = await buildTrajectories(order.map((f) => ({ file: `${f.year}.xml`, records: f.records })));
    expect(t.table.length).toBe(n);
    expect(t.window).toMatchObject({ firstYear: 2021, lastYear: 2023 });
    const lastDay = dayNumber('2023-12-31').day;

    const measureOfTruth = new Map<string, number>();
    for (const m of truth.measures) {
      const rows = m.events.filter((e) => e.recordIndex !== null).map((e) => offset.get(e.year)! + e.recordIndex!);
      expect(rows.length, m.id).toBeGreaterThan(0);
      const ours = new Set(rows.map((r) => t.lineMeasure[r]!));
      expect([...ours], `${m.id}: all its lines in one measure`).toHaveLength(1);
      const i = [...ours][0]!;
      expect(i).toBeGreaterThanOrEqual(0);
      measureOfTruth.set(m.id, i);
      const v = measureView(t, i);
      expect(v.lines, m.id).toBe(rows.length);
      expect(v.kind).toBe(m.kind);
      expect(v.nature).toBe(m.nature);
      // The truth leaves `end` null when a renewal follows after the last file; the files alone then show an end
      // line on the last day of the window (its renewal is in a future file): that is what can be rebuilt.
      const inFiles = m.events.filter((e) => e.recordIndex !== null);
      const lastInFiles = inFiles[inFiles.length - 1]!;
      const expectedEnd = m.end ?? (lastInFiles.typev === '3' ? lastInFiles.datfin : null);
      if (m.end === null && expectedEnd !== null) expect(expectedEnd).toBe('2023-12-31');
      expect(v.end, m.id).toBe(expectedEnd);
      const openingInFiles = m.events.some((e) => e.recordIndex !== null && e.typev === '1');
      if (openingInFiles) {
        expect(v.openingMissing).toBe(false);
        expect(v.decisionDate, m.id).toBe(m.decisionDate);
        const started = m.events.some((e) => e.recordIndex !== null && e.typev === '1' && e.role !== 'decision');
        expect(v.start, m.id).toBe(started ? m.start : null);
        const renewalsInFiles = m.events.filter((e) => e.recordIndex !== null && e.typev === '2').length;
        expect(v.renewals, m.id).toBe(renewalsInFiles);
      } else {
        expect(v.openingMissing, m.id).toBe(true);
      }
    }
    // Distinct truth measures are distinct rebuilt measures, and nothing else was rebuilt.
    expect(new Set(measureOfTruth.values()).size).toBe(truth.measures.length);
    expect(t.measures.length).toBe(truth.measures.length);
    expect(t.quality.unlinked).toHaveLength(0);

    // Trajectories: one person per generated young person, measures in the same order.
    expect(t.people.length).toBe(truth.trajectories.length);
    for (const tr of truth.trajectories) {
      const ours = tr.measures.map((id) => measureOfTruth.get(id)!);
      const persons = new Set(ours.map((i) => t.measures.person[i]!));
      expect(persons.size, tr.youngPerson).toBe(1);
      const p = [...persons][0]!;
      const all = [];
      for (let i = t.people.measureStart[p]!; i < t.people.measureStart[p + 1]!; i++) all.push(i);
      expect([...ours].sort((a, b) => a - b)).toEqual(all);
    }

    // Report counts equal the ground truth.
    const ind = indicators(t);
    const running = truth.measures.filter((m) => {
      const s = dayNumber(m.start).day;
      const started =
        m.events.some((e) => e.recordIndex !== null && e.typev !== '3' && e.role !== 'decision') ||
        m.events.some((e) => e.recordIndex !== null && e.typev === '3');
      const inFiles = m.events.filter((e) => e.recordIndex !== null);
      const last = inFiles[inFiles.length - 1]!;
      const end = m.end ?? (last.typev === '3' ? last.datfin : null);
      return started && s <= lastDay && (end === null || dayNumber(end).day > lastDay);
    });
    expect(ind.measuresInProgress.total).toBe(running.length);
    const endedIn2023 = truth.measures.filter((m) => {
      const inFiles = m.events.filter((e) => e.recordIndex !== null);
      const last = inFiles[inFiles.length - 1]!;
      return (m.end ?? (last.typev === '3' ? last.datfin : null))?.startsWith('2023');
    }).length;
    expect(ind.measureExits.total).toBe(endedIn2023);
    expect(ind.quality.conflictingIdentities).toBe(0);
  });
});
