/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchResult[]>`), each suite in a
 * process of its own (so one suite's memory never counts in another's RSS figures), then prints one table
 * with the baselines beside ours and the ratios, and writes bench/results.json (not committed).
 * Pass names to run a subset: `npm run bench -- pseudonymisation rules`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (args[0] === '--suite') {
  // Child: run one suite and leave its results in the file named by the parent.
  const [, file, out] = args as [string, string, string];
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchResult[]> };
  writeFileSync(out, JSON.stringify(await mod.run()));
} else {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((w) => f.startsWith(w)))
    .sort();
  const tmp = mkdtempSync(join(tmpdir(), 'olinpe-bench-results-'));
  const all: (BenchResult & { suite: string })[] = [];
  try {
    for (const file of files) {
      const suite = file.replace(/\.bench\.ts$/, '');
      console.log(`\n# ${suite}`);
      const out = join(tmp, `${suite}.json`);
      execFileSync(process.execPath, [...process.execArgv, self, '--suite', file, out], { stdio: 'inherit' });
      for (const r of JSON.parse(readFileSync(out, 'utf8')) as BenchResult[]) all.push({ suite, ...r });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `\n## Summary (${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})\n`,
  );
  console.log('| suite | measure | value | unit | baseline | ratio |');
  console.log('|---|---|---:|---|---|---:|');
  for (const r of all) {
    const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(3);
    console.log(
      `| ${r.suite} | ${r.name} | ${value} | ${r.unit} | ${r.baseline ?? ''} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} |`,
    );
  }
  writeFileSync(
    join(dir, 'results.json'),
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results: all }, null, 2)}\n`,
  );
}
