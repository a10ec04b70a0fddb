/**
 * Pseudonymisation throughput. Plain tsx script: `npx tsx bench/pseudonymisation.bench.ts`, or imported by
 * bench/run.ts which calls run(). Single core, best of several timed rounds after a warm-up.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createPseudonymiser, normaliseName } from '../src/pseudonymisation/index.js';
import { phonex12 } from '../src/pseudonymisation/phonex.js';
import { sha1Hex, utf8 } from '../src/pseudonymisation/sha1.js';
import type { Identity } from '../src/pseudonymisation/index.js';
import type { BenchResult } from './run.js';

const KEY = 'bench-cle-departementale-0001';
const FLOOR = 200_000;
const FIRST = [
  'Jean-Marc',
  'Zoé',
  'Anaïs',
  'Loïc',
  'Marie Thérèse',
  'Œdipe',
  'Philippe',
  'Kylian',
  'Gwenaëlle',
  'Yanis',
  'Chloé',
  'Søren',
  'Léa',
  'Enzo',
  'Inès',
  'Théo',
  'Camille',
  'Mathéo',
  'Jade',
  'Louise',
  'Noah',
  'Lina',
  'Adam',
  'Sacha',
];
const MOTHER = [
  'Le Goff',
  'Dupont',
  "N'Diaye",
  'Lefèvre',
  'De La Fontaine',
  'Straße',
  'Schœlcher',
  'Öztürk',
  'Quéméner',
  'Ben Saïd',
  "O'Connor",
  'Łukasiewicz',
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
];

/** Deterministic identities: every first name with every mother's name, many dates. */
function identities(count: number): Identity[] {
  const out: Identity[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      prenom: FIRST[i % FIRST.length] as string,
      nomMere: MOTHER[Math.floor(i / FIRST.length) % MOTHER.length] as string,
      moisNaissance: 1 + (i % 12),
      anneeNaissance: 2000 + (i % 21),
    });
  }
  return out;
}

/** Best rate (operations per second) of `rounds` timed passes of `pass`, which performs `ops` operations. */
function rate(ops: number, pass: () => void, rounds = 5): number {
  pass(); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    pass();
    best = Math.min(best, performance.now() - t);
  }
  return (ops / best) * 1000;
}

const nodeSha1 = (data: Uint8Array): string => createHash('sha1').update(data).digest('hex');

export async function run(): Promise<BenchResult[]> {
  const ids = identities(60_000);
  // The same hashed texts, computed once, for the baseline: raw node:crypto SHA-1 of pre-normalised strings.
  const texts = ids.map((id) => {
    const p = normaliseName(id.prenom);
    const m = normaliseName(id.nomMere);
    const d = `${String(id.moisNaissance).padStart(2, '0')}${id.anneeNaissance}`;
    return [p + m + d + KEY, phonex12(p) + phonex12(m) + KEY] as const;
  });
  const ours = createPseudonymiser({ key: KEY });
  const oursNode = createPseudonymiser({ key: KEY, sha1: nodeSha1 });
  let sink = 0;
  const baseline = rate(ids.length, () => {
    for (const [a, b] of texts) {
      sink += createHash('sha1').update(a).digest('hex').slice(0, 20).length;
      sink += createHash('sha1').update(b).digest('hex').slice(0, 20).length;
    }
  });
  const pure = rate(ids.length, () => {
    for (const id of ids) sink += ours(id).length;
  });
  const withNode = rate(ids.length, () => {
    for (const id of ids) sink += oursNode(id).length;
  });
  const block = utf8('JEANMARCLEGOFF032010bench-cle-departementale-0001');
  const small = 200_000;
  const pureSmall = rate(small, () => {
    for (let i = 0; i < small; i++) sink += sha1Hex(block).length;
  });
  const nodeSmall = rate(small, () => {
    for (let i = 0; i < small; i++) sink += nodeSha1(block).length;
  });
  const big = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 0xff);
  const mb = big.length / (1 << 20);
  const pureBig = rate(
    mb * 8,
    () => {
      for (let i = 0; i < 8; i++) sink += sha1Hex(big).length;
    },
    3,
  );
  const nodeBig = rate(
    mb * 8,
    () => {
      for (let i = 0; i < 8; i++) sink += nodeSha1(big).length;
    },
    3,
  );
  if (sink === 0) throw new Error('unreachable');
  const r = (x: number, y: number): number => Math.round((x / y) * 1000) / 1000;
  return [
    {
      name: 'pseudonymise (pure TS SHA-1)',
      value: Math.round(pure),
      unit: 'identities/s',
      baseline: 'node:crypto SHA-1 of the pre-normalised texts',
      ratio: r(pure, baseline),
    },
    {
      name: 'pseudonymise (node:crypto SHA-1 injected)',
      value: Math.round(withNode),
      unit: 'identities/s',
      baseline: 'node:crypto SHA-1 of the pre-normalised texts',
      ratio: r(withNode, baseline),
    },
    {
      name: 'baseline: node:crypto SHA-1, 2 hashes per identity, pre-normalised',
      value: Math.round(baseline),
      unit: 'identities/s',
    },
    {
      name: 'SHA-1 pure TS, 49-byte message',
      value: Math.round(pureSmall),
      unit: 'hashes/s',
      baseline: 'node:crypto',
      ratio: r(pureSmall, nodeSmall),
    },
    { name: 'SHA-1 node:crypto, 49-byte message', value: Math.round(nodeSmall), unit: 'hashes/s' },
    {
      name: 'SHA-1 pure TS, 1 MiB',
      value: Math.round(pureBig),
      unit: 'MiB/s',
      baseline: 'node:crypto',
      ratio: r(pureBig, nodeBig),
    },
    { name: 'SHA-1 node:crypto, 1 MiB', value: Math.round(nodeBig), unit: 'MiB/s' },
  ];
}

function table(results: BenchResult[]): string {
  const rows = results.map((x) => [
    x.name,
    x.value.toLocaleString('en-US'),
    x.unit,
    x.ratio === undefined ? '' : `×${x.ratio} vs ${x.baseline}`,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  process.stdout.write(`${table(results)}\n`);
  const main = results[0] as BenchResult;
  process.stdout.write(
    `floor ${FLOOR.toLocaleString('en-US')} identities/s: ${main.value >= FLOOR ? 'met' : 'NOT met'}\n`,
  );
}
