import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextPool } from '../../src/_lib/text-pool.js';
import { valuePool } from '../../src/analysis/intern.js';
import { retainedBy } from '../support/memory.js';
import { runs } from '../support/runs.js';

describe('TextPool', () => {
  it('gives each distinct text one number, the first texts first; a value pool gives 0 to the empty value', () => {
    const pool = valuePool();
    expect([pool.intern('AEMO'), pool.intern('AEMO'), pool.intern('AED'), pool.intern('')]).toEqual([1, 1, 2, 0]);
    expect(pool.find('AED')).toBe(2);
    expect(pool.find('MJIE')).toBe(-1);
    expect(pool.get(2)).toBe('AED');
    expect(pool.get(3)).toBe('');
    expect(new TextPool(['b', 'a', 'b']).texts).toEqual(['b', 'a']);
  });

  it('numbers texts as a Map would, repeats included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', 'a', 'b', '2019-01-05', 'x'.repeat(20)), { maxLength: 60 }), (texts) => {
        const pool = new TextPool();
        const seen = new Map<string, number>();
        for (const t of texts) {
          if (!seen.has(t)) seen.set(t, seen.size);
          expect(pool.intern(t)).toBe(seen.get(t));
        }
        expect(pool.size).toBe(seen.size);
        for (const [t, n] of seen) {
          expect(pool.get(n)).toBe(t);
          expect(pool.find(t)).toBe(n);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('keeps its own copy of each value: 200 pseudonyms cut from 200 texts of 200,000 characters do not keep the texts alive', async () => {
    const { value: pool, retained } = await retainedBy(() => {
      const p = valuePool();
      for (let i = 0; i < 200; i++) {
        const text = `${'x'.repeat(200_000)}${i.toString(16).padStart(8, '0').repeat(5)}`; // a fresh parent string each time
        p.intern(text.slice(200_000));
      }
      return p;
    });
    expect(pool.texts).toHaveLength(201);
    expect(pool.texts[8]).toBe('00000007'.repeat(5));
    // Keeping the texts would cost ~40 MB; the pseudonyms weigh ~20 KB.
    expect(retained).toBeLessThan(4_000_000);
  });
});
