/**
 * One timed pass of bench/floors.bench.ts, run in a fresh process of its own; prints one JSON line.
 *
 * - `hash-floor ROWS`: `crypto.hash('sha1')` of two 50-byte strings a row (what issue 16 calls the floor of
 *   pseudonymisation); the strings are made before the clock starts, only the hashing is timed (CPU).
 * - `record WHICH`: `validateRecord` or zod's `recordSchema2016.safeParse` (WHICH = ours-clean, zod-clean,
 *   ours-broken, zod-broken) on 200 coherent 2016 records (clean) or the same records with two errors (DATFIN
 *   2019-13-01, SEXE 7): median CPU µs a call over 41 rounds of 2,000 calls after a warm-up.
 */
import { hash } from 'node:crypto';
import fc from 'fast-check';
import { recordSchema2016 } from '../src/model/index.js';
import { validateRecord } from '../src/rules/index.js';
import { coherentRecordArb } from '../test/support/coherent-record.js';

const [what, arg] = process.argv.slice(2) as [string, string];

/** Median CPU µs a call (process.cpuUsage: steadier than the clock on a shared machine, where a process waits). */
function medianMicros(fn: () => void, rounds = 41, perRound = 2000): number {
  for (let i = 0; i < perRound * 2; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < perRound; i++) fn();
    const t = process.cpuUsage(t0);
    samples.push((t.user + t.system) / perRound);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

if (what === 'hash-floor') {
  const rows = Number(arg);
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < rows; i++) {
    a.push(`JEANMARCLEGOFF${String(i).padStart(8, '0')}032010bench-cle-departementale`);
    b.push(`0.32856627260.5113263810${String(i).padStart(6, '0')}bench-cle-depart`);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < rows; i++)
    sink += (hash('sha1', a[i]!) as string).length + (hash('sha1', b[i]!) as string).length;
  const cpu = process.cpuUsage(cpu0);
  if (sink !== rows * 80) throw new Error('unexpected digest length');
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
} else if (what === 'record') {
  const coherent = fc.sample(coherentRecordArb, { numRuns: 200, seed: 42 }).map((c) => c.record);
  const broken = coherent.map((r) => ({ ...r, DATFIN: '2019-13-01', SEXE: '7' }));
  const records = arg.endsWith('broken') ? broken : coherent;
  let k = 0;
  let sink = 0;
  const micros = arg.startsWith('ours')
    ? medianMicros(() => {
        sink += validateRecord(records[k++ % records.length]!, { referenceYear: 2019 }).findings.length;
      })
    : medianMicros(() => {
        sink += recordSchema2016.safeParse(records[k++ % records.length]!).success ? 1 : 0;
      });
  console.log(JSON.stringify({ micros, sink }));
} else {
  throw new Error(`unknown pass ${what}`);
}
