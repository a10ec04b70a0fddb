import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VECTORS_PATH, renderVectors } from '../../scripts/generate-vectors.js';
import official from './official-vectors.json' with { type: 'json' };

describe('docs/vectors/pseudonymisation-vectors.json', () => {
  const text = readFileSync(VECTORS_PATH, 'utf8');
  const file = JSON.parse(text) as { key: string; key2: string; cases: Array<Record<string, unknown>> };

  it('is current: regenerating gives the same bytes (npx tsx scripts/generate-vectors.ts)', () => {
    expect(renderVectors()).toBe(text);
  });

  it('has at least 200 cases, with unique ids', () => {
    expect(file.cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(file.cases.map((c) => c.id)).size).toBe(file.cases.length);
  });

  it('agrees with the 12 public vectors, field by field', () => {
    expect([file.key, file.key2]).toEqual([official.key, official.key2]);
    for (const c of official.cases) {
      const ours = file.cases.find((x) => x.id === c.id);
      expect(ours).toBeDefined();
      for (const [field, value] of Object.entries(c)) expect(ours?.[field], `${c.id}.${field}`).toBe(value);
    }
  });

  it('gives variants the identifiers of their base case', () => {
    const variants = file.cases.filter((c) => c.variantOf);
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      const base = file.cases.find((c) => c.id === v.variantOf);
      expect(v.numanonym_2016).toBe(base?.numanonym_2016);
      expect(v.numanonym_2011).toBe(base?.numanonym_2011);
    }
  });
});
