/**
 * Building trajectories from 3,000,000 event lines (generated here by a fast internal generator: people with
 * one to three measures over three years, openings, renewals and ends), lines/second and peak memory, beside
 * a naive baseline (a Map of arrays of record objects grouped by NUMANONYM) over the same lines.
 */
import { RecordTable, linkTable } from '../src/analysis/index.js';
import type { BenchResult } from './run.js';

const LINES = Number(process.env.OLINPE_BENCH_ANALYSIS_LINES ?? 3_000_000);

function* generate(total: number): Generator<Record<string, string>> {
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 4_294_967_296;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = (y: number, doy: number): string => {
    const d = new Date(Date.UTC(y, 0, 1 + doy));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  let n = 0;
  for (let p = 0; n < total; p++) {
    const id = ((p * 2_654_435_761) >>> 0).toString(16).padStart(8, '0').repeat(5);
    const base = {
      NUMDEP: '84',
      NUMANONYM: id,
      NUMANONYMANT: id,
      SEXE: rnd() < 0.5 ? '1' : '2',
      ANAIS: String(2002 + Math.floor(rnd() * 18)),
      MNAIS: pad(1 + Math.floor(rnd() * 12)),
    };
    const measures = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < measures && n < total; k++) {
      const judicial = rnd() < 0.6;
      const dec = judicial
        ? { DECISION: '2', NATDECASSED: ['15', '17', '14'][Math.floor(rnd() * 3)]!, NATPDECADM: '' }
        : { DECISION: '1', NATPDECADM: ['10', '14'][Math.floor(rnd() * 2)]!, NATDECASSED: '' };
      const y = 2017 + Math.floor(rnd() * 3);
      const doy = Math.floor(rnd() * 360);
      const period = { ...dec, DATDECPE: date(y, doy), DATDEB: date(y, doy + 3) };
      yield { ...base, TYPEV: '1', ...period, VIOLPSY: '2' };
      n++;
      if (rnd() < 0.6 && n < total) {
        yield { ...base, TYPEV: '3', ...period, DATFIN: date(y, doy + 200), MOTFININT: '1', MOTIFML: '10' };
        n++;
        if (rnd() < 0.4 && n < total) {
          yield { ...base, TYPEV: '2', ...dec, DATDECPE: date(y, doy + 200), DATDEB: date(y, doy + 201) };
          n++;
        }
      }
    }
  }
}

function sampler(): { stop: () => { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const take = (): void => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(take, 50);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { rss, heap };
    },
  };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Runs the bench. */
export async function run(): Promise<BenchResult[]> {
  // Ours: stream the generated lines into the columnar table, then link.
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let s = sampler();
  let t0 = performance.now();
  const table = new RecordTable();
  let i = 0;
  for (const r of generate(LINES)) {
    table.add(r, 'bench', ++i);
    if ((i & 0xffff) === 0) await new Promise((ok) => setImmediate(ok)); // let the sampler run
  }
  const t = linkTable(table);
  const ours = (performance.now() - t0) / 1000;
  const mem = s.stop();
  console.log(
    `ours: ${LINES} lines, ${t.people.length} people, ${t.measures.length} measures in ${ours.toFixed(1)} s; peak rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap +${((mem.heap - heap0) / 2 ** 20).toFixed(0)} MiB`,
  );

  // Baseline: keep every record object and group them in a Map of arrays by NUMANONYM (no pairing at all).
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  s = sampler();
  t0 = performance.now();
  const groups = new Map<string, Record<string, string>[]>();
  i = 0;
  for (const r of generate(LINES)) {
    const g = groups.get(r.NUMANONYM!);
    if (g) g.push(r);
    else groups.set(r.NUMANONYM!, [r]);
    if ((++i & 0xffff) === 0) await new Promise((ok) => setImmediate(ok));
  }
  for (const g of groups.values()) g.sort((a, b) => (a.DATDEB! < b.DATDEB! ? -1 : 1));
  const naive = (performance.now() - t0) / 1000;
  const memNaive = s.stop();
  console.log(
    `baseline: ${groups.size} groups in ${naive.toFixed(1)} s; peak rss ${(memNaive.rss / 2 ** 20).toFixed(0)} MiB, heap +${((memNaive.heap - heap1) / 2 ** 20).toFixed(0)} MiB`,
  );
  const oursHeap = Math.max(1, mem.heap - heap0);
  const naiveHeap = Math.max(1, memNaive.heap - heap1);
  return [
    {
      name: `buildTrajectories, ${LINES.toLocaleString('en-US')} lines (generation included)`,
      value: LINES / ours,
      unit: 'lines/s',
      baseline: 'Map-of-arrays grouping by NUMANONYM',
      ratio: naive / ours,
    },
    {
      name: 'buildTrajectories peak heap growth',
      value: oursHeap / 2 ** 20,
      unit: 'MiB',
      baseline: `Map-of-arrays: ${(naiveHeap / 2 ** 20).toFixed(0)} MiB`,
      ratio: naiveHeap / oursHeap,
    },
    {
      name: 'buildTrajectories peak rss (process)',
      value: mem.rss / 2 ** 20,
      unit: 'MiB',
      baseline: `Map-of-arrays (after ours): ${(memNaive.rss / 2 ** 20).toFixed(0)} MiB`,
    },
    { name: 'baseline: Map-of-arrays grouping', value: LINES / naive, unit: 'lines/s' },
  ];
}
