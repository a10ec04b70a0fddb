/**
 * Rules benchmarks, each beside a baseline measured in the same run:
 * - validateRecord on a coherent record and on one with two errors beside `recordSchema2016.safeParse` of the same
 *   records, each pass in a fresh process (bench/validate-record-pass.ts), the median of five;
 * - validateRecords on a realistic 2016 file (200,000 synthetic lines, `synthLines`), streamed as a reader would
 *   hand records over (each line turned into a record object key by key, as the CSV and XML readers do), beside
 *   the same build without its shortcuts (every rule's full check on every line, on the first 50,000 lines), with the peak RSS of the run; the time to build the records is measured alone and subtracted;
 * - the same file five times over (pseudonyms renamed in each copy: 1,000,000 lines, five times the young
 *   people) for the memory of a national-size run;
 * - the earlier figure: 50,000 lines cycling 200 coherent records over 20,000 young people;
 * - the memory the rules hold for 1,000,000 lines / ~600,000 young people (bench/rules-memory.ts, in a process of
 *   its own with the V8 heap capped at 160 MB): heap and array buffers after a full GC at the last record, beside
 *   the same figures before the run, and the peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { editionData } from '../src/nomenclature/index.js';
import { validateAll } from '../src/rules/index.js';
import type { RecordValues, RuleOptions } from '../src/rules/index.js';
import { synthLines } from '../src/synth/index.js';
import { coherentRecordArb } from '../test/support/coherent-record.js';
import { validateAllSync } from '../src/rules/run.js';
import type { BenchResult } from './run.js';

/** The engine of the same build without its shortcuts (every rule's full check on every line). */
const referenceCollect = async (source: Iterable<RecordValues>, options: RuleOptions) =>
  validateAllSync(source, options, false);

const MB = 2 ** 20;
const NAMES = editionData('2016').variables.map((v) => v.name);
const SEPARATOR = '\u0001';

/** Peak RSS, sampled while a run reads its records. */
class Peak {
  value = process.memoryUsage().rss;
  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.value) this.value = rss;
  }
}

/**
 * Records of the packed lines, built key by key as a reader does (one fresh object per line), `copies` times over
 * with the pseudonyms of copy k prefixed by k (so each copy brings its own young people).
 */
function* records(lines: readonly string[], limit: number, copies = 1, peak?: Peak): Generator<RecordValues> {
  const at = NAMES.indexOf('NUMANONYM');
  const ant = NAMES.indexOf('NUMANONYMANT');
  let n = 0;
  for (let copy = 0; copy < copies; copy++) {
    const tag = copy.toString(16);
    for (let k = 0; k < lines.length && k < limit; k++) {
      const parts = lines[k]!.split(SEPARATOR);
      const r: Record<string, string> = {};
      for (let i = 0; i < NAMES.length; i++) {
        const v = parts[i]!;
        r[NAMES[i]!] = copy > 0 && (i === at || i === ant) && v.length === 40 ? tag + v.slice(1) : v;
      }
      if (peak && ++n % 5000 === 0) peak.sample();
      yield r;
    }
  }
}

async function timed(
  collect: typeof validateAll,
  lines: readonly string[],
  limit: number,
  options: RuleOptions,
  copies = 1,
): Promise<{ seconds: number; records: number; findings: number; youngPeople: number; peakMb: number }> {
  const peak = new Peak();
  const t0 = performance.now();
  const { findings, summary } = await collect(records(lines, limit, copies, peak), options);
  peak.sample();
  return {
    seconds: (performance.now() - t0) / 1000,
    records: summary.records,
    findings: findings.length,
    youngPeople: summary.youngPeople,
    peakMb: peak.value / MB,
  };
}

function drainSeconds(lines: readonly string[], limit: number, copies = 1): number {
  const t0 = performance.now();
  let n = 0;
  for (const r of records(lines, limit, copies)) if (r.TYPEV === '1') n++;
  return (performance.now() - t0) / 1000 + (n < 0 ? 1 : 0);
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // validateRecord beside zod's safeParse of the same records, each pass in a fresh process (bench/validate-record-pass.ts).
  const passScript = join(dirname(fileURLToPath(import.meta.url)), 'validate-record-pass.ts');
  const passes = Array.from({ length: 5 }, () => {
    const text = execFileSync(process.execPath, [...process.execArgv, passScript], { encoding: 'utf8' });
    return JSON.parse(text.trim().split('\n').at(-1)!) as {
      rulesClean: number;
      zodClean: number;
      rulesBroken: number;
      zodBroken: number;
      findingsOnBroken: number;
    };
  });
  const med = (pick: (p: (typeof passes)[number]) => number): number =>
    passes.map(pick).sort((a, b) => a - b)[Math.floor(passes.length / 2)]!;
  const ours = med((p) => p.rulesClean);
  const zod = med((p) => p.zodClean);
  const oursBroken = med((p) => p.rulesBroken);
  const zodBroken = med((p) => p.zodBroken);
  const cleanRatio = med((p) => p.rulesClean / p.zodClean);
  const brokenRatio = med((p) => p.rulesBroken / p.zodBroken);
  const costRatio = med((p) => p.rulesBroken / p.rulesClean);
  console.log(
    `validateRecord (median of ${passes.length} fresh processes): coherent ${ours.toFixed(2)} µs vs zod safeParse ${zod.toFixed(2)} µs (${cleanRatio.toFixed(2)}×); two errors ${oursBroken.toFixed(2)} µs vs zod ${zodBroken.toFixed(2)} µs (${brokenRatio.toFixed(2)}×); two errors / coherent ${costRatio.toFixed(2)}×`,
  );
  results.push(
    {
      name: 'validateRecord, coherent 2016 record (median, fresh processes)',
      value: ours,
      unit: 'µs',
      baseline: `recordSchema2016.safeParse ${zod.toFixed(2)} µs`,
      ratio: cleanRatio,
    },
    {
      name: 'validateRecord, record with 2 errors (median, fresh processes)',
      value: oursBroken,
      unit: 'µs',
      baseline: `recordSchema2016.safeParse of it ${zodBroken.toFixed(2)} µs`,
      ratio: brokenRatio,
    },
    {
      name: 'validateRecord, record with 2 errors vs a coherent one',
      value: oursBroken,
      unit: 'µs',
      baseline: `coherent ${ours.toFixed(2)} µs`,
      ratio: costRatio,
    },
  );
  const coherent = fc.sample(coherentRecordArb, { numRuns: 200, seed: 42 }).map((c) => c.record);

  // A realistic 2016 file: 200,000 synthetic lines, packed as strings (the records are built while streaming).
  const t0 = performance.now();
  const lines: string[] = [];
  for (const line of synthLines({ seed: 2016, year: 2019, records: 200_000 })) {
    const rec = line.record as RecordValues;
    lines.push(NAMES.map((n) => rec[n] ?? '').join(SEPARATOR));
  }
  console.log(`synthesised ${lines.length} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const options: RuleOptions = { referenceYear: 2019 };
  const rssBefore = process.memoryUsage().rss / MB;
  drainSeconds(lines, 20_000); // warm-up of the record builder
  const drain = drainSeconds(lines, Infinity);
  const run200 = await timed(validateAll, lines, Infinity, options);
  const refLimit = 50_000;
  const drainRef = drainSeconds(lines, refLimit);
  const ref50 = await timed(referenceCollect as unknown as typeof validateAll, lines, refLimit, options);
  const ours50 = await timed(validateAll, lines, refLimit, options);
  const rate = run200.records / (run200.seconds - drain);
  const rate50 = ours50.records / (ours50.seconds - drainRef);
  const refRate = ref50.records / (ref50.seconds - drainRef);
  console.log(
    `validateRecords, ${run200.records} lines / ${run200.youngPeople} young people: ${Math.round(rate)} lines/s (building the records ${Math.round(run200.records / drain)}/s apart; end to end ${Math.round(run200.records / run200.seconds)}/s), ${run200.findings} findings, peak RSS ${run200.peakMb.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before)`,
  );
  console.log(
    `first ${refLimit} lines: ours ${Math.round(rate50)} lines/s, engine without shortcuts ${Math.round(refRate)} lines/s (same findings: ${ours50.findings === ref50.findings})`,
  );
  results.push(
    {
      name: `validateRecords, realistic 2016 file, ${run200.records.toLocaleString('en-US')} lines / ${run200.youngPeople.toLocaleString('en-US')} young people (record building subtracted)`,
      value: rate,
      unit: 'lines/s',
      baseline: `building the records alone ${Math.round(run200.records / drain).toLocaleString('en-US')} lines/s`,
    },
    {
      name: 'validateRecords, same file, end to end (records built while streaming)',
      value: run200.records / run200.seconds,
      unit: 'lines/s',
    },
    {
      name: `validateRecords, first ${refLimit.toLocaleString('en-US')} lines, vs engine without shortcuts`,
      value: rate50,
      unit: 'lines/s',
      baseline: `engine without shortcuts ${Math.round(refRate).toLocaleString('en-US')} lines/s`,
      ratio: rate50 / refRate,
    },
    {
      name: 'validateRecords, 200,000 lines: peak RSS (lines held as strings before the run)',
      value: run200.peakMb,
      unit: 'MB',
      baseline: `RSS before ${rssBefore.toFixed(0)} MB`,
      ratio: run200.peakMb / rssBefore,
    },
  );

  // National size: the file five times, each copy with its own pseudonyms.
  const before1m = process.memoryUsage().rss / MB;
  const run1m = await timed(validateAll, lines, Infinity, options, 5);
  console.log(
    `validateRecords, ${run1m.records} lines / ${run1m.youngPeople} young people: ${Math.round(run1m.records / run1m.seconds)} lines/s end to end, peak RSS ${run1m.peakMb.toFixed(0)} MB (${before1m.toFixed(0)} MB before)`,
  );
  results.push(
    {
      name: `validateRecords, ${run1m.records.toLocaleString('en-US')} lines / ${run1m.youngPeople.toLocaleString('en-US')} young people, end to end`,
      value: run1m.records / run1m.seconds,
      unit: 'lines/s',
    },
    {
      name: 'validateRecords, 1,000,000 lines: peak RSS',
      value: run1m.peakMb,
      unit: 'MB',
      baseline: `RSS before ${before1m.toFixed(0)} MB`,
      ratio: run1m.peakMb / before1m,
    },
  );

  // The earlier figure: 200 coherent records cycled over 20,000 young people.
  const cycled = Array.from({ length: 50_000 }, (_, i) => ({
    ...coherent[i % coherent.length]!,
    NUMANONYM: (i % 20_000).toString(16).padStart(40, '0'),
  }));
  let t1 = performance.now();
  const { summary } = await validateAll(cycled, options);
  const cycledRate = summary.records / ((performance.now() - t1) / 1000);
  t1 = performance.now();
  const refCycled = await referenceCollect(cycled, options);
  const refCycledRate = refCycled.summary.records / ((performance.now() - t1) / 1000);
  console.log(
    `validateRecords, 50,000 cycled coherent lines: ${Math.round(cycledRate)} lines/s (engine without shortcuts ${Math.round(refCycledRate)})`,
  );
  results.push({
    name: 'validateRecords, 50,000 lines / 20,000 young people (200 coherent records cycled)',
    value: cycledRate,
    unit: 'lines/s',
    baseline: `engine without shortcuts ${Math.round(refCycledRate).toLocaleString('en-US')} lines/s`,
    ratio: cycledRate / refCycledRate,
  });

  // What the rules hold for a national-size file, measured in a process of its own.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'rules-memory.ts');
  const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', '--max-old-space-size=160', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const m = JSON.parse(out.trim().split('\n').at(-1)!) as {
    records: number;
    youngPeople: number;
    start: { rss: number; heapUsed: number; arrayBuffers: number };
    atLastRecord: { rss: number; heapUsed: number; arrayBuffers: number };
    peakRss: number;
  };
  const held = m.atLastRecord.heapUsed + m.atLastRecord.arrayBuffers - m.start.heapUsed - m.start.arrayBuffers;
  console.log(
    `validateRecords, ${m.records} lines / ${m.youngPeople} young people, heap capped at 160 MB: heap ${m.atLastRecord.heapUsed} MB + array buffers ${m.atLastRecord.arrayBuffers} MB at the last record (${m.start.heapUsed} + ${m.start.arrayBuffers} MB before), peak RSS ${m.peakRss} MB`,
  );
  results.push(
    {
      name: `validateRecords, ${m.records.toLocaleString('en-US')} lines / ${m.youngPeople.toLocaleString('en-US')} young people: memory held by the rules (heap + array buffers after GC at the last record, less before)`,
      value: held,
      unit: 'MB',
      baseline: `heap ${m.atLastRecord.heapUsed} MB, array buffers ${m.atLastRecord.arrayBuffers} MB`,
    },
    {
      name: 'validateRecords, 1,000,000 lines, V8 heap capped at 160 MB: peak RSS',
      value: m.peakRss,
      unit: 'MB',
      baseline: `RSS before the run ${m.start.rss} MB`,
      ratio: m.peakRss / m.start.rss,
    },
  );
  return results;
}
