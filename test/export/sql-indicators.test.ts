/**
 * The indicators written as SQL views (sql/indicators.sql), computed by DuckDB from the Parquet files of
 * `olinpe export`, equal the in-process indicators of `olinpe report` (src/analysis) figure for figure, on
 * synthetic files of three years (with injected errors) plus hand-written lines for every data-quality case;
 * and on clean files both equal the generator's ground truth. Both commands run as a user runs them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dayNumber, type AnalysisReport, type RecordLike } from '../../src/analysis/index.js';
import {
  INDICATOR_VIEWS,
  INDICATOR_VIEW_NAMES,
  SEQUENCES_VIEW_DUCKDB,
  SEQUENCES_VIEW_SPARK,
  indicatorStatements,
} from '../../src/export/index.js';
import { synthesiseYears } from '../../src/synth/index.js';
import { ID_A, ID_A2, ID_B, ID_C, accueil, aemo, line } from '../analysis/fixtures.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'olinpe-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, records: RecordLike[]): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const text = [cols.join(';'), ...records.map((r) => cols.map((c) => r[c] ?? '').join(';'))].join('\n') + '\n';
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Lines for every category of the data-quality table and the corners of the indicators. */
function edgeLines(): RecordLike[] {
  const a = aemo('2021-03-01', '2021-03-05');
  const b = accueil('2022-01-10', '2022-01-12');
  const d = 'd'.repeat(40);
  const e = 'e'.repeat(40);
  const f = 'f'.repeat(40);
  const g = '1'.repeat(40);
  return [
    // A: AEMO 2021 ended 2021-09-30, re-entry in 2022 (accueil provisoire), still running; the 2022 line carries the
    // pseudonym of the year before (NUMANONYMANT) under a new one.
    line(ID_A, '1', a, { VIOLPSY: '2', NEGLIG: '1', SANTE: '9' }),
    line(ID_A, '3', a, { DATFIN: '2021-09-30', MOTFININT: '1', MOTIFML: '10' }),
    line(ID_A2, '1', b, {}, ID_A),
    // Repeated line, conflicting end (second DATFIN), loose end (DATDECPE differs).
    line(ID_B, '1', aemo('2022-02-01', '2022-02-03')),
    line(ID_B, '1', aemo('2022-02-01', '2022-02-03')),
    line(ID_B, '3', aemo('2022-02-01', '2022-02-03'), { DATFIN: '2022-08-01', MOTFININT: '2' }),
    line(ID_B, '3', aemo('2022-02-01', '2022-02-03'), { DATFIN: '2022-09-01', MOTFININT: '2' }),
    line(ID_B, '1', accueil('2022-04-01', '2022-04-02')),
    line(ID_B, '3', accueil('2022-03-30', '2022-04-02'), { DATFIN: '2023-01-15', MOTFININT: '3' }),
    // C: conflicting identity (SEXE), partial dates (day and month unknown), end date unknown.
    line(ID_C, '1', aemo('2022-05-99', '2022-05-99')),
    { ...line(ID_C, '1', accueil('2022-99-99', '2022-07-01')), SEXE: '2' },
    line(ID_C, '3', accueil('2022-99-99', '2022-07-01'), { DATFIN: '9999-99-99' }),
    // D: decided, never started; a renewal with no opening; unknown decision kind; young adult born 2003.
    line(d, '1', accueil('2022-06-01', ''), { ANAIS: '2003', MNAIS: '02' }),
    line(d, '2', aemo('2022-06-10', '2022-06-10'), { ANAIS: '2003', MNAIS: '02' }),
    line(d, '1', { DECISION: '', DATDECPE: '2022-10-01', DATDEB: '2022-10-02' }, { ANAIS: '2003', MNAIS: '02' }),
    // E: end of a measure opened before the files; no NUMANONYM; TYPEV outside 1–3.
    line(e, '3', aemo('2015-01-01', '2015-02-01'), {
      DATFIN: '2021-06-01',
      MOTFININT: '4',
      ANAIS: '9999',
      MNAIS: '99',
    }),
    { ...line('', '1', aemo('2022-01-01', '2022-01-01')), NUMANONYM: '' },
    line(f, '7', aemo('2022-01-01', '2022-01-01')),
    // G: an opening renewed with no end line of its own (G18 p5: every opening or renewal is ended by a TYPEV 3).
    line(g, '1', aemo('2021-04-01', '2021-04-02')),
    line(g, '2', aemo('2022-04-01', '2022-04-02')),
  ];
}

async function reports(
  files: string[],
  name: string,
  year?: string,
): Promise<{ memory: AnalysisReport; duckdb: AnalysisReport }> {
  const out = join(dir, name);
  const yearArgs = year ? ['--year', year] : [];
  const exp = await cli(['export', ...files, '--to', 'parquet', '--out', out]);
  expect(exp.code, exp.stderr).toBe(0);
  const memory = await cli(['report', ...files, '--format', 'json', ...yearArgs]);
  expect(memory.code, memory.stderr).toBe(0);
  const duck = await cli(['report', '--engine', 'duckdb', out, '--format', 'json', ...yearArgs]);
  expect(duck.code, duck.stderr).toBe(0);
  return { memory: JSON.parse(memory.stdout) as AnalysisReport, duckdb: JSON.parse(duck.stdout) as AnalysisReport };
}

async function writeYears(
  seed: number,
  errorRate: number,
  prefix: string,
): Promise<{ files: string[]; truth: ReturnType<typeof synthesiseYears>['truth'] }> {
  const { files, truth } = synthesiseYears({ seed, records: 400, errorRate }, [2021, 2022, 2023]);
  const paths: string[] = [];
  for (const f of [files[2]!, files[0]!, files[1]!]) {
    // CSV written here so that injected errors reach the file as they are (the writer would refuse them).
    paths.push(csvFile(`${prefix}-${f.year}.csv`, f.records as RecordLike[]));
  }
  return { files: paths, truth };
}

describe('indicators in SQL (DuckDB over Parquet) equal the in-process indicators', () => {
  it('on three synthetic years with injected errors plus every data-quality case, for the last and an earlier year', async () => {
    const { files } = await writeYears(21, 0.08, 'messy');
    files.push(csvFile('edge.csv', edgeLines()));
    for (const year of [undefined, '2022']) {
      const { memory, duckdb } = await reports(files, `messy-${year ?? 'last'}`, year);
      // Not vacuous: the data reach every part of the report.
      const q = memory.indicators.quality;
      for (const k of [
        'periodsWithoutEnd',
        'looseEnds',
        'conflictingEnds',
        'repeatedLines',
        'conflictingIdentities',
        'notStarted',
        'endsBeforeWindow',
        'renewalsWithoutOpening',
        'unlinkedLines',
        'approximateDates',
      ])
        expect(q[k], k).toBeGreaterThan(0);
      expect(memory.indicators.reentries.count).toBeGreaterThan(0);
      expect(memory.indicators.youngAdults.count).toBeGreaterThan(0);
      expect(memory.indicators.durations.survival.median).not.toBeNull();
      expect(memory.indicators.measuresInProgress.byGroup.inconnue).toBeGreaterThan(0);
      // The whole report, figure for figure.
      for (const k of Object.keys(memory.indicators) as (keyof AnalysisReport['indicators'])[])
        expect(duckdb.indicators[k], k).toEqual(memory.indicators[k]);
      expect(duckdb.quality).toEqual(memory.quality);
      expect(duckdb.files).toEqual(memory.files);
    }
  });

  it('on clean synthetic years, both equal the ground truth of the generator', async () => {
    const { files, truth } = await writeYears(7, 0, 'clean');
    const { memory, duckdb } = await reports(files, 'clean');
    const lastDay = dayNumber('2023-12-31').day;
    const endOf = (m: (typeof truth.measures)[number]): string | null => {
      const inFiles = m.events.filter((e) => e.recordIndex !== null);
      const last = inFiles[inFiles.length - 1]!;
      return m.end ?? (last.typev === '3' ? last.datfin : null);
    };
    const started = (m: (typeof truth.measures)[number]): boolean =>
      m.events.some((e) => e.recordIndex !== null && e.typev !== '3' && e.role !== 'decision') ||
      m.events.some((e) => e.recordIndex !== null && e.typev === '3');
    const running = truth.measures.filter((m) => {
      const end = endOf(m);
      return started(m) && dayNumber(m.start).day <= lastDay && (end === null || dayNumber(end).day > lastDay);
    }).length;
    const exits = truth.measures.filter((m) => endOf(m)?.startsWith('2023')).length;
    for (const r of [memory, duckdb]) {
      expect(r.indicators.quality.measures).toBe(truth.measures.length);
      expect(r.indicators.quality.people).toBe(truth.trajectories.length);
      expect(r.indicators.measuresInProgress.total).toBe(running);
      expect(r.indicators.measureExits.total).toBe(exits);
    }
    expect(duckdb.indicators).toEqual(memory.indicators);
  });

  it('sql/indicators.sql is the text the library runs and writes beside the Parquet files', async () => {
    for (const [file, text] of [
      ['indicators.sql', INDICATOR_VIEWS],
      ['sequences.duckdb.sql', SEQUENCES_VIEW_DUCKDB],
      ['sequences.spark.sql', SEQUENCES_VIEW_SPARK],
    ] as const) {
      expect(text, file).toBe(readFileSync(new URL(`../../sql/${file}`, import.meta.url), 'utf8'));
      expect(readFileSync(join(dir, 'clean', file), 'utf8'), file).toBe(text);
    }
    expect(indicatorStatements(INDICATOR_VIEWS + SEQUENCES_VIEW_DUCKDB)).toHaveLength(INDICATOR_VIEW_NAMES.length);
    // The two forms of the sequences view differ in the aggregation only.
    const aggregation = /string_agg\(.*?ORDER BY s\.rank\)|array_join\(.*\), ' → '\)/;
    expect(SEQUENCES_VIEW_SPARK.replace(aggregation, 'AGG').split('\n').slice(2)).toEqual(
      SEQUENCES_VIEW_DUCKDB.replace(aggregation, 'AGG').split('\n').slice(2),
    );
    // Every view is documented in the observatories' guide.
    const guide = readFileSync(new URL('../../docs/guides/parquet.md', import.meta.url), 'utf8');
    for (const v of INDICATOR_VIEW_NAMES) expect(guide, v).toContain(v);
  });

  it('--engine duckdb on a directory that is no export exits with 2', async () => {
    const r = await cli(['report', '--engine', 'duckdb', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("n'est pas un dossier écrit par olinpe export");
    expect((await cli(['report', '--engine', 'spark', dir])).code).toBe(2);
  });
});
