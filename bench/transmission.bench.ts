/**
 * Transmission file: write and read throughput (records/s, MB/s) and peak memory on a generated file of
 * OLINPE_BENCH_TRANSMISSION_RECORDS records (default 100,000; every variable present, as real exports are),
 * beside baselines measured in the same run:
 * - writing: plain string concatenation of the same records in schema order, no check, no escaping;
 * - reading: saxes alone tokenising the same bytes (decoding included), without building any record.
 * The file is written to a temporary directory and read back from disk as a stream, so the peak memory
 * shows what streaming holds, not the file size.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { elementOrder, readTransmission, writeTransmission } from '../src/transmission/index.js';
import { validRecordArb } from '../test/support/arbitraries.js';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const RECORDS = Number(process.env.OLINPE_BENCH_TRANSMISSION_RECORDS ?? 100_000);

/** Distinct valid records, all variables present (absent ones filled with ''), cycled up to `total`. */
function* records(total: number): Generator<Record<string, string>> {
  const order = elementOrder('2016');
  const pool = fc.sample(validRecordArb('2016'), { numRuns: 2000, seed: 20_160 }).map((r) => {
    const full: Record<string, string> = {};
    for (const name of order) full[name] = r[name] ?? '';
    return full;
  });
  for (let i = 0; i < total; i++) yield pool[i % pool.length]!;
}

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

async function writeFile(path: string, chunks: AsyncIterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'olinpe-bench-'));
  const xmlPath = join(dir, 'bench.xml');
  const csvPath = join(dir, 'bench.csv');
  const results: BenchResult[] = [];
  const order = elementOrder('2016');
  try {
    // Warm the record pool (fast-check sampling) outside the timings.
    records(1).next();
    results.push({ name: 'RSS before the runs (process + record pool)', value: process.memoryUsage().rss / 2 ** 20, unit: 'MB' });

    // Writing: baseline string concatenation vs our writer (model check, escaping, chunking).
    const base = await time(async () => {
      let total = 0;
      let buffer = '';
      for (const r of records(RECORDS)) {
        buffer += '  <DONNEE>\n';
        for (const name of order) {
          const v = r[name]!;
          buffer += v === '' ? `    <${name} />\n` : `    <${name}>${v}</${name}>\n`;
        }
        buffer += '  </DONNEE>\n';
        if (buffer.length > 65_536) {
          total += buffer.length;
          buffer = '';
        }
      }
      return total + buffer.length;
    });
    const ours = await time(() => writeFile(xmlPath, writeTransmission(records(RECORDS), { dateExport: '2024-01-31' })));
    const mb = ours.value / 2 ** 20;
    console.log(`  file: ${RECORDS.toLocaleString('en-US')} records, ${mb.toFixed(0)} MB of XML`);
    results.push({ name: 'write XML baseline (string concatenation, no check)', value: RECORDS / base.seconds, unit: 'records/s' });
    results.push({
      name: 'write XML (writeTransmission, to disk)',
      value: RECORDS / ours.seconds,
      unit: 'records/s',
      baseline: 'string concatenation',
      ratio: base.seconds / ours.seconds,
    });
    results.push({ name: 'write XML throughput', value: mb / ours.seconds, unit: 'MB/s' });
    results.push({ name: 'write XML peak RSS', value: ours.peakMb, unit: 'MB' });

    // Reading: raw saxes tokenising vs our reader (records, edition, model check) vs our reader without model check.
    const raw = await time(async () => {
      const parser = new SaxesParser({ position: true });
      let elements = 0;
      parser.on('opentag', () => elements++);
      const decoder = new TextDecoder();
      for await (const chunk of createReadStream(xmlPath, { highWaterMark: 1 << 16 })) parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      parser.close();
      return elements;
    });
    const readOurs = async (checkModel: boolean): Promise<number> => {
      let read = 0;
      for await (const item of readTransmission(createReadStream(xmlPath, { highWaterMark: 1 << 16 }), { format: 'xml', checkModel })) {
        if (item.type === 'summary') read = item.read;
      }
      if (read !== RECORDS) throw new Error(`read ${read} records, expected ${RECORDS}`);
      return read;
    };
    const plain = await time(() => readOurs(false));
    const full = await time(() => readOurs(true));
    results.push({ name: 'read XML baseline (saxes tokenising only)', value: RECORDS / raw.seconds, unit: 'records/s' });
    results.push({ name: 'read XML baseline throughput', value: mb / raw.seconds, unit: 'MB/s' });
    results.push({
      name: 'read XML into records (no model check)',
      value: RECORDS / plain.seconds,
      unit: 'records/s',
      baseline: 'saxes tokenising',
      ratio: raw.seconds / plain.seconds,
    });
    results.push({
      name: 'read XML into records + model check (readTransmission default)',
      value: RECORDS / full.seconds,
      unit: 'records/s',
      baseline: 'saxes tokenising',
      ratio: raw.seconds / full.seconds,
    });
    results.push({ name: 'read XML throughput (default)', value: mb / full.seconds, unit: 'MB/s' });
    results.push({ name: 'read XML peak RSS (default, streaming from disk)', value: full.peakMb, unit: 'MB' });

    // CSV: write then read.
    const csvWrite = await time(() => writeFile(csvPath, writeTransmission(records(RECORDS), { format: 'csv' })));
    const csvMb = statSync(csvPath).size / 2 ** 20;
    const csvRead = await time(async () => {
      let read = 0;
      for await (const item of readTransmission(createReadStream(csvPath, { highWaterMark: 1 << 16 }), { format: 'csv' })) {
        if (item.type === 'summary') read = item.read;
      }
      if (read !== RECORDS) throw new Error(`CSV: read ${read} records, expected ${RECORDS}`);
      return read;
    });
    results.push({ name: 'write CSV', value: RECORDS / csvWrite.seconds, unit: 'records/s', baseline: 'XML writer', ratio: ours.seconds / csvWrite.seconds });
    results.push({ name: 'read CSV + model check', value: RECORDS / csvRead.seconds, unit: 'records/s', baseline: 'XML reader', ratio: full.seconds / csvRead.seconds });
    results.push({ name: 'read CSV throughput', value: csvMb / csvRead.seconds, unit: 'MB/s' });
    results.push({ name: 'read CSV peak RSS', value: csvRead.peakMb, unit: 'MB' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results) {
    console.log(`  ${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.ratio !== undefined ? ` (×${r.ratio.toFixed(2)} vs ${r.baseline})` : ''}`);
  }
  return results;
}
