import { createHash, hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createPseudonymiser,
  createRehasher,
  normaliseName,
  phonex,
  pseudonymise,
  rehash,
} from '../../src/pseudonymisation/index.js';
import type { Sha1Utf8 } from '../../src/pseudonymisation/index.js';
import { phonex12 } from '../../src/pseudonymisation/phonex.js';
import { nodeSha1Utf8 } from '../../src/cli/sha1.js';
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
      it("gives the same identifiers with node:crypto's SHA-1 of texts (what the CLI uses), memo or not", () => {
        for (const sha1Utf8 of [nodeSha1Utf8, (t: string) => createHash('sha1').update(t).digest('hex')]) {
          for (const memo of [0, 8]) {
            const key = official.key;
            expect(createPseudonymiser({ key, sha1Utf8, memo })(identity)).toBe(c.numanonym_2016);
            expect(createPseudonymiser({ key, sha1Utf8, memo, scheme: 'oned-2011' })(identity)).toBe(c.numanonym_2011);
          }
          expect(createRehasher({ key: official.key2, sha1Utf8 })(c.numanonym_2016)).toBe(c.rehash_2016);
        }
      });
    });
  }
});

describe('a text SHA-1 (sha1Utf8) with a key whose bytes are not a UTF-8 text', () => {
  // Such a key cannot be appended as a text: the bytes path must be taken, and must give what the built-in gives.
  const calls: string[] = [];
  const spy: Sha1Utf8 = (t) => {
    calls.push(t);
    return hash('sha1', t, 'hex');
  };
  const identity = { prenom: 'Zoé', nomMere: 'Dupont', moisNaissance: 11, anneeNaissance: 2012 };
  for (const [label, key] of [
    ['a lone continuation byte', new Uint8Array([0x6b, 0x65, 0x79, 0x80, 0x31, 0x32])],
    ['a truncated sequence at the end', new Uint8Array([0x6b, 0x65, 0x79, 0xc3])],
    ['an overlong encoding', new Uint8Array([0xc0, 0xaf, 0x6b, 0x65, 0x79])],
  ] as const) {
    it(`${label}: same identifiers as the built-in SHA-1, the text SHA-1 not called`, () => {
      calls.length = 0;
      expect(createPseudonymiser({ key, sha1Utf8: spy })(identity)).toBe(pseudonymise(identity, { key }));
      const received = official.cases[0]!.numanonym_2016;
      expect(createRehasher({ key, sha1Utf8: spy })(received)).toBe(rehash(received, { key }));
      expect(calls).toEqual([]);
    });
  }
  it('a UTF-8 key given as bytes uses the text SHA-1 and gives the vectors', () => {
    calls.length = 0;
    const c = official.cases[0]!;
    const identity0 = { prenom: c.prenom, nomMere: c.nomMere, moisNaissance: c.mnais, anneeNaissance: c.anais };
    const key = new TextEncoder().encode(official.key);
    expect(createPseudonymiser({ key, sha1Utf8: spy })(identity0)).toBe(c.numanonym_2016);
    expect(calls.length).toBe(2);
  });
});
