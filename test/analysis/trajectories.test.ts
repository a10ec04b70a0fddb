import { describe, expect, it } from 'vitest';
import { allMeasures, buildTrajectories, personTrajectory, qualityItems } from '../../src/analysis/index.js';
import { ID_A, ID_A2, ID_B, ID_C, accueil, aemo, line } from './fixtures.js';

describe('buildTrajectories: the guide worked examples across two years', () => {
  it('decided and started in N, ended in N+1: one measure from DATDEB to DATFIN', async () => {
    const d = aemo('2018-03-01', '2018-03-05');
    const t = await buildTrajectories([
      { file: '2018.xml', records: [line(ID_A, '1', d)] },
      { file: '2019.xml', records: [line(ID_A, '3', d, { DATFIN: '2019-03-04', MOTFININT: '1', MOTIFML: '10' })] },
    ]);
    expect(t.window).toMatchObject({ firstYear: 2018, lastYear: 2019 });
    const ms = allMeasures(t);
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({
      kind: 'judicial',
      group: 'aemo',
      nature: '15',
      decisionDate: '2018-03-01',
      start: '2018-03-05',
      end: '2019-03-04',
      renewals: 0,
      lines: 2,
      censored: false,
      openingMissing: false,
      endReason: 1,
      firstLine: '2018.xml#1',
      endLine: '2019.xml#1',
    });
    expect(t.quality.openNeverClosed).toHaveLength(0);
    expect(t.quality.endsWithoutOpening).toHaveLength(0);
  });

  it('decided in N, started in N+1, ended and renewed in N+1: one measure with one renewal, any file order', async () => {
    const decisionOnly = { ...accueil('2018-12-10', ''), DATDEB: '' };
    const started = accueil('2018-12-10', '2019-01-07');
    const renewal = accueil('2019-06-30', '2019-07-07');
    const fileN = { file: 'N.xml', records: [line(ID_A, '1', decisionOnly)] };
    const fileN1 = {
      file: 'N1.xml',
      records: [
        line(ID_A, '1', started),
        line(ID_A, '3', started, { DATFIN: '2019-07-06', MOTFININT: '1' }),
        line(ID_A, '2', renewal),
      ],
    };
    for (const order of [
      [fileN, fileN1],
      [fileN1, fileN],
    ]) {
      const t = await buildTrajectories(order);
      const ms = allMeasures(t);
      expect(ms).toHaveLength(1);
      expect(ms[0]).toMatchObject({
        kind: 'administrative',
        group: 'accueil-provisoire',
        decisionDate: '2018-12-10',
        start: '2019-01-07',
        end: null,
        renewals: 1,
        lines: 4,
        censored: true,
      });
      expect(t.quality.openNeverClosed).toHaveLength(1);
      expect(t.lineMeasure.every((m) => m === 0)).toBe(true);
    }
  });
});

describe('buildTrajectories: every opening or renewal is closed by an end (G18 p5, note)', () => {
  // G18 p5: each TYPEV 1 or TYPEV 2 event must be ended by a TYPEV 3 event, or it stays "in progress" forever.
  const opening = aemo('2018-03-01', '2018-03-05');
  const renewal = aemo('2019-03-01', '2019-03-05');
  it('an opening of N renewed in N+1 with no end line in either file is reported at the opening line', async () => {
    const t = await buildTrajectories([
      { file: '2018.xml', records: [line(ID_A, '1', opening)] },
      {
        file: '2019.xml',
        records: [line(ID_A, '2', renewal), line(ID_A, '3', renewal, { DATFIN: '2019-09-30', MOTFININT: '1' })],
      },
    ]);
    expect(Array.from(t.quality.periodsWithoutEnd)).toEqual([0]);
    const item = qualityItems(t).find((q) => q.id === 'periodsWithoutEnd')!;
    expect(item.count).toBe(1);
    expect(item.examples[0]).toContain('2018.xml');
  });
  it('the same opening with its end line in the N+1 file is not reported', async () => {
    const t = await buildTrajectories([
      { file: '2018.xml', records: [line(ID_A, '1', opening)] },
      {
        file: '2019.xml',
        records: [
          line(ID_A, '3', opening, { DATFIN: '2019-03-04', MOTFININT: '1' }),
          line(ID_A, '2', renewal),
          line(ID_A, '3', renewal, { DATFIN: '2019-09-30', MOTFININT: '1' }),
        ],
      },
    ]);
    expect(allMeasures(t)).toHaveLength(1);
    expect(t.quality.periodsWithoutEnd).toHaveLength(0);
  });
});

describe('buildTrajectories: hand-checked cases', () => {
  it('chains NUMANONYMANT across years into one person, with AED then placement in order', async () => {
    const aed = { DECISION: '1', NATPDECADM: '10', TYPINTERDOM: '2', DATDECPE: '2017-02-01', DATDEB: '2017-02-10' };
    const plac = { DECISION: '2', NATDECASSED: '17', NATDECPLAC: '2', DATDECPE: '2018-05-01', DATDEB: '2018-05-02' };
    const t = await buildTrajectories([
      {
        file: '2018',
        records: [
          line(ID_A2, '3', aed, { DATFIN: '2018-04-30', MOTFININT: '2', MOTIFML: '19' }, ID_A),
          line(ID_A2, '1', plac, {}, ID_A),
        ],
      },
      { file: '2017', records: [line(ID_A, '1', aed)] },
    ]);
    expect(t.people.length).toBe(1);
    const tr = personTrajectory(t, 0);
    expect(tr.pseudonyms).toEqual([ID_A, ID_A2].sort());
    expect(tr.measures.map((m) => [m.group, m.start, m.end])).toEqual([
      ['aed', '2017-02-10', '2018-04-30'],
      ['placement', '2018-05-02', null],
    ]);
  });

  it('classifies an end without opening by whether its DATDEB is before the first file year', async () => {
    const old = aemo('2016-01-01', '2016-01-15');
    const recent = aemo('2018-06-01', '2018-06-02');
    const t = await buildTrajectories([
      {
        file: '2018',
        records: [
          line(ID_A, '3', old, { DATFIN: '2018-01-14', MOTFININT: '1' }),
          line(ID_B, '3', recent, { DATFIN: '2018-12-01', MOTFININT: '1' }),
        ],
      },
    ]);
    expect(t.quality.endsBeforeWindow).toHaveLength(1);
    expect(t.quality.endsWithoutOpening).toHaveLength(1);
    expect(t.table.numanonym[t.quality.endsBeforeWindow[0]!]).toBe(t.table.ids.find(ID_A));
    const ms = allMeasures(t);
    expect(ms.map((m) => [m.openingMissing, m.beforeWindow, m.start, m.end])).toEqual([
      [true, true, '2016-01-15', '2018-01-14'],
      [true, false, '2018-06-02', '2018-12-01'],
    ]);
  });

  it('reports conflicting identities and keeps the most frequent value', async () => {
    const d = aemo('2018-03-01', '2018-03-05');
    const t = await buildTrajectories([
      [
        line(ID_C, '1', d),
        { ...line(ID_C, '2', aemo('2019-03-01', '2019-03-05')), SEXE: '2' },
        line(ID_C, '3', d, { DATFIN: '2019-03-04' }),
      ],
    ]);
    expect(Array.from(t.quality.conflictingIdentities)).toEqual([0]);
    expect(t.people.sex[0]).toBe(1);
    expect(allMeasures(t)[0]).toMatchObject({ renewals: 1, lines: 3, censored: true });
  });

  it('merges a line repeated in two files and counts it, and reports lines it cannot link', async () => {
    const d = aemo('2018-12-20', '2019-01-05');
    const t = await buildTrajectories([
      { file: '2018', records: [line(ID_A, '1', d), { TYPEV: '1' }] },
      { file: '2019', records: [line(ID_A, '1', d), { ...line(ID_B, '7', d) }] },
    ]);
    expect(t.measures.length).toBe(1);
    expect(t.quality.repeatedLines).toHaveLength(1);
    // Records given without a line: located by their position in their source ("#2"), never as a line (":2").
    expect(t.quality.unlinked.map((u) => [t.table.where(u.row), u.reason]).sort()).toEqual([
      ['2018#2', 'no-numanonym'],
      ['2019#2', 'bad-typev'],
    ]);
    // Every line is either in a measure or reported.
    const reported = new Set(t.quality.unlinked.map((u) => u.row));
    for (let i = 0; i < t.table.length; i++) expect(t.lineMeasure[i]! >= 0 || reported.has(i)).toBe(true);
  });

  it('pairs an end whose DATDECPE differs by DATDEB (as ONPE does) and flags it', async () => {
    const t = await buildTrajectories([
      [
        line(ID_A, '1', aemo('2018-03-01', '2018-03-05')),
        line(ID_A, '3', aemo('2018-03-02', '2018-03-05'), { DATFIN: '2018-09-01' }),
      ],
    ]);
    expect(t.measures.length).toBe(1);
    expect(t.quality.looseEnds).toHaveLength(1);
    expect(allMeasures(t)[0]!.end).toBe('2018-09-01');
  });
});

describe('buildTrajectories(sources, options?): the sources a list, the options an object', () => {
  const d = aemo('2018-03-01', '2018-03-05');
  const file2018 = { file: 'a.xml', records: [line(ID_A, '1', d)] };
  it('takes the options as the second argument, even an object with no `fileYears`', async () => {
    expect((await buildTrajectories([file2018])).files).toEqual([{ file: 'a.xml', year: 2018, lines: 1 }]);
    const given = await buildTrajectories([file2018], { fileYears: { 'a.xml': 2019 } });
    expect(given.files).toEqual([{ file: 'a.xml', year: 2019, lines: 1 }]);
    const windowed = await buildTrajectories([file2018], { window: { firstYear: 2017, lastYear: 2018 } });
    expect(windowed.window).toMatchObject({ firstYear: 2017, lastYear: 2018 });
  });
  it('takes any iterable of sources, a generator included', async () => {
    function* sources(): Generator<typeof file2018> {
      yield file2018;
      yield { file: 'b.xml', records: [line(ID_A, '3', d, { DATFIN: '2019-03-04', MOTFININT: '1' })] };
    }
    const t = await buildTrajectories(sources());
    expect(t.files.map((f) => f.file)).toEqual(['a.xml', 'b.xml']);
    expect(allMeasures(t)).toHaveLength(1);
  });
  it('refuses records given in place of sources, saying how to pass one file', async () => {
    const records = [line(ID_A, '1', d)] as unknown as Parameters<typeof buildTrajectories>[0];
    await expect(buildTrajectories(records)).rejects.toThrow(/source 1 .*buildTrajectories\(\[records\]\)/);
  });
});
