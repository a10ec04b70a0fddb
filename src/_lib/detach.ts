/**
 * A copy of a string that keeps nothing else alive. V8 may represent a substring of 13 characters or more as a
 * view on its parent (a reader's substring would then hold the whole 64–256 KB chunk it was cut from), and a
 * string built by `+=` as a tree of its pieces (a key of eight values joined by `|` is then some fifteen small
 * objects). Anything kept for a whole run (findings, the per-person state of cross-record rules) goes through
 * this, so that its memory is its own characters. Shorter strings are copies already and pass as they are.
 *
 * Guarded by test/transmission/retention.test.ts (a kept value does not hold its chunk).
 *
 * @example
 * const chunk = 'x'.repeat(64 * 1024);
 * detach(chunk.slice(100, 140)); // the same 40 characters, without the chunk behind them
 */
export function detach(value: string): string {
  // Slicing a concatenation flattens it into a fresh string first; the slice then points into that copy only.
  return value.length < 13 ? value : (' ' + value).slice(1);
}
