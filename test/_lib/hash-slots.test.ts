/**
 * The open-addressing table behind the pools (src/_lib/hash-slots.ts) finds what a `Map` finds: a pool built on it
 * (here: texts under a deliberately poor hash, so that probe paths are long and hashes collide) gives every text the
 * number a `Map` gives it, whether the table keeps the hashes or computes them again when it grows, whatever ids
 * the owner hands it (not only 0, 1, 2…), and after it is cleared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashSlots } from '../../src/_lib/hash-slots.js';
import { runs } from '../support/runs.js';

/** A pool of texts on a table; ids are `first + k * step` for the k-th distinct text. */
class Pool {
  readonly slots: HashSlots;
  private readonly texts = new Map<number, string>();
  private count = 0;

  constructor(
    private readonly hash: (text: string) => number,
    keep: boolean,
    private readonly first: number,
    private readonly step: number,
    capacity: number,
  ) {
    this.slots = new HashSlots(keep ? undefined : (id) => this.hash(this.texts.get(id)!), capacity);
  }

  find(text: string): number {
    for (let id = this.slots.first(this.hash(text)); id >= 0; id = this.slots.next())
      if (this.texts.get(id) === text) return id;
    return -1;
  }

  intern(text: string): number {
    const found = this.find(text);
    if (found >= 0) return found;
    const id = this.first + this.count++ * this.step;
    this.texts.set(id, text);
    this.slots.put(id);
    return id;
  }

  clear(): void {
    this.texts.clear();
    this.count = 0;
    this.slots.clear(2);
  }
}

const hashes: Record<string, (text: string) => number> = {
  'its length (every text of a length collides)': (t) => t.length,
  'FNV-1a': (t) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
    return h;
  },
  'negative numbers, high bits only': (t) => (t.length << 20) | 0x80000000,
};

describe('HashSlots', () => {
  for (const [name, hash] of Object.entries(hashes))
    it(`numbers texts as a Map does, hashes kept or not, any ids, after clear (property; hash: ${name})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }),
          fc.array(fc.string({ maxLength: 4 }), { maxLength: 20 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 1, max: 3 }),
          fc.constantFrom(2, 4, 16),
          (texts, absent, keep, first, step, capacity) => {
            const pool = new Pool(hash, keep, first, step, capacity);
            for (let round = 0; round < 2; round++) {
              const map = new Map<string, number>();
              for (const t of texts) {
                if (!map.has(t)) map.set(t, first + map.size * step);
                expect(pool.intern(t)).toBe(map.get(t));
              }
              expect(pool.slots.size).toBe(map.size);
              for (const [t, id] of map) expect(pool.find(t)).toBe(id);
              for (const t of absent) expect(pool.find(t)).toBe(map.get(t) ?? -1);
              pool.clear();
              expect(pool.slots.size).toBe(0);
            }
          },
        ),
        { numRuns: runs(100) },
      );
    });
});
