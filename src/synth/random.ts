/**
 * A small seeded pseudo-random generator (mulberry32) and seed derivation (splitmix-style mixing), in pure
 * TypeScript: no `Math.random`, no Node `crypto`, identical results in Node and in a browser.
 *
 * @module
 */

/** Mixes 32-bit integers into one well-spread 32-bit seed (murmur3 finaliser applied after each part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = (h + 0x6d2b79f5) >>> 0;
  }
  return h >>> 0;
}

/**
 * A seed given as a number or a text, as a 32-bit integer (texts are hashed with FNV-1a).
 *
 * @example
 * seedNumber(42); // 42
 * seedNumber('demo') === seedNumber('demo'); // true
 */
export function seedNumber(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
    const low = Math.trunc(seed) >>> 0;
    const high = Math.trunc(seed / 4294967296) >>> 0;
    return high === 0 ? low : mixSeed(low, high);
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A deterministic random stream (mulberry32). Same seed, same sequence, on every platform.
 *
 * @example
 * const a = new Rng(1), b = new Rng(1);
 * a.next() === b.next(); // true
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value of a weighted table `[[value, weight], …]` (weights need not sum to 1). */
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    const last = table[table.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty table');
    return last[0];
  }
}
