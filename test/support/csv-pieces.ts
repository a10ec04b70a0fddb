/**
 * Shared by the identity-CSV tests: cutting a file into chunks anywhere, and running a `CsvPseudonymisation`
 * piece by piece over text chunks (what `olinpe pseudonymise` ran before the byte path), with the outcome as a
 * plain value (output, counts and rejection lines, or the refusal's message) so that two paths can be compared.
 */
import fc from 'fast-check';
import { csvPieces } from '../../src/_lib/csv-text.js';
import type { CsvPseudonymisation } from '../../src/pseudonymisation/identity-csv.js';

export type PseudonymisationOutcome =
  | { output: string; read: number; written: number; rejections: string[] }
  | { error: string };

/** Cut points of a length: sorted distinct offsets, so that the pieces have any size from 1 to the whole. */
export const cuts = (length: number, maxCuts: number): fc.Arbitrary<number[]> =>
  fc
    .array(fc.integer({ min: 0, max: Math.max(0, length) }), { maxLength: maxCuts })
    .map((xs) => [...new Set(xs)].sort((a, b) => a - b));

/** `whole` cut at the offsets `at` (sorted): the pieces, in order, joined back give `whole`. */
export function split<T extends string | Uint8Array>(whole: T, at: number[]): T[] {
  const parts: T[] = [];
  let from = 0;
  for (const c of [...at, whole.length]) {
    parts.push(whole.slice(from, c) as T);
    from = c;
  }
  return parts;
}

/** Text chunks cut by `csvPieces` and pseudonymised piece by piece; a refusal becomes `{ error }`. */
export async function pseudonymisePieces(
  run: CsvPseudonymisation,
  chunks: AsyncIterable<string> | Iterable<string>,
  pieceLength: number,
): Promise<PseudonymisationOutcome> {
  const out: string[] = [];
  const rejections: string[] = [];
  try {
    for await (const piece of csvPieces(chunks, { pieceLength })) {
      const r = run.piece(piece);
      out.push(r.output);
      rejections.push(...r.rejections);
    }
    run.finish();
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { output: out.join(''), read: run.read, written: run.written, rejections };
}
