/**
 * The linkage written by `exportParquet` (young people found in SQL, measures linked batch by batch, see
 * src/export/linkage.ts) equals the in-process analysis' linkage (`linkTable` over the whole files, as
 * `olinpe report` runs it) table for table and row for row: young people, pseudonyms, measures, the person and
 * measure of every event, the data-quality list, the files' years. On synthetic multi-year files of both
 * editions (2011 migrated or kept), with injected errors, pseudonyms chained across years in any file order, and
 * hand-written lines for the corners; with batches of a few lines (every batch boundary crossed) and with one
 * batch.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DANGER_VARIABLES,
  KINDS,
  MeasureFlag,
  NATURE_GROUPS,
  NO_DAY,
  PersonFlag,
  RecordTable,
  addSource,
  dayNumber,
  linkTable,
  type LocatedRecord,
  type RecordLike,
  type Trajectories,
} from '../../src/analysis/index.js';
import { exportParquet } from '../../src/export/index.js';
import { synthesiseYears } from '../../src/synth/index.js';
import { migrate2011, readTransmission, writeAll } from '../../src/transmission/index.js';
import { ID_A, ID_A2, ID_B, ID_C, accueil, aemo, line } from '../analysis/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'olinpe-linkage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, records: RecordLike[]): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const text = [cols.join(';'), ...records.map((r) => cols.map((c) => r[c] ?? '').join(';'))].join('\n') + '\n';
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Corners: chains of pseudonyms across years written newest first, no NUMANONYM, TYPEV outside 1–3, partial dates. */
function cornerLines(): RecordLike[] {
  const p = (k: number): string => String(k).repeat(40).slice(0, 40);
  const a = aemo('2021-03-01', '2021-03-05');
  return [
    // One young person under four pseudonyms, each line naming the one before (NUMANONYMANT), newest first, and a
    // fifth pseudonym joined from the other side (its line names a later pseudonym as the earlier one).
    line(p(4), '2', aemo('2023-03-01', '2023-03-05'), {}, p(3)),
    line(p(3), '2', aemo('2022-03-01', '2022-03-05'), {}, p(2)),
    line(p(2), '3', a, { DATFIN: '2021-09-30', MOTFININT: '1' }, p(1)),
    line(p(1), '1', a, { VIOLPSY: '2', SANTE: '9' }),
    line(p(5), '1', accueil('2022-01-10', '2022-01-12'), {}, p(4)),
    line(ID_A, '1', a),
    line(ID_A2, '1', accueil('2022-01-10', '2022-01-12'), {}, ID_A),
    line(ID_B, '1', aemo('2022-02-01', '2022-02-03')),
    line(ID_B, '1', aemo('2022-02-01', '2022-02-03')),
    line(ID_B, '3', aemo('2022-02-01', '2022-02-03'), { DATFIN: '2022-08-01', MOTFININT: '2' }),
    line(ID_B, '3', aemo('2022-02-01', '2022-02-03'), { DATFIN: '2022-09-01', MOTFININT: '2' }),
    line(ID_C, '1', aemo('2022-05-99', '2022-05-99')),
    { ...line(ID_C, '1', accueil('2022-99-99', '2022-07-01')), SEXE: '2' },
    line(ID_C, '3', accueil('2022-99-99', '2022-07-01'), { DATFIN: '9999-99-99' }),
    { ...line('', '1', aemo('2022-01-01', '2022-01-01')), NUMANONYM: '' },
    { ...line('', '1', aemo('2022-01-99', '2022-01-01')), NUMANONYM: '  ' },
    line('f'.repeat(40), '7', aemo('2022-01-01', '2022-01-01')),
    line(' ' + 'E'.repeat(40), '3', aemo('2015-01-01', '2015-02-01'), { DATFIN: '2021-06-01' }),
  ];
}

let files2016: string[] = [];
const files2011: string[] = [];

beforeAll(async () => {
  const y16 = synthesiseYears({ seed: 5, records: 250, errorRate: 0.06, correctionRate: 0.2 }, [2021, 2022, 2023]);
  // CSV written here so that injected errors reach the file as they are; files given newest first.
  files2016 = [...y16.files].reverse().map((f) => csvFile(`dep84-${f.year}.csv`, f.records as RecordLike[]));
  files2016.push(csvFile('corners.csv', cornerLines()));
  const y11 = synthesiseYears({ seed: 8, records: 200, edition: '2011', correctionRate: 0.2 }, [2013, 2014, 2015]);
  for (const f of [y11.files[1]!, y11.files[2]!, y11.files[0]!]) {
    const path = join(dir, `dep31-${f.year}.xml`);
    writeFileSync(path, (await writeAll(f.records as never, { edition: '2011' })).text);
    files2011.push(path);
  }
}, 120_000);

/** The in-process analysis, as `olinpe report` runs it (2011 records migrated first). */
async function inProcess(files: string[]): Promise<Trajectories> {
  const table = new RecordTable();
  for (const file of files) {
    async function* records(): AsyncGenerator<LocatedRecord> {
      for await (const item of readTransmission(readFileSync(file), { fileName: file, checkModel: false })) {
        if (item.type !== 'record') continue;
        yield {
          values: item.edition === '2011' ? migrate2011(item.values).record : item.values,
          file,
          line: item.line,
        };
      }
    }
    await addSource(table, { file, records: records() });
  }
  return linkTable(table);
}

async function exported(
  files: string[],
  name: string,
  options: { linkageBatchLines?: number; edition2011?: 'migrate' | 'keep' },
): Promise<Record<string, Record<string, unknown>[]>> {
  const out = join(dir, name);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(out, { recursive: true });
  await exportParquet(
    files.map((file) => ({ file, items: readTransmission(readFileSync(file), { fileName: file, checkModel: false }) })),
    { outDir: out, memoryLimit: '256MB', threads: 1, staging: { fs, directory: out }, ...options },
  );
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const t of ['events', 'people', 'pseudonyms', 'measures', 'quality', 'files', 'years']) {
    tables[t] = (await parquetReadObjects({ file: await asyncBufferFromFile(join(out, `${t}.parquet`)) })) as Record<
      string,
      unknown
    >[];
  }
  return tables;
}

const orNull = (n: number): number | null => (n >= 0 ? n : null);
const dayOrNull = (d: number): number | null => (d === NO_DAY ? null : d);
const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as null));

/** The tables the in-process linkage stands for, row for row. */
function expected(t: Trajectories) {
  const { people: P, measures: M, table } = t;
  const people = Array.from({ length: P.length }, (_, p) => ({
    person_id: p,
    sex: String(P.sex[p]),
    birth_year: P.birthYear[p]! || null,
    birth_month: P.birthMonth[p]! || null,
    conflict_sex: (P.flags[p]! & PersonFlag.CONFLICT_SEX) !== 0,
    conflict_birth: (P.flags[p]! & PersonFlag.CONFLICT_BIRTH) !== 0,
    measures: P.measureStart[p + 1]! - P.measureStart[p]!,
    lines: P.lineStart[p + 1]! - P.lineStart[p]!,
    first_measure_id: P.measureStart[p + 1]! > P.measureStart[p]! ? P.measureStart[p]! : null,
  }));
  const file = (r: number): string => table.files[table.file[r]!]!;
  const flag = (m: number, f: number): boolean => (M.flags[m]! & f) !== 0;
  const measures = Array.from({ length: M.length }, (_, m) => ({
    measure_id: m,
    person_id: M.person[m],
    rank: m - P.measureStart[M.person[m]!]! + 1,
    kind: KINDS[M.kind[m]!],
    nature_group: NATURE_GROUPS[M.group[m]!]!.id,
    nature_code: table.small.get(M.nature[m]!) || null,
    decision_day: dayOrNull(M.decision[m]!),
    start_day: dayOrNull(M.start[m]!),
    end_day: dayOrNull(M.end[m]!),
    renewals: M.renewals[m],
    lines: M.lineCount[m],
    opening_missing: flag(m, MeasureFlag.OPENING_MISSING),
    before_window: flag(m, MeasureFlag.BEFORE_WINDOW),
    approximate: flag(m, MeasureFlag.APPROXIMATE),
    loose_end: flag(m, MeasureFlag.LOOSE_END),
    not_started: flag(m, MeasureFlag.NOT_STARTED),
    implicit_period_end: flag(m, MeasureFlag.IMPLICIT_PERIOD_END),
    end_date_unknown: flag(m, MeasureFlag.END_DATE_UNKNOWN),
    end_reason: M.endReason[m] ? String(M.endReason[m]) : null,
    end_reason_ml: M.endReasonMl[m] ? String(M.endReasonMl[m]) : null,
    danger: DANGER_VARIABLES.map((_, k) => [null, '1', '2', '9'][(M.danger[m]! >>> (2 * k)) & 3]),
    first_file: file(M.firstLine[m]!),
    first_line: table.line[M.firstLine[m]!],
    end_file: M.endLine[m]! >= 0 ? file(M.endLine[m]!) : null,
    end_line: M.endLine[m]! >= 0 ? table.line[M.endLine[m]!] : null,
  }));
  const personOf = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const p = t.linePerson[i]!;
    if (p < 0) continue;
    personOf.set(table.numanonym[i]!, p);
    if (table.numanonymant[i]!) personOf.set(table.numanonymant[i]!, p);
  }
  const pseudonyms = [...personOf]
    .sort(([a], [b]) => a - b)
    .map(([id, p]) => ({ numanonym: table.ids.get(id), person_id: p }));
  const events = Array.from({ length: table.length }, (_, i) => ({
    row_id: i,
    person_id: orNull(t.linePerson[i]!),
    measure_id: orNull(t.lineMeasure[i]!),
  }));
  const quality: unknown[] = [];
  const q = t.quality;
  const row = (
    category: string,
    r: number,
    measure: number | null,
    person: number | null,
    reason: string | null = null,
  ): void => {
    quality.push({
      n: quality.length,
      category,
      file: file(r),
      line: table.line[r],
      person_id: person ?? orNull(t.linePerson[r]!),
      measure_id: measure ?? orNull(t.lineMeasure[r]!),
      reason,
    });
  };
  for (const k of [
    'endsWithoutOpening',
    'endsBeforeWindow',
    'renewalsWithoutOpening',
    'renewalsBeforeWindow',
    'conflictingEnds',
    'looseEnds',
    'repeatedLines',
    'periodsWithoutEnd',
  ] as const)
    for (const r of q[k]) row(k, r, null, null);
  for (const k of ['openNeverClosed', 'notStarted'] as const)
    for (const m of q[k]) row(k, M.firstLine[m]!, m, M.person[m]!);
  for (const p of q.conflictingIdentities) row('conflictingIdentities', P.lineOrder[P.lineStart[p]!]!, null, p);
  for (const u of q.unlinked) row('unlinked', u.row, null, null, u.reason);
  const approx = (id: number): boolean => dayNumber(table.small.get(id)).approximate;
  for (let r = 0; r < table.length; r++)
    if (approx(table.cols.DATDECPE[r]!) || approx(table.cols.DATDEB[r]!) || approx(table.cols.DATFIN[r]!))
      row('approximateDates', r, null, null);
  return { people, measures, pseudonyms, events, quality, window: t.window, files: t.files };
}

function check(tables: Record<string, Record<string, unknown>[]>, t: Trajectories): void {
  const want = expected(t);
  expect(tables.people).toEqual(want.people);
  expect(tables.pseudonyms).toEqual(want.pseudonyms);
  const measures = tables.measures!.map((m) => {
    const { decision_date, start_date, end_date, ...rest } = m;
    // The DATE columns say the same days as the day numbers.
    expect([iso(decision_date), iso(start_date), iso(end_date)]).toEqual(
      [m.decision_day, m.start_day, m.end_day].map((d) =>
        d === null ? null : new Date((d as number) * 86_400_000).toISOString().slice(0, 10),
      ),
    );
    const danger = DANGER_VARIABLES.map((v) => rest[`danger_${v}`]);
    for (const v of DANGER_VARIABLES) delete rest[`danger_${v}`];
    return { ...rest, danger };
  });
  expect(measures).toEqual(want.measures);
  expect(tables.events!.map((e) => ({ row_id: e.row_id, person_id: e.person_id, measure_id: e.measure_id }))).toEqual(
    want.events,
  );
  expect(tables.quality).toEqual(want.quality);
  expect(
    tables.files!.filter((f) => (f.lines as number) > 0).map((f) => ({ file: f.file, year: f.year, lines: f.lines })),
  ).toEqual(want.files);
  const years = tables.years!;
  expect(years.map((y) => y.year)).toEqual(
    Array.from({ length: want.window.lastYear - want.window.firstYear + 1 }, (_, k) => want.window.firstYear + k),
  );
  expect(years.every((y) => y.window_start_n === want.window.start && y.window_end_n === want.window.end)).toBe(true);
}

describe('the exported linkage equals the in-process analysis', () => {
  it('2016 files with errors, chained pseudonyms and corners: batches of 7 lines and one batch', async () => {
    const t = await inProcess(files2016);
    // Not vacuous: chains across pseudonyms, several batches, every kind of quality item.
    expect(t.people.length).toBeGreaterThan(100);
    expect(
      t.quality.unlinked.some((u) => u.reason === 'no-numanonym') &&
        t.quality.unlinked.some((u) => u.reason === 'bad-typev'),
    ).toBe(true);
    for (const k of [
      'looseEnds',
      'conflictingEnds',
      'repeatedLines',
      'conflictingIdentities',
      'endsBeforeWindow',
      'openNeverClosed',
      'periodsWithoutEnd',
    ] as const)
      expect(t.quality[k].length, k).toBeGreaterThan(0);
    const chained = new Set<number>();
    for (let i = 0; i < t.table.length; i++)
      if (t.table.numanonymant[i] && t.table.numanonymant[i] !== t.table.numanonym[i]) chained.add(t.linePerson[i]!);
    expect(chained.size).toBeGreaterThan(5);
    check(await exported(files2016, 'small-batches', { linkageBatchLines: 7 }), t);
    check(await exported(files2016, 'one-batch', {}), t);
  }, 180_000);

  it('2011 files (migrated, or kept with their columns) and both editions together', async () => {
    const t11 = await inProcess(files2011);
    expect(t11.measures.length).toBeGreaterThan(50);
    check(await exported(files2011, 'e2011-migrate', { linkageBatchLines: 13 }), t11);
    check(await exported(files2011, 'e2011-keep', { linkageBatchLines: 13, edition2011: 'keep' }), t11);
    const both = [...files2011, ...files2016];
    check(await exported(both, 'both', { linkageBatchLines: 101 }), await inProcess(both));
  }, 180_000);
});
