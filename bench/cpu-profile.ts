/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by function, then (with `--inclusive`) time including
 * callees, and (with `--lines NAME`) the hottest source lines of one function. Where issue 16's time goes, e.g.:
 *
 * ```
 * npm run build && npx tsx bench/make-file.ts 200000 /tmp/olinpe-200k.xml
 * node --cpu-prof --cpu-prof-dir /tmp/olinpe-prof dist/cli.js validate /tmp/olinpe-200k.xml --year 2023 --format json > /dev/null
 * npx tsx bench/cpu-profile.ts /tmp/olinpe-prof --top 40 --inclusive
 * npx tsx bench/cpu-profile.ts /tmp/olinpe-prof --lines scan
 * ```
 *
 * A folder is read for its newest `.cpuprofile`. The profile samples wall time on the main thread: on a loaded
 * machine, compare shares within one profile, not milliseconds between two.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const path = args[0];
if (!path) {
  console.error(
    'usage: npx tsx bench/cpu-profile.ts <file.cpuprofile | folder> [--top N] [--inclusive] [--lines NAME]',
  );
  process.exit(2);
}
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const top = Number(option('--top') ?? 30);
const file = statSync(path).isDirectory()
  ? join(
      path,
      readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort()
        .at(-1) ?? '',
    )
  : path;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Node): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').at(-1)}:${n.callFrame.lineNumber + 1}`;

// Microseconds of samples per node.
const own = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  own.set(id, (own.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...own.values()].reduce((a, b) => a + b, 0);
const show = (rows: Map<string, number>): void => {
  for (const [k, t] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${k}`);
};

console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
const self = new Map<string, number>();
for (const [id, t] of own) {
  const k = name(byId.get(id)!);
  self.set(k, (self.get(k) ?? 0) + t);
}
console.log('self time');
show(self);

if (args.includes('--inclusive')) {
  const inclusive = new Map<string, number>();
  for (const [id, t] of own) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = name(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
  console.log('with callees');
  show(inclusive);
}

const fn = option('--lines');
if (fn !== undefined) {
  const lines = new Map<string, number>();
  for (const n of profile.nodes) {
    if (n.callFrame.functionName !== fn) continue;
    for (const p of n.positionTicks ?? []) {
      const k = `${n.callFrame.url.split('/').at(-1)}:${p.line}`;
      lines.set(k, (lines.get(k) ?? 0) + p.ticks);
    }
  }
  const ticks = [...lines.values()].reduce((a, b) => a + b, 0);
  console.log(`lines of ${fn} (${ticks} samples)`);
  for (const [k, t] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${String(t).padStart(8)} ${((100 * t) / Math.max(1, ticks)).toFixed(1).padStart(5)} %  ${k}`);
}
