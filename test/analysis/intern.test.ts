import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/analysis/intern.js';
import { retainedBy } from '../support/memory.js';

describe('StringPool', () => {
  it('gives each distinct string one id, 0 for empty and absent', () => {
    const pool = new StringPool();
    expect([
      pool.intern('AEMO'),
      pool.intern('AEMO'),
      pool.intern('AED'),
      pool.intern(''),
      pool.intern(undefined),
    ]).toEqual([1, 1, 2, 0, 0]);
    expect(pool.find('AED')).toBe(2);
    expect(pool.find('MJIE')).toBe(-1);
  });

  it('keeps its own copy of each value: 200 pseudonyms cut from 200 texts of 200,000 characters do not keep the texts alive', async () => {
    const { value: pool, retained } = await retainedBy(() => {
      const p = new StringPool();
      for (let i = 0; i < 200; i++) {
        const text = `${'x'.repeat(200_000)}${i.toString(16).padStart(8, '0').repeat(5)}`; // a fresh parent string each time
        p.intern(text.slice(200_000));
      }
      return p;
    });
    expect(pool.values).toHaveLength(201);
    expect(pool.values[8]).toBe('00000007'.repeat(5));
    // Keeping the texts would cost ~40 MB; the pseudonyms weigh ~20 KB.
    expect(retained).toBeLessThan(4_000_000);
  });
});
