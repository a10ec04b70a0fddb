/**
 * The bench's transmission file, shared by bench/transmission.bench.ts and bench/parser-ceiling.ts: realistic 2016
 * events (synthetic lines from `synthLines`, made in a child process by bench/transmission-pool.ts) cycled with
 * fresh pseudonyms up to the number asked, every variable written as real exports do.
 */
import { createWriteStream } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WritableRecord } from '../src/transmission/index.js';

/** Distinct synthetic lines generated (synth costs ~90 µs a line; 5,000 keep the pool small in memory). */
export const POOL = 5_000;

/**
 * The pool of distinct synthetic lines of one year, person by person, made in a child process
 * (bench/transmission-pool.ts) so that synthesis's memory is not counted in this process's RSS.
 */
export function pool(size: number, year: number): Record<string, string | undefined>[] {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'transmission-pool.ts');
  const out = execFileSync(process.execPath, [...process.execArgv, script, String(size), String(year)], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string | undefined>[];
}

/** A pseudonym made fresh for cycle `cycle` (its first 6 hexadecimal digits replaced), '' kept. */
function fresh(pseudonym: string | undefined, cycle: number): string | undefined {
  if (!pseudonym || cycle === 0) return pseudonym;
  return cycle.toString(16).padStart(6, '0') + pseudonym.slice(6);
}

/** `total` events: the pool cycled, each cycle with its own young people (fresh NUMANONYM, NUMANONYMANT). */
export function* events(
  lines: readonly Record<string, string | undefined>[],
  total: number,
): Generator<WritableRecord> {
  for (let i = 0, cycle = 0; i < total; cycle++) {
    for (let k = 0; k < lines.length && i < total; k++, i++) {
      const r = lines[k]!;
      yield cycle === 0
        ? r
        : { ...r, NUMANONYM: fresh(r.NUMANONYM, cycle), NUMANONYMANT: fresh(r.NUMANONYMANT, cycle) };
    }
  }
}

/** Writes chunks to a file, waiting for the stream to drain. */
export async function writeFile(path: string, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}
