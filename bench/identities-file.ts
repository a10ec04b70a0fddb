/**
 * The bench's identity file (`olinpe pseudonymise` input): `rows` rows of `NUMDEP;PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;SEXE`,
 * fake names built from syllables (accents, hyphens, apostrophes, particles), drawn with Zipf-like frequencies as
 * real names are: 4,000 first names and 200,000 mothers' birth names, so that names repeat as in a national file
 * (first names much more than surnames). With `distinct`, every row's names are new (the worst case for the
 * pseudonymiser's memory of names). Run alone: `npx tsx bench/identities-file.ts ROWS PATH [distinct]`.
 */
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SYLLABLES = [
  'ma',
  'lé',
  'no',
  'ri',
  'an',
  'to',
  'è',
  'li',
  'sa',
  'ber',
  'gö',
  'dan',
  'ël',
  'chri',
  'phi',
  'lou',
  'ya',
  'zo',
  'ka',
  'mi',
  'œu',
  'tel',
  'vin',
  'cent',
  'mar',
  'ti',
  'nez',
  'rou',
  'ge',
  'ç',
  'ois',
  'ham',
  'ed',
  'sch',
  'mid',
  'ßa',
  'ro',
  'dri',
  'guez',
  'fa',
];
const PARTICLES = ['', '', '', '', '', 'Le ', 'De ', "D'", 'de La ', 'Ben ', "N'", 'Van '];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function name(n: number, parts: number, rng: () => number, particles: boolean): string {
  let s = '';
  let k = n;
  for (let i = 0; i < parts; i++) {
    s += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length) + Math.floor(rng() * 7);
  }
  if (rng() < 0.08) s += `-${SYLLABLES[Math.floor(rng() * SYLLABLES.length)]}${SYLLABLES[n % 17]}`;
  const word = s.charAt(0).toUpperCase() + s.slice(1);
  return (particles ? PARTICLES[n % PARTICLES.length] : '') + word;
}

/** A sampler of ranks 0..n-1 with probability ∝ 1/(rank+1)^s. */
function zipf(n: number, s: number, rng: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Writes the identity file; resolves when it is on disk. */
export async function writeIdentities(path: string, rows: number, distinct = false): Promise<void> {
  const rng = mulberry32(20240131);
  const firstNames = Array.from({ length: 4000 }, (_, i) => name(i * 7 + 3, 2 + (i % 2), rng, false));
  const motherNames = distinct
    ? []
    : Array.from({ length: 200_000 }, (_, i) => name(i * 13 + 5, 2 + (i % 3), rng, true));
  const first = zipf(firstNames.length, 1.0, rng);
  const mother = zipf(200_000, 0.9, rng);
  const out = createWriteStream(path);
  let buffer = 'NUMDEP;PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;SEXE\n';
  for (let i = 0; i < rows; i++) {
    const p = distinct ? `${name(i, 3, rng, false)}${i.toString(36)}` : firstNames[first()]!;
    const m = distinct ? `${name(i * 31 + 1, 3, rng, true)}${(i * 7).toString(36)}` : motherNames[mother()]!;
    const month = 1 + (i % 12);
    buffer += `75;${p};${m};${1 + (i % 28)};${month};${2000 + (i % 21)};${1 + (i % 2)}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((r) => out.end(() => r()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeIdentities(process.argv[3]!, Number(process.argv[2]), process.argv[4] === 'distinct');
}
