/**
 * One pass of the validateRecord-versus-zod comparison, meant to run in a fresh process (bench/rules.bench.ts
 * starts several and takes the median): `validateRecord` and `recordSchema2016.safeParse` on the same records, a
 * coherent one and one with two errors (SEXE 7 and NUMDEP ZZZ: two findings for the rules, two issues for zod),
 * timed in interleaved rounds so that the load of a shared machine weighs on both alike. Prints one JSON line:
 * the median µs per call of each.
 */
import fc from 'fast-check';
import { recordSchema2016 } from '../src/model/index.js';
import { validateRecord } from '../src/rules/index.js';
import { coherentRecordArb } from '../test/support/coherent-record.js';

const clean: Record<string, string>[] = fc.sample(coherentRecordArb, { numRuns: 200, seed: 42 }).map((c) => c.record);
const broken = clean.map((r) => ({ ...r, SEXE: '7', NUMDEP: 'ZZZ' }));
const options = { referenceYear: 2019 };
let sink = 0;
let k = 0;

const passes: Record<string, () => void> = {
  rulesClean: () => {
    sink += validateRecord(clean[k++ % 200]!, options).findings.length;
  },
  zodClean: () => {
    sink += recordSchema2016.safeParse(clean[k++ % 200]!).success ? 1 : 0;
  },
  rulesBroken: () => {
    sink += validateRecord(broken[k++ % 200]!, options).findings.length;
  },
  zodBroken: () => {
    sink += recordSchema2016.safeParse(broken[k++ % 200]!).success ? 1 : 0;
  },
};

const ROUNDS = 31;
const PER_ROUND = 1000;
const samples: Record<string, number[]> = {};
for (const [name, fn] of Object.entries(passes)) {
  samples[name] = [];
  for (let i = 0; i < 3 * PER_ROUND; i++) fn(); // warm-up
}
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(passes)) {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) fn();
    samples[name]!.push(((performance.now() - t0) * 1000) / PER_ROUND);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: Record<string, number> = {};
for (const [name, xs] of Object.entries(samples)) out[name] = median(xs);
const findings = validateRecord(broken[0]!, options).findings.length;
console.log(JSON.stringify({ ...out, findingsOnBroken: findings, sink: sink > 0 }));
