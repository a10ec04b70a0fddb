import { describe, expect, it } from 'vitest';
import { normaliseName, phonex, phonex12, pseudonymise, rehash } from '../../src/pseudonymisation/index.js';
// Source: shared/reference/pseudonymisation-vectors.json (the 12 public vectors), copied verbatim with its keys.
import official from './official-vectors.json' with { type: 'json' };

describe('the 12 public vectors (shared/reference/pseudonymisation-vectors.json)', () => {
  it('has 12 cases', () => expect(official.cases).toHaveLength(12));
  for (const c of official.cases) {
    describe(`${c.id}`, () => {
      const identity = {
        prenom: c.prenom,
        nomMere: c.nomMere,
        jourNaissance: c.jnais,
        moisNaissance: c.mnais,
        anneeNaissance: c.anais,
      };
      it('normalises both names', () => {
        expect(normaliseName(c.prenom)).toBe(c.norm_prenom);
        expect(normaliseName(c.nomMere)).toBe(c.norm_nomMere);
      });
      it('gives both phonex strings and phonex12', () => {
        expect(phonex(c.norm_prenom)).toBe(c.phonex_prenom);
        expect(phonex(c.norm_nomMere)).toBe(c.phonex_nomMere);
        expect(phonex12(c.norm_prenom) + phonex12(c.norm_nomMere)).toBe(c.phonex12);
      });
      it('gives NUMANONYM in both schemes', () => {
        expect(pseudonymise(identity, { key: official.key })).toBe(c.numanonym_2016);
        expect(pseudonymise(identity, { key: official.key, scheme: 'olinpe-2016' })).toBe(c.numanonym_2016);
        expect(pseudonymise(identity, { key: official.key, scheme: 'oned-2011' })).toBe(c.numanonym_2011);
      });
      it('accepts the key as bytes and date parts as text', () => {
        const textual = {
          ...identity,
          moisNaissance: String(c.mnais).padStart(2, '0'),
          anneeNaissance: String(c.anais),
        };
        expect(pseudonymise(textual, { key: new TextEncoder().encode(official.key) })).toBe(c.numanonym_2016);
      });
      it('gives the level-2 identifier', () => {
        expect(rehash(c.numanonym_2016, { key: official.key2 })).toBe(c.rehash_2016);
      });
    });
  }
});
