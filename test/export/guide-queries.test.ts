/**
 * docs/guides/parquet.md: the DuckDB loading block and the three queries run as written (the `.read` lines of the
 * DuckDB shell included) on an export of synthetic files, and their results equal the in-process analysis.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTrajectories,
  indicators,
  allMeasures,
  quartiles,
  type RecordLike,
  type Trajectories,
} from '../../src/analysis/index.js';
import { indicatorStatements } from '../../src/export/index.js';
import { synthesiseYears } from '../../src/synth/index.js';
import { cli } from '../support/cli.js';

const guide = readFileSync(new URL('../../docs/guides/parquet.md', import.meta.url), 'utf8');
const duckSection = guide.slice(guide.indexOf('## Dans DuckDB'), guide.indexOf('## Sur Spark SQL'));
const blocks = [...duckSection.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);

const dir = mkdtempSync(join(tmpdir(), 'olinpe-guide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let t: Trajectories;
type Row = Record<string, unknown>;
let run: (sql: string) => Promise<Row[]>;

beforeAll(async () => {
  const { files } = synthesiseYears({ seed: 9, records: 400, department: '13' }, [2021, 2022, 2023]);
  const paths = files.map((f) => {
    const records = f.records as RecordLike[];
    const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const path = join(dir, `dep13-${f.year}.csv`);
    writeFileSync(
      path,
      `${[cols.join(';'), ...records.map((r) => cols.map((c) => r[c] ?? '').join(';'))].join('\n')}\n`,
    );
    return path;
  });
  mkdirSync(join(dir, 'work'));
  const r = await cli(['export', ...paths, '--to', 'parquet', '--out', 'parquet'], { cwd: join(dir, 'work') });
  expect(r.code, r.stderr).toBe(0);
  t = await buildTrajectories(
    paths.map((p, i) => ({
      file: p,
      records: (files[i]!.records as RecordLike[]).map((values, k) => ({ values, line: k + 2 })),
    })),
  );
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  // The guide is run "from the directory that holds parquet": DuckDB resolves relative paths there.
  await c.run(`SET file_search_path = '${join(dir, 'work')}'`);
  run = async (sql) => {
    // Statements in order; a `.read FILE` line of the DuckDB shell runs the statements of that file.
    let out: Row[] = [];
    let pending: string[] = [];
    const flush = async (): Promise<void> => {
      for (const s of indicatorStatements(pending.join('\n')))
        out = (await c.runAndReadAll(s)).getRowObjectsJS() as Row[];
      pending = [];
    };
    for (const line of sql.split('\n')) {
      if (!line.startsWith('.read ')) {
        pending.push(line);
        continue;
      }
      await flush();
      for (const s of indicatorStatements(readFileSync(join(dir, 'work', line.slice('.read '.length).trim()), 'utf8')))
        await c.run(s);
    }
    await flush();
    return out;
  };
}, 120_000);

const n = (v: unknown): number => Number(v);

describe('docs/guides/parquet.md, run as written', () => {
  it('has the loading block and three queries', () => {
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain('.read parquet/indicators.sql');
  });

  it('loads the tables and the views', async () => {
    await run(blocks[0]!);
    expect(n((await run('SELECT COUNT(*) AS n FROM events'))[0]!.n)).toBe(t.table.length);
  });

  it('measures in progress on 31 December by nature and age', async () => {
    const rows = await run(blocks[1]!);
    const ind = indicators(t, { year: 2023 });
    expect(rows.reduce((s, r) => s + n(r.mesures), 0)).toBe(ind.measuresInProgress.total);
    const byGroup: Record<string, number> = {};
    const byAge: Record<string, number> = {};
    for (const r of rows) {
      byGroup[String(r.nature_group)] = (byGroup[String(r.nature_group)] ?? 0) + n(r.mesures);
      byAge[String(r.age_band)] = (byAge[String(r.age_band)] ?? 0) + n(r.mesures);
    }
    expect(byGroup).toEqual(ind.measuresInProgress.byGroup);
    expect(byAge).toEqual(ind.measuresInProgress.byAgeBand);
  });

  it('median duration of placements', async () => {
    const [row] = await run(blocks[2]!);
    const ind = indicators(t);
    const km = ind.durations.survivalByGroup.placement!;
    expect(n(row!.placements)).toBe(km.count);
    expect(row!.mediane_kaplan_meier === null ? null : n(row!.mediane_kaplan_meier)).toBe(km.median);
    // Ended placements started within the files, from the measures themselves.
    const ended = allMeasures(t).filter(
      (m) =>
        m.group === 'placement' && !m.openingMissing && m.start !== null && m.end !== null && m.start >= '2021-01-01',
    );
    const q = quartiles(ended.map((m) => (Date.parse(m.end!) - Date.parse(m.start!)) / 86_400_000));
    expect(q.count).toBeGreaterThan(5);
    expect(n(row!.placements_termines)).toBe(q.count);
    expect(n(row!.mediane_terminees)).toBe(q.median);
  });

  it('share of young adults', async () => {
    const rows = await run(blocks[3]!);
    expect(rows.map((r) => n(r.year))).toEqual([2021, 2022, 2023]);
    for (const r of rows) {
      const ind = indicators(t, { year: n(r.year) });
      expect(n(r.jeunes)).toBe(ind.peopleInProgress.total);
      expect(n(r.jeunes_majeurs)).toBe(ind.youngAdults.count);
      expect(n(r.pourcentage)).toBe(Math.round(1000 * (ind.youngAdults.share ?? 0)) / 10);
    }
  });
});

describe('docs/guides/parquet.md, DuckDB over object storage', () => {
  it('load.duckdb.sql as written (the bucket replaced by the local export) then the three queries give the same rows', async () => {
    const section = guide.slice(guide.indexOf('## Sur Spark SQL'), guide.indexOf('## Ce que cela coûte'));
    const sqlBlocks = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const spark = sqlBlocks.find((b) => b.includes('USING parquet'))!;
    const duck = sqlBlocks.find((b) => b.includes("read_parquet('s3://"))!;
    // Both loaders name every table of the export.
    for (const table of [
      'events',
      'files',
      'years',
      'month_ends',
      'people',
      'pseudonyms',
      'measures',
      'quality',
      'variables',
      'codes',
    ]) {
      expect(spark).toContain(
        `VIEW ${table} USING parquet OPTIONS (path 's3a://observatoire/olinpe/${table}.parquet')`,
      );
      expect(duck).toContain(
        `VIEW ${table} AS SELECT * FROM read_parquet('s3://observatoire/olinpe/${table}.parquet')`,
      );
    }
    const expected = [];
    for (const q of blocks.slice(1)) expected.push(await run(q));
    // No network in tests: the httpfs lines are left out, the bucket is the local export directory.
    const local = duck
      .split('\n')
      .filter((l) => !/^(INSTALL|LOAD|CREATE SECRET)\b/.test(l))
      .join('\n')
      .replaceAll('s3://observatoire/olinpe/', `${join(dir, 'work', 'parquet')}/`);
    await run(`${local}\n.read parquet/indicators.sql\n.read parquet/sequences.duckdb.sql`);
    expect(n((await run('SELECT COUNT(*) AS n FROM pseudonyms'))[0]!.n)).toBeGreaterThan(0);
    for (const [i, q] of blocks.slice(1).entries()) expect(await run(q), `query ${i + 1}`).toEqual(expected[i]);
  });
});
