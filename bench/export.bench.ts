/**
 * National scale: 100 synthetic départements × 3 years (OLINPE_BENCH_EXPORT_RECORDS lines a file, default 1,000:
 * about 300,000 events, a few minutes on 2 cores; 10,000 gives the 3 million; OLINPE_BENCH_EXPORT_DEPARTEMENTS
 * and OLINPE_BENCH_EXPORT_BASES, the number of distinct populations, default 10), as a user runs the commands
 * (the built bin, dist/cli.js, plain node, default heap; peak RSS from the kernel's high-water mark, DuckDB's
 * native memory included):
 *
 * 1. `olinpe export <300 files> --to parquet --out DIR`: events/s, peak RSS, Parquet size against the XML;
 * 2. `olinpe report --engine duckdb DIR --format json`: the report through the SQL views, seconds and peak RSS;
 * 3. `olinpe report <300 files> --format json`: the same report in process (the baseline), seconds and peak RSS;
 * 4. the three queries of docs/guides/parquet.md in DuckDB over the Parquet files (in this process), milliseconds.
 *
 * Ratios are against the in-process report. The files are generated in a temporary directory, deleted at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { indicatorStatements, loadParquetViews } from '../src/export/index.js';
import { synthesiseYears } from '../src/synth/index.js';
import { writeTransmission } from '../src/transmission/index.js';
import type { BenchResult } from './run.js';

const DEPARTEMENTS = Number(process.env.OLINPE_BENCH_EXPORT_DEPARTEMENTS ?? 100);
const RECORDS = Number(process.env.OLINPE_BENCH_EXPORT_RECORDS ?? 1_000);
const YEARS = [2021, 2022, 2023];
const BASES = Number(process.env.OLINPE_BENCH_EXPORT_BASES ?? 10);

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

/** A command of the built bin, with its wall time and peak RSS (VmHWM, read every 20 ms; Linux only). */
async function olinpe(
  args: string[],
  stdout?: string,
): Promise<{ seconds: number; peakMb: number; exit: number | null }> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    if (stdout !== undefined) out += c.toString();
  });
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // not Linux, or the process has just ended
    }
  }, 20);
  const exit = await new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  clearInterval(timer);
  if (stdout !== undefined) writeFileSync(stdout, out);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: peakKb / 1024, exit };
}

function departement(i: number): string {
  return i < 95 ? String(i + 1).padStart(2, '0') : String(971 + i - 95);
}

/** Runs the bench. */
export async function run(): Promise<BenchResult[]> {
  if (!existsSync(bin)) {
    console.log('dist/cli.js missing (npm run build): export bench not run');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'olinpe-bench-export-'));
  try {
    // Synthetic files: BASES distinct populations over three years (seeds 1…BASES), each given to DEPARTEMENTS / BASES
    // départements with the département's own NUMDEP and pseudonyms (the first two hexadecimal digits replaced by
    // the département's index), so that every département has its own young people. Generating every one of them
    // from its own seed would take longer than the bench itself.
    let t0 = performance.now();
    const bases: { year: number; text: string }[][] = [];
    for (let b = 0; b < Math.min(BASES, DEPARTEMENTS); b++) {
      const { files: years } = synthesiseYears({ seed: b + 1, records: RECORDS, department: '84' }, YEARS);
      const texts: { year: number; text: string }[] = [];
      for (const f of years) {
        let text = '';
        for await (const chunk of writeTransmission(f.records as never)) text += chunk;
        texts.push({ year: f.year, text });
      }
      bases.push(texts);
    }
    const files: string[] = [];
    let events = 0;
    let xmlBytes = 0;
    for (let i = 0; i < DEPARTEMENTS; i++) {
      const prefix = i.toString(16).padStart(2, '0');
      for (const { year, text } of bases[i % bases.length]!) {
        const path = join(dir, `dep${departement(i)}-${year}.xml`);
        const own = text
          .replace(/<NUMDEP>84</g, `<NUMDEP>${departement(i)}<`)
          .replace(/(<NUMANONYM(?:ANT)?>)[0-9a-f]{2}/g, `$1${prefix}`);
        writeFileSync(path, own);
        files.push(path);
        events += (own.match(/<DONNEE>/g) ?? []).length;
        xmlBytes += Buffer.byteLength(own);
      }
    }
    console.log(
      `${files.length} files, ${events.toLocaleString('en-US')} events, ${(xmlBytes / 2 ** 20).toFixed(0)} MiB of XML generated in ${((performance.now() - t0) / 1000).toFixed(0)} s (load ${load()})`,
    );
    const out = join(dir, 'parquet');
    const exp = await olinpe(['export', ...files, '--to', 'parquet', '--out', out]);
    if (exp.exit !== 0) throw new Error(`olinpe export exited with ${exp.exit}`);
    const parquetBytes = readdirSync(out)
      .filter((f) => f.endsWith('.parquet'))
      .reduce((s, f) => s + statSync(join(out, f)).size, 0);
    const eventsBytes = statSync(join(out, 'events.parquet')).size;
    console.log(
      `export: ${exp.seconds.toFixed(1)} s, ${(events / exp.seconds).toFixed(0)} events/s, peak RSS ${exp.peakMb.toFixed(0)} MB; Parquet ${(parquetBytes / 2 ** 20).toFixed(1)} MiB (events ${(eventsBytes / 2 ** 20).toFixed(1)} MiB) (load ${load()})`,
    );

    const duck = await olinpe(['report', '--engine', 'duckdb', out, '--format', 'json'], join(dir, 'duckdb.json'));
    if (duck.exit !== 0) throw new Error(`olinpe report --engine duckdb exited with ${duck.exit}`);
    console.log(
      `report --engine duckdb: ${duck.seconds.toFixed(1)} s, peak RSS ${duck.peakMb.toFixed(0)} MB (load ${load()})`,
    );
    const mem = await olinpe(['report', ...files, '--format', 'json'], join(dir, 'memory.json'));
    if (mem.exit !== 0) throw new Error(`olinpe report exited with ${mem.exit}`);
    console.log(
      `report (in process): ${mem.seconds.toFixed(1)} s, peak RSS ${mem.peakMb.toFixed(0)} MB (load ${load()})`,
    );
    const canonical = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(canonical)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, canonical(x)]),
            )
          : v;
    const indicatorsOf = (f: string): string =>
      JSON.stringify(canonical((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { indicators: unknown }).indicators));
    const same = indicatorsOf('duckdb.json') === indicatorsOf('memory.json');
    console.log(`indicators identical: ${same ? 'yes' : 'NO'}`);
    if (!same) throw new Error('the SQL indicators differ from the in-process ones');
    // The guide's three queries, timed in DuckDB over the Parquet files (views loaded once).
    const guide = readFileSync(new URL('../docs/guides/parquet.md', import.meta.url), 'utf8');
    const section = guide.slice(guide.indexOf('## Dans DuckDB'), guide.indexOf('## Sur Spark SQL'));
    const queries = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!).slice(1);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    t0 = performance.now();
    await loadParquetViews(c, out);
    const loadMs = performance.now() - t0;
    const queryMs: number[] = [];
    for (const q of queries) {
      t0 = performance.now();
      for (const s of indicatorStatements(q)) await (await c.runAndReadAll(s)).getRowObjectsJS();
      queryMs.push(performance.now() - t0);
    }
    c.closeSync();
    instance.closeSync();
    console.log(
      `guide queries: views ${loadMs.toFixed(0)} ms, queries ${queryMs.map((m) => m.toFixed(0)).join(', ')} ms`,
    );

    const scale = `${DEPARTEMENTS} départements × ${YEARS.length} years, ${events.toLocaleString('en-US')} events`;
    return [
      {
        name: `olinpe export to Parquet (${scale})`,
        value: events / exp.seconds,
        unit: 'events/s',
        baseline: `olinpe report in process: ${(events / mem.seconds).toFixed(0)} events/s`,
        ratio: mem.seconds / exp.seconds,
      },
      {
        name: 'olinpe export peak RSS',
        value: exp.peakMb,
        unit: 'MB',
        baseline: `olinpe report in process: ${mem.peakMb.toFixed(0)} MB`,
        ratio: mem.peakMb / exp.peakMb,
      },
      {
        name: 'Parquet size, all tables',
        value: parquetBytes / 2 ** 20,
        unit: 'MiB',
        baseline: `XML: ${(xmlBytes / 2 ** 20).toFixed(0)} MiB`,
        ratio: xmlBytes / parquetBytes,
      },
      {
        name: 'Parquet size, events table',
        value: eventsBytes / 2 ** 20,
        unit: 'MiB',
        baseline: `XML: ${(xmlBytes / 2 ** 20).toFixed(0)} MiB`,
        ratio: xmlBytes / eventsBytes,
      },
      {
        name: 'olinpe report --engine duckdb (SQL views over Parquet)',
        value: duck.seconds,
        unit: 's',
        baseline: `in process from the XML: ${mem.seconds.toFixed(1)} s`,
        ratio: mem.seconds / duck.seconds,
      },
      {
        name: 'olinpe report --engine duckdb peak RSS',
        value: duck.peakMb,
        unit: 'MB',
        baseline: `in process: ${mem.peakMb.toFixed(0)} MB`,
        ratio: mem.peakMb / duck.peakMb,
      },
      { name: 'olinpe report in process (baseline)', value: mem.seconds, unit: 's' },
      { name: 'DuckDB: create the views over the Parquet files', value: loadMs, unit: 'ms' },
      { name: 'DuckDB: measures in progress by nature and age', value: queryMs[0] ?? 0, unit: 'ms' },
      { name: 'DuckDB: median duration of placements', value: queryMs[1] ?? 0, unit: 'ms' },
      { name: 'DuckDB: share of young adults', value: queryMs[2] ?? 0, unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
