/**
 * National scale, measured step by step: synthetic départements × 3 years as XML, then `olinpe export` to
 * Parquet, `olinpe report --engine duckdb` over the Parquet files, and the in-process `olinpe report` over the
 * same XML files for comparison. Every step runs in a fresh process under `nice -n 5`, its wall time and peak
 * memory (maximum resident set size, DuckDB's native memory included) read by `/usr/bin/time` from the kernel.
 * The machine is shared: the load average is printed with every step; ratios taken in one run are what count.
 *
 *   npx tsx bench/scale.ts DIR [--departements 100] [--records 10000] [--bases 10] [--memory-limit 512MB]
 *
 * `--records` is the number of lines of each yearly file (10,000 gives about 3,000,000 events for 100
 * départements × 3 years; 1,000 about 300,000). The XML files are generated once in DIR/xml and kept (delete DIR
 * when done); the built bin (`npm run build`, dist/cli.js) runs the commands. Writes DIR/scale.json.
 * `npx tsx bench/scale.ts prepare DIR …` runs the generation step only (timed, kept for the next run);
 * `npx tsx bench/scale.ts synth DIR …` is that step's own process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
// OLINPE_BIN: a copy of the built bin, so that a rebuild during a long run does not change what it measures.
const bin = process.env.OLINPE_BIN ?? join(here, '..', 'dist', 'cli.js');
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const YEARS = [2021, 2022, 2023];

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    departements: { type: 'string', default: '100' },
    records: { type: 'string', default: '10000' },
    bases: { type: 'string', default: '10' },
    'memory-limit': { type: 'string' },
  },
});
const DEPARTEMENTS = Number(opts.departements);
const RECORDS = Number(opts.records);
const BASES = Number(opts.bases);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function departement(i: number): string {
  return i < 95 ? String(i + 1).padStart(2, '0') : String(971 + i - 95);
}

/**
 * The generation step: BASES distinct populations over three years (seeds 1…BASES), each given to
 * DEPARTEMENTS / BASES départements with the département's own NUMDEP and pseudonyms (the first two hexadecimal
 * digits replaced by the département's index), so that every département has its own young people. One
 * population is held at a time.
 */
async function synth(dir: string): Promise<void> {
  const { synthesiseYears } = await import('../src/synth/index.js');
  const { writeTransmission } = await import('../src/transmission/index.js');
  const xml = join(dir, 'xml');
  mkdirSync(xml, { recursive: true });
  const files: string[] = [];
  let events = 0;
  let bytes = 0;
  for (let b = 0; b < Math.min(BASES, DEPARTEMENTS); b++) {
    const { files: years } = synthesiseYears({ seed: b + 1, records: RECORDS, department: '84' }, YEARS);
    for (const f of years) {
      let text = '';
      for await (const chunk of writeTransmission(f.records as never)) text += chunk;
      const lines = (text.match(/<DONNEE>/g) ?? []).length;
      for (let i = b; i < DEPARTEMENTS; i += BASES) {
        const prefix = i.toString(16).padStart(2, '0');
        const own = text
          .replace(/<NUMDEP>84</g, `<NUMDEP>${departement(i)}<`)
          .replace(/(<NUMANONYM(?:ANT)?>)[0-9a-f]{2}/g, `$1${prefix}`);
        const path = join(xml, `dep${departement(i)}-${f.year}.xml`);
        writeFileSync(path, own);
        files.push(path);
        events += lines;
        bytes += Buffer.byteLength(own);
      }
    }
  }
  files.sort();
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      departements: DEPARTEMENTS,
      records: RECORDS,
      bases: BASES,
      years: YEARS,
      events,
      xmlBytes: bytes,
      files,
    }),
  );
}

interface Step {
  seconds: number;
  maxRssMb: number;
  load: string;
}

/** One command in a fresh process under `nice -n 5`, timed by `/usr/bin/time` (wall seconds, max RSS). */
async function step(label: string, command: string[]): Promise<Step> {
  const timing = join(tmpFor(label));
  const child = spawn('nice', ['-n', '5', '/usr/bin/time', '-f', '%e %M', '-o', timing, ...command], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
  const [seconds, kb] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [
    number,
    number,
  ];
  rmSync(timing, { force: true });
  if (code !== 0) throw new Error(`${label}: exit ${code}`);
  const s = { seconds, maxRssMb: kb / 1024, load: load() };
  console.log(`${label}: ${seconds.toFixed(1)} s, max RSS ${s.maxRssMb.toFixed(0)} MB (load ${s.load})`);
  return s;
}
let dirForTmp = '';
const tmpFor = (label: string): string => join(dirForTmp, `.time-${label.replace(/\W+/g, '-')}`);

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

async function drive(dir: string): Promise<void> {
  dirForTmp = dir;
  mkdirSync(dir, { recursive: true });
  console.log(
    `bench/scale: ${DEPARTEMENTS} départements × ${YEARS.length} years, ${RECORDS} lines a file (load ${load()})`,
  );
  // The generation step, once per DIR (its timing kept in DIR/synth-step.json).
  if (!existsSync(join(dir, 'manifest.json'))) {
    const s = await step('synth', [
      tsx,
      fileURLToPath(import.meta.url),
      'synth',
      dir,
      '--departements',
      String(DEPARTEMENTS),
      '--records',
      String(RECORDS),
      '--bases',
      String(BASES),
    ]);
    writeFileSync(join(dir, 'synth-step.json'), JSON.stringify(s));
  }
  if (positionals[0] === 'prepare') return;
  const synthStep = JSON.parse(readFileSync(join(dir, 'synth-step.json'), 'utf8')) as Step;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    events: number;
    xmlBytes: number;
    files: string[];
  };
  console.log(
    `${manifest.files.length} files, ${manifest.events.toLocaleString('en-US')} events, ${(manifest.xmlBytes / 2 ** 20).toFixed(0)} MiB of XML`,
  );
  const out = join(dir, 'parquet');
  rmSync(out, { recursive: true, force: true });
  const limit = opts['memory-limit'] ? ['--memory-limit', opts['memory-limit']] : [];
  const exp = await step('export', [
    process.execPath,
    bin,
    'export',
    ...manifest.files,
    '--to',
    'parquet',
    '--out',
    out,
    '--quiet',
    ...limit,
  ]);
  const parquet = readdirSync(out).filter((f) => f.endsWith('.parquet'));
  const parquetBytes = parquet.reduce((s, f) => s + statSync(join(out, f)).size, 0);
  const eventsBytes = statSync(join(out, 'events.parquet')).size;
  const duck = await step('report --engine duckdb', [
    process.execPath,
    bin,
    'report',
    '--engine',
    'duckdb',
    out,
    '--format',
    'json',
    '--out',
    join(dir, 'duckdb.json'),
  ]);
  const memory = await step('report (in process)', [
    process.execPath,
    bin,
    'report',
    ...manifest.files,
    '--format',
    'json',
    '--out',
    join(dir, 'memory.json'),
  ]);
  const indicators = (f: string): string =>
    JSON.stringify(canonical((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { indicators: unknown }).indicators));
  const same = indicators('duckdb.json') === indicators('memory.json');
  const result = {
    departements: DEPARTEMENTS,
    years: YEARS,
    records: RECORDS,
    events: manifest.events,
    xmlMiB: manifest.xmlBytes / 2 ** 20,
    parquetMiB: parquetBytes / 2 ** 20,
    eventsParquetMiB: eventsBytes / 2 ** 20,
    xmlOverParquet: manifest.xmlBytes / parquetBytes,
    synth: synthStep,
    export: { ...exp, eventsPerSecond: manifest.events / exp.seconds },
    reportDuckdb: duck,
    reportInProcess: memory,
    ratios: {
      reportTimeInProcessOverDuckdb: memory.seconds / duck.seconds,
      exportTimeOverReportInProcess: exp.seconds / memory.seconds,
      exportRssOverReportInProcess: exp.maxRssMb / memory.maxRssMb,
      duckdbRssOverInProcess: duck.maxRssMb / memory.maxRssMb,
    },
    indicatorsIdentical: same,
  };
  writeFileSync(join(dir, 'scale.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  if (!same) throw new Error('the SQL indicators differ from the in-process ones');
}

const [mode, dirArg] =
  positionals[0] === 'synth'
    ? ['synth', positionals[1]]
    : ['drive', positionals[0] === 'prepare' ? positionals[1] : positionals[0]];
if (!dirArg) {
  console.error(
    'usage: npx tsx bench/scale.ts [synth] DIR [--departements N] [--records N] [--bases N] [--memory-limit 512MB]',
  );
  process.exit(2);
}
if (mode === 'synth') await synth(resolve(dirArg));
else await drive(resolve(dirArg));
