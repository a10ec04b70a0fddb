/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchResult[]>`), prints
 * one table with the baselines beside ours and the ratios, and writes bench/results.json (not committed).
 * Pass names to run a subset: `npm run bench -- pseudonymisation rules`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const all: (BenchResult & { suite: string })[] = [];
for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  console.log(`\n# ${suite}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchResult[]> };
  const results = await mod.run();
  for (const r of results) all.push({ suite, ...r });
}

console.log('\n## Summary\n');
console.log('| suite | measure | value | unit | baseline | ratio |');
console.log('|---|---|---:|---|---|---:|');
for (const r of all) {
  const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(3);
  console.log(`| ${r.suite} | ${r.name} | ${value} | ${r.unit} | ${r.baseline ?? ''} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} |`);
}
writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results: all }, null, 2)}\n`);
