/**
 * validateRecord on one realistic record (median per call), beside a plain `recordSchema2016.safeParse` of the
 * same record measured in the same run; and validateRecords throughput on a stream of lines.
 */
import fc from 'fast-check';
import { recordSchema2016 } from '../src/model/index.js';
import { collectValidation, validateRecord } from '../src/rules/index.js';
import { coherentRecordArb } from '../test/support/coherent-record.js';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

function medianMicros(fn: () => void, rounds = 41, perRound = 2000): number {
  for (let i = 0; i < perRound; i++) fn(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / perRound);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  const records = fc.sample(coherentRecordArb, { numRuns: 200, seed: 42 }).map((c) => c.record);
  let k = 0;
  const next = (): Record<string, string> => records[k++ % records.length]!;
  const broken = records.map((r) => ({ ...r, DATFIN: '2019-13-01', SEXE: '7' }));
  let j = 0;
  let sink = 0;
  const ours = medianMicros(() => {
    sink += validateRecord(next(), { referenceYear: 2019 }).findings.length;
  });
  const zod = medianMicros(() => {
    sink += recordSchema2016.safeParse(next()).success ? 1 : 0;
  });
  const oursBroken = medianMicros(() => {
    sink += validateRecord(broken[j++ % broken.length]!, { referenceYear: 2019 }).findings.length;
  });
  const lines = Array.from({ length: 50_000 }, (_, i) => ({ ...records[i % records.length]!, NUMANONYM: (i % 20_000).toString(16).padStart(40, '0') }));
  const t0 = performance.now();
  const { summary } = await collectValidation(lines, { referenceYear: 2019 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`validateRecord median ${ours.toFixed(2)} µs, zod safeParse ${zod.toFixed(2)} µs (ratio ${(ours / zod).toFixed(2)}); with findings ${oursBroken.toFixed(2)} µs; validateRecords ${Math.round(summary.records / seconds)} lines/s (${sink > 0 ? 'ok' : ''})`);
  return [
    { name: 'validateRecord, coherent 2016 record (median)', value: ours, unit: 'µs', baseline: `recordSchema2016.safeParse ${zod.toFixed(2)} µs`, ratio: ours / zod },
    { name: 'validateRecord, record with 2 errors (median)', value: oursBroken, unit: 'µs', baseline: `recordSchema2016.safeParse ${zod.toFixed(2)} µs`, ratio: oursBroken / zod },
    { name: 'validateRecords, 50,000 lines / 20,000 young people', value: summary.records / seconds, unit: 'lines/s' },
  ];
}
