/**
 * The memory a run of every rule holds for a national-size file: 1,000,000 records (OLINPE_MEMORY_RECORDS)
 * streamed through `validateRecords`, made as the transmission bench makes them (5,000 `synthLines` cycled, each
 * cycle with fresh NUMANONYM and NUMANONYMANT, so ~600,000 young people). Prints `process.memoryUsage()` right
 * after the last record is handed over (every cross-record state is then live; after a full GC when run with
 * --expose-gc), at the end of the run, and the peak RSS sampled every 10,000 records, as JSON on the last line.
 *
 * Run: node --expose-gc --max-old-space-size=160 --import tsx bench/rules-memory.ts
 */
import { validateRecords } from '../src/rules/index.js';
import type { RecordValues } from '../src/rules/index.js';
import { synthLines } from '../src/synth/index.js';

const TOTAL = Number(process.env.OLINPE_MEMORY_RECORDS ?? 1_000_000);
const POOL = 5_000;
const MB = 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (m: NodeJS.MemoryUsage): Record<string, number> => ({
  rss: Math.round(m.rss / MB),
  heapUsed: Math.round(m.heapUsed / MB),
  external: Math.round(m.external / MB),
  arrayBuffers: Math.round(m.arrayBuffers / MB),
});

const pool: Record<string, string | undefined>[] = [];
for (const line of synthLines({ seed: 'bench', year: 2023, records: POOL })) {
  pool.push(line.record as Record<string, string | undefined>);
  if (pool.length >= POOL) break;
}
const fresh = (p: string | undefined, cycle: number): string | undefined =>
  !p || cycle === 0 ? p : cycle.toString(16).padStart(6, '0') + p.slice(6);

gc?.();
const start = mb(process.memoryUsage());
let peak = 0;
let atLast: Record<string, number> = {};

function* records(): Generator<RecordValues> {
  for (let i = 0, cycle = 0; i < TOTAL; cycle++) {
    for (let k = 0; k < pool.length && i < TOTAL; k++, i++) {
      const r = pool[k]!;
      if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      yield { ...r, NUMANONYM: fresh(r.NUMANONYM, cycle), NUMANONYMANT: fresh(r.NUMANONYMANT, cycle) } as RecordValues;
    }
  }
  gc?.();
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  atLast = mb(m);
}

const t0 = performance.now();
const run = validateRecords(records(), { referenceYear: 2023 });
let findings = 0;
for await (const _ of run) findings++;
const summary = run.summary!;
const seconds = (performance.now() - t0) / 1000;
const end = mb(process.memoryUsage());
console.log(
  JSON.stringify({
    records: summary.records,
    youngPeople: summary.youngPeople,
    findings,
    seconds: Math.round(seconds * 10) / 10,
    start,
    atLastRecord: atLast,
    end,
    peakRss: Math.round(Math.max(peak, process.memoryUsage().rss) / MB),
  }),
);
