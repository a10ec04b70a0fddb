/**
 * Transmission file, what issue 5 asks to show, in one run on one generated file of
 * OLINPE_BENCH_TRANSMISSION_RECORDS events (default 1,000,000, about 2.5 GB of XML):
 *
 * 1. writing: realistic 2016 records (synthetic lines from `synthLines`, made in a child process by
 *    bench/transmission-pool.ts, every variable written, as real exports do) streamed to a file in the
 *    temporary directory, twice side by side: `writeTransmission` (text chunks, encoded by the stream) then
 *    `writeTransmissionBytes` (UTF-8 chunks, what the CLI uses); both files must have the same size, and
 *    the second is the one read below;
 * 2. raw tokenising: the XML parser alone (saxes) over the file's bytes, decoding included, no record built;
 * 3. reading into typed records: `readTransmission` (records, edition, model check);
 * 4. reading plus all rules: `validateRecords` from the rules on the reader's stream, read as `olinpe validate`
 *    reads (its speed is whatever the rules give at the time of the run);
 * 5. `olinpe validate` and `olinpe report` themselves, the built bin with Node's default heap, end to end, with
 *    their peak RSS and CPU time; `olinpe validate` side by side with `xmllint --stream --noout` (libxml2's
 *    streaming parser alone, in C) on the same file, alternated twice, with the ratio of their times (wall and
 *    CPU; CPU is the steadier one on a shared machine). When xmllint is missing the bench installs Debian's
 *    libxml2-utils with apt-get and says so.
 *
 * Reading into typed records runs twice, with the strict scanner in front of saxes (the default) and with saxes
 * alone (`parser: 'saxes'`).
 *
 * Every measure is in events per second with its ratio to raw tokenising, with the peak RSS of each phase
 * (sampled every 20 ms; the issue's bound is 300 MB; the reading phases run in processes of their own, see
 * bench/transmission-phase.ts, so their peaks are not inflated by the pool or the writing) and the machine load (os.loadavg) before and after.
 * The reading processes run with the V8 heap capped (--max-old-space-size, default 160 MB, set by
 * OLINPE_BENCH_PHASE_HEAP_MB; 0 for no cap), so that a peak is live memory rather than garbage V8 has not yet
 * collected (uncapped, V8 grows the heap lazily: reading plus all rules peaked at 331 MB uncapped vs 266 MB capped). The temporary file is deleted at the end. OLINPE_BENCH_TRANSMISSION_CSV=1 adds the CSV form (write and
 * read, and CSV reading plus all rules in a process of its own) on the same records.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTransmission, writeTransmission, writeTransmissionBytes } from '../src/transmission/index.js';
import { events, pool, POOL, writeFile } from './transmission-file.js';
import type { BenchResult } from './run.js';
import { ensureXmllint } from './xmllint.js';

const EVENTS = Number(process.env.OLINPE_BENCH_TRANSMISSION_RECORDS ?? 1_000_000);
const WITH_CSV = process.env.OLINPE_BENCH_TRANSMISSION_CSV === '1';
/** Distinct synthetic lines, cycled with fresh pseudonyms up to EVENTS (bench/transmission-file.ts). */
const POOL_SIZE = Math.min(EVENTS, POOL);
const YEAR = 2023;
const READ_CHUNK = 1 << 18;
/** V8 heap cap of the reading processes, in MB (0: none). */
const PHASE_HEAP_MB = Number(process.env.OLINPE_BENCH_PHASE_HEAP_MB ?? 160);

class PeakMemory {
  private peak = 0;
  private timer: ReturnType<typeof setInterval>;
  constructor() {
    global.gc?.();
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
  }
  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak / 2 ** 20;
  }
}

async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T; peakMb: number }> {
  const memory = new PeakMemory();
  const start = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, value, peakMb: memory.stop() };
}

/** Runs one reading phase in a child process (bench/transmission-phase.ts) and returns its timing and peak RSS. */
function phaseRun(
  phase: 'raw' | 'raw-fast' | 'read' | 'read-saxes' | 'rules' | 'csv-rules',
  path: string,
): { seconds: number; cpuSeconds: number; peakMb: number; baseMb: number; detail: string } {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'transmission-phase.ts');
  const flags = PHASE_HEAP_MB > 0 ? [`--max-old-space-size=${PHASE_HEAP_MB}`] : [];
  const out = execFileSync(
    process.execPath,
    [...flags, ...process.execArgv, script, phase, path, String(EVENTS), String(YEAR)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as {
    seconds: number;
    cpuSeconds: number;
    peakMb: number;
    baseMb: number;
    detail: string;
  };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface CommandRun {
  seconds: number;
  /** User + system CPU time of the process (from /proc/<pid>/stat, sampled every 20 ms); undefined off Linux. */
  cpuSeconds: number | undefined;
  peakMb: number | undefined;
  exit: number | null;
}

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux). */
const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * A command as a user runs it, output discarded, in a fresh process. Its peak RSS is the kernel's high-water mark
 * (VmHWM in /proc/<pid>/status) and its CPU time utime + stime (/proc/<pid>/stat), both read every 20 ms while it
 * runs (Linux only, else undefined).
 */
async function command(file: string, args: string[]): Promise<CommandRun> {
  const start = process.hrtime.bigint();
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let peakKb: number | undefined;
  let ticks: number | undefined;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // not Linux, or the process has just ended
    }
  }, 20);
  const exit = await new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  clearInterval(timer);
  return {
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: ticks === undefined ? undefined : ticks / CLK_TCK,
    peakMb: peakKb === undefined ? undefined : peakKb / 1024,
    exit,
  };
}

/**
 * An `olinpe` command as a user runs it: the built bin (dist/cli.js, made by `npm ci`), plain `node`, Node's
 * default heap. Undefined when dist/ is missing.
 */
async function cli(args: string[]): Promise<CommandRun | undefined> {
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
  if (!existsSync(bin)) return undefined;
  return command(process.execPath, [bin, ...args]);
}

const xmllintVersion = (): string => {
  try {
    return (
      execFileSync('xmllint', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] ??
      ''
    );
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? '').split('\n')[0] ?? '';
  }
};

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'olinpe-bench-'));
  const xmlPath = join(dir, 'bench.xml');
  const csvPath = join(dir, 'bench.csv');
  const results: BenchResult[] = [];
  const perSecond = (n: number, s: number): number => n / s;
  try {
    const loadBefore = load();
    const lines = pool(POOL_SIZE, YEAR);
    results.push({
      name: 'RSS before the runs (process + pool of synthetic lines)',
      value: process.memoryUsage().rss / 2 ** 20,
      unit: 'MB',
    });

    // 1. Writing (generates the file): text chunks, then bytes over the same path (the file read below).
    const writeOptions = { dateExport: `${YEAR + 1}-01-31`, allVariables: true };
    const writeText = await time(async () => {
      const writer = writeTransmission(events(lines, EVENTS), writeOptions);
      await writeFile(xmlPath, writer);
      if (writer.summary.written !== EVENTS)
        throw new Error(
          `wrote ${writer.summary.written} events, expected ${EVENTS} (refused ${writer.summary.refused})`,
        );
    });
    const textSize = statSync(xmlPath).size;
    const write = await time(async () => {
      const writer = writeTransmissionBytes(events(lines, EVENTS), writeOptions);
      await writeFile(xmlPath, writer);
      if (writer.summary.written !== EVENTS)
        throw new Error(
          `bytes: wrote ${writer.summary.written} events, expected ${EVENTS} (refused ${writer.summary.refused})`,
        );
    });
    if (statSync(xmlPath).size !== textSize)
      throw new Error(`text and byte writers disagree: ${textSize} vs ${statSync(xmlPath).size} bytes`);
    const mb = statSync(xmlPath).size / 2 ** 20;
    console.log(
      `  file: ${EVENTS.toLocaleString('en-US')} events, ${mb.toFixed(0)} MB of XML (${((mb * 2 ** 20) / EVENTS).toFixed(0)} bytes/event), ${POOL_SIZE.toLocaleString('en-US')} distinct synthetic lines cycled with fresh pseudonyms`,
    );

    // 2–4. Reading phases, each in a process of its own so that its peak RSS is its own.
    const raw = phaseRun('raw', xmlPath);
    const rawFast = phaseRun('raw-fast', xmlPath);
    const read = phaseRun('read', xmlPath);
    const readSaxes = phaseRun('read-saxes', xmlPath);
    const rules = phaseRun('rules', xmlPath);

    const vs = (s: number) => ({ baseline: 'raw tokenising (saxes)', ratio: raw.seconds / s });
    results.push({
      name: 'raw tokenising (saxes alone, decoding included)',
      value: perSecond(EVENTS, raw.seconds),
      unit: 'events/s',
      ...vs(raw.seconds),
    });
    results.push({
      name: "raw tokenising, the reader's strict scanner (saxes behind it)",
      value: perSecond(EVENTS, rawFast.seconds),
      unit: 'events/s',
      ...vs(rawFast.seconds),
    });
    results.push({
      name: 'raw tokenising, strict scanner vs saxes alone (CPU time)',
      value: raw.cpuSeconds / rawFast.cpuSeconds,
      unit: '×',
      baseline: 'saxes alone',
      ratio: rawFast.cpuSeconds / raw.cpuSeconds,
    });
    results.push({
      name: 'reading into typed records (readTransmission, model check)',
      value: perSecond(EVENTS, read.seconds),
      unit: 'events/s',
      ...vs(read.seconds),
    });
    results.push({
      name: "reading into typed records, saxes alone (parser: 'saxes')",
      value: perSecond(EVENTS, readSaxes.seconds),
      unit: 'events/s',
      ...vs(readSaxes.seconds),
    });
    results.push({
      name: 'reading, strict scanner vs saxes alone (CPU time)',
      value: readSaxes.cpuSeconds / read.cpuSeconds,
      unit: '×',
      baseline: "parser: 'saxes'",
      ratio: read.cpuSeconds / readSaxes.cpuSeconds,
    });
    results.push({
      name: 'reading plus all rules (validateRecords on the reader, as olinpe validate: no separate model check)',
      value: perSecond(EVENTS, rules.seconds),
      unit: 'events/s',
      ...vs(rules.seconds),
    });
    results.push({
      name: 'writing, text chunks (writeTransmission to disk)',
      value: perSecond(EVENTS, writeText.seconds),
      unit: 'events/s',
      ...vs(writeText.seconds),
    });
    results.push({
      name: 'writing, bytes (writeTransmissionBytes to disk)',
      value: perSecond(EVENTS, write.seconds),
      unit: 'events/s',
      ...vs(write.seconds),
    });
    results.push({
      name: 'writing, bytes vs text chunks',
      value: writeText.seconds / write.seconds,
      unit: '×',
      baseline: 'writing, text chunks',
      ratio: writeText.seconds / write.seconds,
    });
    results.push({ name: 'raw tokenising throughput', value: mb / raw.seconds, unit: 'MB/s' });
    results.push({ name: 'reading throughput', value: mb / read.seconds, unit: 'MB/s' });
    results.push({ name: 'writing throughput, text chunks', value: mb / writeText.seconds, unit: 'MB/s' });
    results.push({ name: 'writing throughput, bytes', value: mb / write.seconds, unit: 'MB/s' });
    results.push({ name: 'peak RSS, raw tokenising', value: raw.peakMb, unit: 'MB' });
    const cap =
      PHASE_HEAP_MB > 0 ? ` (own process, heap capped at ${PHASE_HEAP_MB} MB)` : ' (own process, heap not capped)';
    results.push({ name: `peak RSS, reading${cap}`, value: read.peakMb, unit: 'MB' });
    results.push({ name: `peak RSS, reading plus all rules${cap}`, value: rules.peakMb, unit: 'MB' });
    results.push({ name: 'peak RSS, writing text chunks', value: writeText.peakMb, unit: 'MB' });
    results.push({ name: 'peak RSS, writing bytes', value: write.peakMb, unit: 'MB' });
    results.push({
      name: 'RSS of a reading process before its phase (node + tsx + code)',
      value: read.baseMb,
      unit: 'MB',
    });
    console.log(`  reading: ${read.detail}; rules: ${rules.detail}`);

    // The commands observatories run on a whole file, side by side with libxml2's streaming parser alone on the
    // same file, alternated twice (each run a fresh process; the faster of the two is kept): validation (exit 1: the
    // synthetic lines have findings; 2 would be an unreadable file), then the analysis report.
    const hasXmllint = ensureXmllint();
    if (hasXmllint) console.log(`  ${xmllintVersion()}`);
    const best = (a: CommandRun | undefined, b: CommandRun | undefined): CommandRun | undefined =>
      a && b ? (b.seconds < a.seconds ? b : a) : (a ?? b);
    let xmllint: CommandRun | undefined;
    let validate: CommandRun | undefined;
    const validateArgs = ['validate', xmlPath, '--year', String(YEAR), '--format', 'json'];
    for (let round = 0; round < 2; round++) {
      if (hasXmllint) {
        const r = await command('xmllint', ['--stream', '--noout', xmlPath]);
        if (r.exit !== 0) throw new Error(`xmllint exited with ${r.exit}`);
        console.log(
          `  round ${round + 1}: xmllint --stream --noout ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds?.toFixed(1)} s), load ${load()}`,
        );
        xmllint = best(xmllint, r);
      }
      const v = await cli(validateArgs);
      if (!v) {
        console.log('  olinpe validate: dist/cli.js missing (npm run build), not measured');
        break;
      }
      if (v.exit !== 0 && v.exit !== 1) throw new Error(`olinpe validate exited with ${v.exit}`);
      console.log(
        `  round ${round + 1}: olinpe validate ${v.seconds.toFixed(1)} s (CPU ${v.cpuSeconds?.toFixed(1)} s), load ${load()}`,
      );
      validate = best(validate, v);
    }
    if (xmllint) {
      results.push({
        name: 'xmllint --stream --noout (libxml2, C, parsing only)',
        value: perSecond(EVENTS, xmllint.seconds),
        unit: 'events/s',
        ...vs(xmllint.seconds),
      });
      if (xmllint.peakMb !== undefined)
        results.push({ name: 'peak RSS, xmllint --stream --noout', value: xmllint.peakMb, unit: 'MB' });
    }
    if (validate) {
      results.push({
        name: 'olinpe validate --format json (built bin, default heap), end to end',
        value: perSecond(EVENTS, validate.seconds),
        unit: 'events/s',
        ...vs(validate.seconds),
      });
      if (validate.peakMb !== undefined)
        results.push({
          name: 'peak RSS, olinpe validate --format json (kernel high-water mark, default heap)',
          value: validate.peakMb,
          unit: 'MB',
        });
    }
    if (xmllint && validate) {
      results.push({
        name: 'olinpe validate time / xmllint --stream --noout time (wall)',
        value: validate.seconds / xmllint.seconds,
        unit: '×',
        baseline: 'xmllint --stream --noout',
        ratio: validate.seconds / xmllint.seconds,
      });
      if (validate.cpuSeconds !== undefined && xmllint.cpuSeconds !== undefined) {
        results.push({
          name: 'olinpe validate CPU time / xmllint --stream --noout CPU time',
          value: validate.cpuSeconds / xmllint.cpuSeconds,
          unit: '×',
          baseline: 'xmllint --stream --noout',
          ratio: validate.cpuSeconds / xmllint.cpuSeconds,
        });
      }
    }
    const report = await cli(['report', xmlPath, '--format', 'json']);
    if (report) {
      if (report.exit !== 0) throw new Error(`olinpe report exited with ${report.exit}`);
      results.push({
        name: 'olinpe report --format json (built bin, default heap), end to end',
        value: perSecond(EVENTS, report.seconds),
        unit: 'events/s',
        ...vs(report.seconds),
      });
      if (report.peakMb !== undefined)
        results.push({
          name: 'peak RSS, olinpe report --format json (kernel high-water mark, default heap)',
          value: report.peakMb,
          unit: 'MB',
        });
    }

    if (WITH_CSV) {
      const csvWriteText = await time(() =>
        writeFile(csvPath, writeTransmission(events(lines, EVENTS), { format: 'csv' })),
      );
      const csvWrite = await time(() =>
        writeFile(csvPath, writeTransmissionBytes(events(lines, EVENTS), { format: 'csv' })),
      );
      const csvRead = await time(async () => {
        const reading = readTransmission(createReadStream(csvPath, { highWaterMark: READ_CHUNK }), { format: 'csv' });
        for await (const _ of reading);
        const read = reading.summary?.read ?? 0;
        if (read !== EVENTS) throw new Error(`CSV: read ${read} events, expected ${EVENTS}`);
      });
      results.push({
        name: 'CSV writing, text chunks',
        value: perSecond(EVENTS, csvWriteText.seconds),
        unit: 'events/s',
        ...vs(csvWriteText.seconds),
      });
      results.push({
        name: 'CSV writing, bytes',
        value: perSecond(EVENTS, csvWrite.seconds),
        unit: 'events/s',
        ...vs(csvWrite.seconds),
      });
      results.push({
        name: 'CSV reading into typed records',
        value: perSecond(EVENTS, csvRead.seconds),
        unit: 'events/s',
        ...vs(csvRead.seconds),
      });
      results.push({ name: 'peak RSS, CSV reading', value: csvRead.peakMb, unit: 'MB' });
      const csvRules = phaseRun('csv-rules', csvPath);
      results.push({
        name: 'CSV reading plus all rules (own process, as olinpe validate)',
        value: perSecond(EVENTS, csvRules.seconds),
        unit: 'events/s',
        ...vs(csvRules.seconds),
      });
      results.push({ name: `peak RSS, CSV reading plus all rules${cap}`, value: csvRules.peakMb, unit: 'MB' });
    }
    console.log(`  machine load (1, 5, 15 min): before ${loadBefore}, after ${load()}; ${process.version}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results) {
    console.log(
      `  ${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.ratio !== undefined ? ` (×${r.ratio.toFixed(2)} vs ${r.baseline})` : ''}`,
    );
  }
  return results;
}
